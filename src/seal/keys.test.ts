import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompactSign, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeys, rotateSigningKey, SEAL_TYPE } from './keys.js';
import { verifySealed } from './verify.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'passerelle-keys-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('the signing key', () => {
  it('signs a record that verifies against the published JWKS', async () => {
    const keys = await loadOrCreateKeys({ dir: tmp() });
    const record = { recordId: 'r', person: { officialName: 'x' } };
    const jws = await keys.sign(record);
    expect(decodeProtectedHeader(jws)).toEqual({ alg: 'ES256', kid: keys.kid, typ: SEAL_TYPE });
    expect(await verifySealed(jws, keys.jwks())).toEqual(record);
  });

  it('publishes the public key only, with kid, alg and use', async () => {
    const keys = await loadOrCreateKeys({ dir: tmp() });
    const [published, ...rest] = keys.jwks().keys;
    expect(rest).toEqual([]);
    expect(published).toEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), kid: keys.kid, alg: 'ES256', use: 'sig' });
    published!.kid = 'changed';
    expect(keys.jwks().keys[0]!.kid).toBe(keys.kid);
  });

  it('keeps its key across restarts, in a file only the owner reads', async () => {
    const dir = tmp();
    const first = await loadOrCreateKeys({ dir });
    const second = await loadOrCreateKeys({ dir });
    expect(second.kid).toBe(first.kid);
    expect(await verifySealed(await first.sign({ a: 1 }), second.jwks())).toEqual({ a: 1 });
    if (process.platform !== 'win32') expect(statSync(path.join(dir, 'keys', 'signing.jwk.json')).mode & 0o777).toBe(0o600);
  });

  it('creates one key when several processes start together', async () => {
    const dir = tmp();
    const started = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateKeys({ dir })));
    expect(new Set(started.map((k) => k.kid)).size).toBe(1);
    expect(readdirSync(path.join(dir, 'keys'))).toEqual(['signing.jwk.json']);
  });

  it('uses a PEM signing key when one is configured, also with escaped line breaks', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const keys = await loadOrCreateKeys({ signingKeyPem: pem });
    expect(await verifySealed(await keys.sign({}), keys.jwks())).toEqual({});
    expect((await loadOrCreateKeys({ signingKeyPem: pem.replaceAll('\n', '\\n') })).kid).toBe(keys.kid);
  });

  it('refuses a PEM that is not a P-256 key, and a damaged key file', async () => {
    const p384 = await exportPKCS8((await generateKeyPair('ES384', { extractable: true })).privateKey);
    for (const signingKeyPem of ['not a pem', p384]) {
      await expect(loadOrCreateKeys({ dir: tmp(), signingKeyPem })).rejects.toMatchObject({ code: 'config.invalid', details: { field: 'PASSERELLE_SIGNING_KEY' } });
    }
    const dir = tmp();
    await loadOrCreateKeys({ dir });
    writeFileSync(path.join(dir, 'keys', 'signing.jwk.json'), '{"kty":"EC"');
    await expect(loadOrCreateKeys({ dir })).rejects.toMatchObject({ code: 'config.invalid', details: { field: 'keys/signing.jwk.json' } });
    await expect(loadOrCreateKeys({})).rejects.toMatchObject({ code: 'config.invalid' });
  });

  it('still verifies what a retired key signed after a rotation', async () => {
    const dir = tmp();
    const old = await loadOrCreateKeys({ dir });
    const jws = await old.sign({ a: 1 });
    const { retired, current } = await rotateSigningKey(dir);
    const keys = await loadOrCreateKeys({ dir });
    expect([retired, current]).toEqual([old.kid, keys.kid]);
    expect(keys.jwks().keys.map((k) => k.kid)).toEqual([current, retired]);
    expect(await verifySealed(jws, keys.jwks())).toEqual({ a: 1 });
  });
});

describe('verifySealed', () => {
  it('refuses a tampered JWS', async () => {
    const keys = await loadOrCreateKeys({ dir: tmp() });
    const [h, , s] = (await keys.sign({ a: 1 })).split('.');
    await expect(verifySealed(`${h}.${b64({ a: 2 })}.${s}`, keys.jwks())).rejects.toMatchObject({ code: 'seal.bad-signature' });
  });

  it('refuses a JWS signed by another key, whether it names its key or claims ours', async () => {
    const keys = await loadOrCreateKeys({ dir: tmp() });
    const other = await loadOrCreateKeys({ dir: tmp() });
    await expect(verifySealed(await other.sign({ a: 1 }), keys.jwks())).rejects.toMatchObject({ code: 'seal.unknown-key' });
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new CompactSign(new TextEncoder().encode('{"a":1}'))
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid, typ: SEAL_TYPE })
      .sign(privateKey);
    await expect(verifySealed(forged, keys.jwks())).rejects.toMatchObject({ code: 'seal.bad-signature' });
  });

  it('refuses any algorithm but ES256, and alg none', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES384');
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k', alg: 'ES384' }] };
    const es384 = await new CompactSign(new TextEncoder().encode('{}')).setProtectedHeader({ alg: 'ES384', kid: 'k', typ: SEAL_TYPE }).sign(privateKey);
    await expect(verifySealed(es384, jwks)).rejects.toMatchObject({ code: 'seal.alg-not-allowed' });
    const none = `${b64({ alg: 'none', typ: SEAL_TYPE })}.${b64({ a: 1 })}.`;
    await expect(verifySealed(none, jwks)).rejects.toMatchObject({ code: 'seal.alg-not-allowed' });
  });

  it('refuses a JWS of another type under the same key, and what is not a JWS', async () => {
    const keys = await loadOrCreateKeys({ dir: tmp() });
    await expect(verifySealed(await keys.sign({ seq: 1 }, 'passerelle-checkpoint+jws'), keys.jwks())).rejects.toMatchObject({ code: 'seal.malformed' });
    await expect(verifySealed('not a jws', keys.jwks())).rejects.toMatchObject({ code: 'seal.malformed' });
    await expect(verifySealed(await keys.sign([1, 2]), keys.jwks())).rejects.toMatchObject({ code: 'seal.malformed' });
  });
});
