import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../errors.js';
import { createVerifier, type Verifier } from './verifier.js';

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);
const claims = { sub: 'op-1', institution: 'be-asi', roles: ['ops'] };

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let key: Key;
let jwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  key = pair.privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
});

function sign(payload: JWTPayload, options: { key?: Key | Uint8Array; alg?: string; kid?: string | null; exp?: number | null } = {}): Promise<string> {
  const kid = options.kid === undefined ? 'k1' : options.kid;
  const jwt = new SignJWT(payload).setProtectedHeader({ alg: options.alg ?? 'ES256', ...(kid ? { kid } : {}) });
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? now() + 300);
  return jwt.sign(options.key ?? key);
}

async function refusal(verifier: Verifier, token: string): Promise<{ code: string; status: number }> {
  const error = await verifier.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

describe('token verification', () => {
  it('gives the principal of a valid token', async () => {
    const verifier = createVerifier({ jwks: { keys: [jwk] }, issuer: 'idp', audience: 'passerelle' });
    const token = await sign({ ...claims, roles: ['ops', 'dpo', 'ops'], iss: 'idp', aud: 'passerelle' });
    expect(await verifier.verify(token)).toEqual({ subject: 'op-1', institutionId: 'be-asi', roles: ['ops', 'dpo'] });
  });

  it('refuses what is not a JWT', async () => {
    const verifier = createVerifier({ jwks: { keys: [jwk] } });
    for (const token of ['', 'not-a-jwt', 'a.b', `${b64({ alg: 'ES256' })}.not json.x`, 'e30.bm90IGpzb24.c2ln']) {
      expect(await refusal(verifier, token), token).toMatchObject({ code: 'auth.malformed-token', status: 401 });
    }
  });

  it('refuses an expired token, beyond the clock tolerance', async () => {
    const strict = createVerifier({ jwks: { keys: [jwk] }, clockToleranceSec: 0 });
    const lenient = createVerifier({ jwks: { keys: [jwk] }, clockToleranceSec: 30 });
    const token = await sign(claims, { exp: now() - 10 });
    expect(await refusal(strict, token)).toMatchObject({ code: 'auth.expired', status: 401 });
    expect(await lenient.verify(token)).toMatchObject({ subject: 'op-1' });
  });

  it('refuses a token signed by another key, or altered', async () => {
    const verifier = createVerifier({ jwks: { keys: [jwk] } });
    const { privateKey: other } = await generateKeyPair('ES256');
    expect(await refusal(verifier, await sign(claims, { key: other, kid: 'k2' }))).toMatchObject({ code: 'auth.unknown-key' });
    expect(await refusal(verifier, await sign(claims, { key: other }))).toMatchObject({ code: 'auth.bad-signature' });
    expect(await refusal(verifier, await sign(claims, { key: other, kid: null }))).toMatchObject({ code: 'auth.bad-signature' });
    const [h, , s] = (await sign(claims)).split('.');
    const altered = `${h}.${b64({ ...claims, roles: ['dpo'], exp: now() + 300 })}.${s}`;
    expect(await refusal(verifier, altered)).toMatchObject({ code: 'auth.bad-signature' });
  });

  it('refuses alg none and shared-secret tokens, even when the key set holds the secret', async () => {
    const secret = new TextEncoder().encode('a-shared-secret-of-32-bytes-long!');
    const oct: JWK = { kty: 'oct', k: Buffer.from(secret).toString('base64url'), kid: 'hs' };
    const verifier = createVerifier({ jwks: { keys: [jwk, oct] } });
    const none = `${b64({ alg: 'none' })}.${b64({ ...claims, exp: now() + 60 })}.`;
    expect(await refusal(verifier, none)).toMatchObject({ code: 'auth.alg-not-allowed' });
    expect(await refusal(verifier, await sign(claims, { key: secret, alg: 'HS256', kid: 'hs' }))).toMatchObject({ code: 'auth.alg-not-allowed' });
  });

  it('refuses tokens whose claims do not make a principal', async () => {
    const verifier = createVerifier({ jwks: { keys: [jwk] }, issuer: 'idp', audience: 'passerelle' });
    const good = { ...claims, iss: 'idp', aud: 'passerelle' };
    const { institution: _i, ...noInstitution } = good;
    const { roles: _r, ...noRoles } = good;
    const { sub: _s, ...noSubject } = good;
    const cases: [string, JWTPayload, { exp?: null }?][] = [
      ['no institution', noInstitution],
      ['an empty institution', { ...good, institution: '' }],
      ['no roles', noRoles],
      ['roles neither a list nor a string', { ...good, roles: 42 }],
      ['no role at all', { ...good, roles: [] }],
      ['only roles the gateway does not know', { ...good, roles: ['root', 'offline_access'] }],
      ['no subject', noSubject],
      ['no expiry', good, { exp: null }],
      ['another issuer', { ...good, iss: 'elsewhere' }],
      ['another audience', { ...good, aud: 'someone-else' }],
      ['not valid yet', { ...good, nbf: now() + 3600 }],
    ];
    for (const [what, payload, options] of cases) {
      expect(await refusal(verifier, await sign(payload, options)), what).toMatchObject({ code: 'auth.claims-invalid', status: 401 });
    }
  });

  it('refuses a token issued in the future, or living longer than allowed', async () => {
    const verifier = createVerifier({ jwks: { keys: [jwk] }, maxLifetimeSec: 3600 });
    expect(await refusal(verifier, await sign({ ...claims, iat: now() + 600 }, { exp: now() + 900 }))).toMatchObject({ code: 'auth.issued-in-future' });
    expect(await refusal(verifier, await sign({ ...claims, iat: now() }, { exp: now() + 7200 }))).toMatchObject({ code: 'auth.lifetime-too-long' });
    // Without iat, the time left counts.
    expect(await refusal(verifier, await sign(claims, { exp: now() + 7200 }))).toMatchObject({ code: 'auth.lifetime-too-long' });
    expect(await verifier.verify(await sign({ ...claims, iat: now() - 10 }, { exp: now() + 3000 }))).toMatchObject({ subject: 'op-1' });
  });

  it('refuses a token naming an institution outside the registry', async () => {
    const verifier = createVerifier({ jwks: { keys: [jwk] }, isKnownInstitution: (id) => id === 'be-asi' });
    expect(await verifier.verify(await sign(claims))).toMatchObject({ institutionId: 'be-asi' });
    expect(await refusal(verifier, await sign({ ...claims, institution: 'be-nowhere' }))).toMatchObject({ code: 'auth.unknown-institution', status: 401 });
  });

  it("reads nested claims and the identity provider's role names (Keycloak, Entra ID)", async () => {
    const keycloak = createVerifier({ jwks: { keys: [jwk] }, claims: { institution: 'passerelle.institution', roles: 'realm_access.roles', roleMap: { 'passerelle-ops': 'ops', 'passerelle-dpo': 'dpo' } } });
    const token = await sign({ sub: 'u-1', passerelle: { institution: 'be-asi' }, realm_access: { roles: ['offline_access', 'passerelle-dpo', 'uma_authorization'] } });
    expect(await keycloak.verify(token)).toEqual({ subject: 'u-1', institutionId: 'be-asi', roles: ['dpo'] });
    // An unmapped role is never taken as ours, even when its name is one of ours.
    expect(await refusal(keycloak, await sign({ sub: 'u-1', passerelle: { institution: 'be-asi' }, realm_access: { roles: ['ops'] } }))).toMatchObject({ code: 'auth.claims-invalid' });
    const entra = createVerifier({ jwks: { keys: [jwk] }, claims: { institution: 'extension_institution', roles: 'roles' } });
    expect(await entra.verify(await sign({ sub: 'oid-1', extension_institution: 'be-asi', roles: ['receiver'] }))).toMatchObject({ roles: ['receiver'] });
  });

  it('tries each fitting key when a token names none', async () => {
    const other = await generateKeyPair('ES256');
    const verifier = createVerifier({ jwks: { keys: [{ ...(await exportJWK(other.publicKey)), alg: 'ES256' }, jwk] } });
    expect(await verifier.verify(await sign(claims, { kid: null }))).toMatchObject({ subject: 'op-1' });
    const { privateKey: stranger } = await generateKeyPair('ES256');
    expect(await refusal(verifier, await sign(claims, { key: stranger, kid: null }))).toMatchObject({ code: 'auth.bad-signature' });
  });
});

describe('where the keys come from', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-verifier-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a JWKS file, and stops the start on one it cannot use', async () => {
    const file = path.join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [jwk] }));
    expect(await createVerifier({ jwksFile: file }).verify(await sign(claims))).toMatchObject({ subject: 'op-1' });
    writeFileSync(file, '{"keys": 1}');
    expect(() => createVerifier({ jwksFile: file })).toThrow(expect.objectContaining({ code: 'config.invalid', details: { field: 'PASSERELLE_AUTH_JWKS_FILE' } }));
    expect(() => createVerifier({ jwksFile: path.join(dir, 'missing.json') })).toThrow(expect.objectContaining({ code: 'config.invalid' }));
    expect(() => createVerifier({ jwksUrl: 'ftp://idp/jwks' })).toThrow(expect.objectContaining({ code: 'config.invalid', details: { field: 'PASSERELLE_AUTH_JWKS_URL' } }));
    expect(() => createVerifier({})).toThrow(expect.objectContaining({ code: 'config.invalid' }));
  });

  it('fetches a remote JWKS', async () => {
    let answer: { status: number; body: string } = { status: 200, body: JSON.stringify({ keys: [jwk] }) };
    const server = http.createServer((_req, res) => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const verifier = createVerifier({ jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer: 'idp' });
      expect(await verifier.verify(await sign({ ...claims, iss: 'idp' }))).toEqual({ subject: 'op-1', institutionId: 'be-asi', roles: ['ops'] });

      // A broken identity provider is not the caller's fault: 503, try again.
      answer = { status: 500, body: 'oops' };
      const fresh = createVerifier({ jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer: 'idp' });
      await expect(fresh.verify(await sign({ ...claims, iss: 'idp' }))).rejects.toMatchObject({ code: 'auth.jwks-unavailable', status: 503, retryable: true });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers 503 when the identity provider cannot be reached', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const verifier = createVerifier({ jwksUrl: `http://127.0.0.1:${port}/jwks.json` });
    await expect(verifier.verify(await sign(claims))).rejects.toMatchObject({ code: 'auth.jwks-unavailable', status: 503 });
  });
});

describe('verified tokens are remembered until they expire', () => {
  it('answers the same token again with the same principal, and refuses it once expired', async () => {
    let clock = Date.now();
    const verifier = createVerifier({ jwks: { keys: [jwk] }, now: () => new Date(clock) });
    const token = await sign({ ...claims, iat: now() }, { exp: now() + 60 });
    const first = await verifier.verify(token);
    expect(first).toMatchObject({ institutionId: 'be-asi', roles: ['ops'] });
    expect(await verifier.verify(token)).toBe(first);
    expect(Object.isFrozen(first.roles)).toBe(true);
    clock += 120_000;
    expect((await refusal(verifier, token)).code).toBe('auth.expired');
  });

  it('remembers only what verified: a tampered copy of a remembered token is still refused', async () => {
    const verifier = createVerifier({ jwks: { keys: [jwk] } });
    const token = await sign(claims);
    await verifier.verify(token);
    const [h, , sig] = token.split('.');
    expect((await refusal(verifier, `${h}.${b64({ ...claims, roles: ['dpo'], exp: now() + 300 })}.${sig}`)).code).toBe('auth.bad-signature');
  });
});
