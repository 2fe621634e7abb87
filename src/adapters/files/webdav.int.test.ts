import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebDavServer, type LocalWebDavServer } from '../../../tests/support/webdav-server.js';
import type { FileStore } from './store.js';
import { openFileStore } from './transports.js';

describe('the WebDAV folder store, against a real WebDAV server on loopback', () => {
  let root: string;
  let server: LocalWebDavServer;
  let store: FileStore;
  const env = { AIS_WEBDAV_PASSWORD: 'webdav-test-password' };
  const settings = (extra: Record<string, unknown> = {}) => ({ transport: { kind: 'webdav', url: server.url, username: 'ais-clerk', password: { env: 'AIS_WEBDAV_PASSWORD' }, ...extra } });

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'webdav-'));
    server = await startWebDavServer(root);
    store = openFileStore('sh-sozialamt-ais', settings(), env);
  });
  afterAll(async () => {
    await store.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists a folder with PROPFIND (Depth 1), each file with its ETag; files only', async () => {
    mkdirSync(path.join(root, 'Fallführung', 'AIS-Export', 'alt'), { recursive: true });
    writeFileSync(path.join(root, 'Fallführung', 'AIS-Export', 'AIS_Fallliste_SH_2026-12-01.xlsx'), 'PK-one');
    writeFileSync(path.join(root, 'Fallführung', 'AIS-Export', '~$AIS_Fallliste_SH_2026-12-01.xlsx'), 'lock');
    const listed = await store.list('Fallführung/AIS-Export');
    expect(listed.map((e) => e.name)).toEqual(['AIS_Fallliste_SH_2026-12-01.xlsx', '~$AIS_Fallliste_SH_2026-12-01.xlsx']);
    expect(listed[0]).toMatchObject({ size: 6, etag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(server.requests.some((r) => r.method === 'PROPFIND')).toBe(true);
    expect(await store.list('Fallführung/nirgends')).toEqual([]);
  });

  it('reads and streams a file', async () => {
    const bytes = Buffer.alloc(300_000, 7);
    writeFileSync(path.join(root, 'big.xlsx'), bytes);
    expect(Buffer.from(await store.read('big.xlsx')).equals(bytes)).toBe(true);
    const chunks: Uint8Array[] = [];
    for await (const chunk of store.stream('big.xlsx')) chunks.push(chunk);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('creates a file with If-None-Match: *, gets its ETag, and never replaces a taken name', async () => {
    const first = await store.write('Fallführung/Eingang/Passerelle_4711_20261202101500.xlsx', new TextEncoder().encode('workbook'), { createOnly: true });
    expect(first).toMatchObject({ created: true, etag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const listed = await store.list('Fallführung/Eingang');
    expect(listed[0]!.etag).toBe(first.etag);
    expect(server.requests.filter((r) => r.method === 'PUT').at(-1)?.ifNoneMatch).toBe('*');
    expect(await store.write('Fallführung/Eingang/Passerelle_4711_20261202101500.xlsx', new TextEncoder().encode('other'), { createOnly: true })).toEqual({ created: false });
    expect(readFileSync(path.join(root, 'Fallführung', 'Eingang', 'Passerelle_4711_20261202101500.xlsx'), 'utf8')).toBe('workbook');
  });

  it('moves and removes', async () => {
    await store.move('Fallführung/AIS-Export/AIS_Fallliste_SH_2026-12-01.xlsx', 'Fallführung/AIS-Export/gelesen/AIS_Fallliste_SH_2026-12-01.xlsx');
    expect(existsSync(path.join(root, 'Fallführung', 'AIS-Export', 'gelesen', 'AIS_Fallliste_SH_2026-12-01.xlsx'))).toBe(true);
    await store.remove('Fallführung/AIS-Export/gelesen/AIS_Fallliste_SH_2026-12-01.xlsx');
    await store.remove('Fallführung/AIS-Export/gelesen/AIS_Fallliste_SH_2026-12-01.xlsx');
    expect(existsSync(path.join(root, 'Fallführung', 'AIS-Export', 'gelesen', 'AIS_Fallliste_SH_2026-12-01.xlsx'))).toBe(false);
  });

  it('says refused credentials are a credential problem', async () => {
    const wrong = openFileStore('sh-sozialamt-ais', settings(), { AIS_WEBDAV_PASSWORD: 'wrong' });
    await expect(wrong.list('Fallführung')).rejects.toMatchObject({ code: 'files.auth-refused', retryable: false });
  });

  it('refuses plain http to anywhere but this machine, and a password in the registry', () => {
    expect(() => openFileStore('x', { transport: { kind: 'webdav', url: 'http://sharepoint.sh.ch/sites/ais' } }, env)).toThrow(/https/);
    expect(() => openFileStore('x', { transport: { kind: 'webdav', url: server.url, password: 'plain' } }, env)).toThrow(/\{ env: NAME \}/);
  });
});
