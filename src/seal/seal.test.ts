import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportPKCS8, generateKeyPair } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeys } from './keys.js';
import { createVault } from './vault.js';
import { verifySealed } from './verify.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'seal-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('sealing', () => {
  it('signs a record that verifies against the published JWKS, and keeps its key across restarts', async () => {
    const dir = tmp();
    const keys = await loadOrCreateKeys({ dir });
    const jws = await keys.sign({ recordId: 'r', person: { officialName: 'x' } });
    expect(await verifySealed(jws, keys.jwks())).toEqual({ recordId: 'r', person: { officialName: 'x' } });
    expect(keys.jwks().keys[0]).not.toHaveProperty('d');
    expect((await loadOrCreateKeys({ dir })).kid).toBe(keys.kid);
  });

  it('refuses a tampered JWS and one signed by another key', async () => {
    const keys = await loadOrCreateKeys({ dir: tmp() });
    const jws = await keys.sign({ a: 1 });
    const [h, , s] = jws.split('.');
    const tampered = `${h}.${Buffer.from('{"a":2}').toString('base64url')}.${s}`;
    await expect(verifySealed(tampered, keys.jwks())).rejects.toThrow();
    const other = await loadOrCreateKeys({ dir: tmp() });
    await expect(verifySealed(await other.sign({ a: 1 }), keys.jwks())).rejects.toThrow();
  });

  it('uses a PEM signing key when one is configured', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const keys = await loadOrCreateKeys({ dir: tmp(), signingKeyPem: await exportPKCS8(privateKey) });
    expect(await verifySealed(await keys.sign({}), keys.jwks())).toEqual({});
    await expect(loadOrCreateKeys({ dir: tmp(), signingKeyPem: 'not a pem' })).rejects.toMatchObject({ code: 'config.invalid' });
  });
});

describe('the vault (encryption at rest)', () => {
  it('round-trips, binds each item to its id, and one destroyed key destroys one record', async () => {
    const dir = tmp();
    const vault = await createVault({ dir });
    const a = await vault.seal(new TextEncoder().encode('record A'), 't-a');
    const b = await vault.seal(new TextEncoder().encode('record B'), 't-b');
    expect(a.jwe).not.toContain('record');
    expect(new TextDecoder().decode(await vault.open(a.jwe, a.wrappedKey, 't-a'))).toBe('record A');
    await expect(vault.open(a.jwe, b.wrappedKey, 't-a')).rejects.toMatchObject({ code: 'seal.decrypt-failed' });
    await expect(vault.open(a.jwe, a.wrappedKey, 't-b')).rejects.toMatchObject({ code: 'seal.decrypt-failed' });
    const reopened = await createVault({ dir });
    expect(new TextDecoder().decode(await reopened.open(b.jwe, b.wrappedKey, 't-b'))).toBe('record B');
  });

  it('refuses a master key that is not 32 bytes', async () => {
    await expect(createVault({ dir: tmp(), masterKey: Buffer.alloc(16).toString('base64') })).rejects.toMatchObject({ code: 'config.invalid', details: { field: 'PASSERELLE_MASTER_KEY' } });
  });
});
