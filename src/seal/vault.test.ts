import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVault } from './vault.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'passerelle-vault-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const decryptFailed = { code: 'seal.decrypt-failed', status: 500 };

describe('the vault (encryption at rest)', () => {
  it('round-trips bytes and objects, and shows nothing of them', async () => {
    const vault = await createVault({ dir: tmp() });
    const a = await vault.seal(bytes('record A'), 't-a');
    expect(a.jwe.split('.')).toHaveLength(5);
    expect(Buffer.from(a.jwe.split('.')[0]!, 'base64url').toString()).toBe('{"alg":"dir","enc":"A256GCM","cty":"passerelle-record","kid":"t-a"}');
    expect(a.jwe).not.toContain(Buffer.from('record A').toString('base64url'));
    expect(text(await vault.open(a.jwe, a.wrappedKey, 't-a'))).toBe('record A');
    const o = await vault.seal({ person: { officialName: 'Muster' } });
    expect(JSON.parse(text(await vault.open(o.jwe, o.wrappedKey)))).toEqual({ person: { officialName: 'Muster' } });
  });

  it('gives each record its own key: another record\'s key does not open it', async () => {
    const vault = await createVault({ dir: tmp() });
    const a = await vault.seal(bytes('record A'), 't');
    const b = await vault.seal(bytes('record B'), 't');
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
    await expect(vault.open(a.jwe, b.wrappedKey, 't')).rejects.toMatchObject(decryptFailed);
  });

  it('binds an item to its id', async () => {
    const vault = await createVault({ dir: tmp() });
    const a = await vault.seal(bytes('record A'), 't-a');
    await expect(vault.open(a.jwe, a.wrappedKey, 't-b')).rejects.toMatchObject(decryptFailed);
    await expect(vault.open(a.jwe, a.wrappedKey)).rejects.toMatchObject(decryptFailed);
  });

  it('cannot open a record whose wrapped key is destroyed, and the others stay readable', async () => {
    const vault = await createVault({ dir: tmp() });
    const a = await vault.seal(bytes('record A'), 't-a');
    const b = await vault.seal(bytes('record B'), 't-b');
    for (const destroyed of ['', 'AAAA', Buffer.alloc(40).toString('base64url')]) {
      await expect(vault.open(a.jwe, destroyed, 't-a')).rejects.toMatchObject(decryptFailed);
    }
    expect(text(await vault.open(b.jwe, b.wrappedKey, 't-b'))).toBe('record B');
  });

  it('refuses an altered item, without the plaintext or a cause in the error', async () => {
    const vault = await createVault({ dir: tmp() });
    const a = await vault.seal(bytes('record A'), 't-a');
    const parts = a.jwe.split('.');
    const cipher = Buffer.from(parts[3]!, 'base64url');
    cipher[0] = cipher[0]! ^ 1;
    parts[3] = cipher.toString('base64url');
    const error = (await vault.open(parts.join('.'), a.wrappedKey, 't-a').then(() => undefined, (e: unknown) => e)) as Error;
    expect(error).toMatchObject(decryptFailed);
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify(error) + error.message).not.toContain('record A');
  });

  it('keeps its master key across restarts, in a file only the owner reads', async () => {
    const dir = tmp();
    const a = await (await createVault({ dir })).seal(bytes('record A'), 't-a');
    expect(text(await (await createVault({ dir })).open(a.jwe, a.wrappedKey, 't-a'))).toBe('record A');
    const file = path.join(dir, 'keys', 'master.key');
    expect(Buffer.from(readFileSync(file, 'utf8'), 'base64')).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    await expect((await createVault({ dir: tmp() })).open(a.jwe, a.wrappedKey, 't-a')).rejects.toMatchObject(decryptFailed);
  });

  it('takes the master key from PASSERELLE_MASTER_KEY', async () => {
    const masterKey = randomBytes(32).toString('base64');
    const a = await (await createVault({ masterKey })).seal(bytes('record A'), 't-a');
    expect(text(await (await createVault({ dir: tmp(), masterKey })).open(a.jwe, a.wrappedKey, 't-a'))).toBe('record A');
  });

  it('refuses a master key that is not 32 bytes', async () => {
    const bad = [Buffer.alloc(16).toString('base64'), randomBytes(32).toString('hex')];
    for (const masterKey of bad) {
      await expect(createVault({ dir: tmp(), masterKey })).rejects.toMatchObject({ code: 'config.invalid', details: { field: 'PASSERELLE_MASTER_KEY' } });
    }
    await expect(createVault({})).rejects.toMatchObject({ code: 'config.invalid' });
  });
});
