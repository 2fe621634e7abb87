import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSftpServer, type LocalSftpServer } from '../../../tests/support/sftp-server.js';
import { openFileStore } from './transports.js';
import type { FileStore } from './store.js';

describe('the SFTP folder store, against a real SFTP server on loopback', () => {
  let root: string;
  let server: LocalSftpServer;
  let store: FileStore;
  const env = { SFTP_PASSWORD: 'sftp-test-password' };
  const transport = (extra: Record<string, unknown> = {}) => ({
    transport: { kind: 'sftp', host: '127.0.0.1', port: server.port, username: 'passerelle', password: { env: 'SFTP_PASSWORD' }, hostKey: server.hostKey, root: '/', ...extra },
  });

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'sftp-'));
    server = await startSftpServer(root);
    store = openFileStore('gl-sozialamt', transport(), env);
  });
  afterAll(async () => {
    await store.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the files of a folder by name with size and time, and nothing of a missing one', async () => {
    mkdirSync(path.join(root, 'out'), { recursive: true });
    writeFileSync(path.join(root, 'out', 'CMT_Export_20261201.csv'), 'sep=;\nA;B\n');
    writeFileSync(path.join(root, 'out', 'CMT_Export_20261130.csv'), 'x');
    mkdirSync(path.join(root, 'out', 'processed'), { recursive: true });
    const listed = await store.list('out');
    expect(listed.map((e) => [e.name, e.size])).toEqual([
      ['CMT_Export_20261130.csv', 1],
      ['CMT_Export_20261201.csv', 10],
    ]);
    expect(listed[0]!.modifiedAt).toBeGreaterThan(0);
    expect(await store.list('nowhere')).toEqual([]);
  });

  it('reads and streams a file byte for byte', async () => {
    const bytes = Buffer.alloc(700_000, 0xe9);
    writeFileSync(path.join(root, 'big.bin'), bytes);
    expect(Buffer.from(await store.read('big.bin')).equals(bytes)).toBe(true);
    const chunks: Uint8Array[] = [];
    for await (const chunk of store.stream('big.bin')) chunks.push(chunk);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });

  it('writes under a temporary name then renames, once per name when asked, and moves and removes', async () => {
    expect(await store.write('in/CMT_Import_1.csv', new TextEncoder().encode('first'), { createOnly: true })).toEqual({ created: true });
    expect(await store.write('in/CMT_Import_1.csv', new TextEncoder().encode('second'), { createOnly: true })).toEqual({ created: false });
    expect(readFileSync(path.join(root, 'in', 'CMT_Import_1.csv'), 'utf8')).toBe('first');
    expect(await store.write('in/CMT_Import_1.csv', new TextEncoder().encode('replaced'))).toEqual({ created: true });
    expect(readFileSync(path.join(root, 'in', 'CMT_Import_1.csv'), 'utf8')).toBe('replaced');
    expect(readdirSync(path.join(root, 'in'))).toEqual(['CMT_Import_1.csv']);
    await store.move('in/CMT_Import_1.csv', 'in/done/CMT_Import_1.csv');
    expect(existsSync(path.join(root, 'in', 'done', 'CMT_Import_1.csv'))).toBe(true);
    await store.remove('in/done/CMT_Import_1.csv');
    await store.remove('in/done/CMT_Import_1.csv');
    expect(existsSync(path.join(root, 'in', 'done', 'CMT_Import_1.csv'))).toBe(false);
  });

  it('keeps every path inside its root, and says which file is missing without its name', async () => {
    const rooted = openFileStore('gl-sozialamt', transport({ root: '/out' }), env);
    await expect(rooted.read('../../etc/passwd')).rejects.toMatchObject({ code: 'files.outside-root' });
    expect((await rooted.list('.')).map((e) => e.name)).toEqual(['CMT_Export_20261130.csv', 'CMT_Export_20261201.csv']);
    const missing = await rooted.read('CMT_Export_19991231.csv').catch((e: Error) => e);
    expect(missing).toMatchObject({ code: 'files.missing', retryable: true });
    expect((missing as Error).message).not.toContain('1999');
    await rooted.close();
  });

  it('reconnects after the connection broke', async () => {
    const before = server.connections();
    await store.close();
    expect(await store.list('out')).toHaveLength(2);
    expect(server.connections()).toBe(before + 1);
  });

  it('refuses a server whose host key is not the configured one, naming the key it saw', async () => {
    const other = openFileStore('gl-sozialamt', transport({ hostKey: 'SHA256:' + 'A'.repeat(43) }), env);
    await expect(other.list('out')).rejects.toMatchObject({ code: 'files.host-key-mismatch', retryable: false, message: expect.stringContaining(server.hostKey) });
    await other.close();
  });

  it('says a refused password is a credential problem, not a network one', async () => {
    const other = openFileStore('gl-sozialamt', transport(), { SFTP_PASSWORD: 'wrong' });
    await expect(other.list('out')).rejects.toMatchObject({ code: 'files.auth-refused', retryable: false });
    await other.close();
  });

  it('stops on settings without a host key or credential, naming the setting', () => {
    expect(() => openFileStore('gl-sozialamt', { transport: { kind: 'sftp', host: 'h', username: 'u', password: { env: 'SFTP_PASSWORD' } } }, env)).toThrow(
      expect.objectContaining({ code: 'adapter.settings-invalid', details: expect.objectContaining({ field: 'institutions.gl-sozialamt.settings.transport.hostKey' }) }),
    );
    expect(() => openFileStore('gl-sozialamt', { transport: { kind: 'sftp', host: 'h', username: 'u', hostKey: server.hostKey } }, env)).toThrow(/password or privateKey/);
    expect(() => openFileStore('gl-sozialamt', { transport: { kind: 'ftp' } }, env)).toThrow(/local, sftp or webdav/);
  });
});
