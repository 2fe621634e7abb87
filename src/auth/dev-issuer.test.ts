import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER, devIssuerJwks, issueDevToken } from './dev-issuer.js';
import { createVerifier } from './verifier.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'passerelle-dev-issuer-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the development issuer', () => {
  it('issues tokens the embedded gateway verifies against its JWKS', async () => {
    const dir = tmp();
    const verifier = createVerifier({ jwks: await devIssuerJwks(dir), issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    const token = await issueDevToken(dir, { institutionId: 'be-koeniz', roles: ['receiver'] });
    expect(await verifier.verify(token)).toEqual({ subject: 'dev:be-koeniz', institutionId: 'be-koeniz', roles: ['receiver'] });
    const issuer = await createDevIssuer(dir);
    const ops = await issuer.issueDevToken({ institutionId: 'be-asi', roles: ['ops', 'dpo'], subject: 'alice' });
    expect(await verifier.verify(ops)).toEqual({ subject: 'alice', institutionId: 'be-asi', roles: ['ops', 'dpo'] });
  });

  it('signs with ES256 under the key thumbprint, for eight hours unless told', async () => {
    const issuer = await createDevIssuer(tmp());
    const [published] = issuer.devIssuerJwks().keys;
    expect(published).not.toHaveProperty('d');
    expect(published).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: await calculateJwkThumbprint(published!) });
    const token = await issuer.issueDevToken({ institutionId: 'be-asi', roles: ['ops'] });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: published!.kid, typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: DEV_ISSUER, aud: DEV_AUDIENCE, institution: 'be-asi', roles: ['ops'] });
    expect(claims.exp! - claims.iat!).toBe(8 * 3600);
    const short = decodeJwt(await issuer.issueDevToken({ institutionId: 'be-asi', roles: ['ops'], ttlSeconds: 60 }));
    expect(short.exp! - short.iat!).toBe(60);
  });

  it('keeps its key across restarts, in a file only the owner reads', async () => {
    const dir = tmp();
    const first = (await devIssuerJwks(dir)).keys[0]!;
    expect((await devIssuerJwks(dir)).keys[0]).toEqual(first);
    if (process.platform !== 'win32') expect(statSync(path.join(dir, 'keys', 'dev-issuer.jwk.json')).mode & 0o777).toBe(0o600);
  });

  it("is trusted by no other gateway's verifier", async () => {
    const verifier = createVerifier({ jwks: await devIssuerJwks(tmp()), issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    const token = await issueDevToken(tmp(), { institutionId: 'be-asi', roles: ['ops'] });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'auth.unknown-key', status: 401 });
  });

  it('refuses unknown roles and a bad lifetime', async () => {
    const dir = tmp();
    for (const claims of [
      { institutionId: 'be-asi', roles: ['root'] },
      { institutionId: 'be-asi', roles: [] },
      { institutionId: '', roles: ['ops'] },
      { institutionId: 'be-asi', roles: ['ops'], ttlSeconds: 0 },
      { institutionId: 'be-asi', roles: ['ops'], ttlSeconds: 1.5 },
    ]) {
      await expect(issueDevToken(dir, claims), JSON.stringify(claims)).rejects.toMatchObject({ code: 'cli.invalid-option', status: 400 });
    }
  });

  it('keeps the kid of a key file written before kids were thumbprints, and refuses a damaged one', async () => {
    const dir = tmp();
    const file = path.join(dir, 'keys', 'dev-issuer.jwk.json');
    await devIssuerJwks(dir);
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    writeFileSync(file, JSON.stringify({ ...jwk, kid: 'dev-legacy' }));
    const token = await issueDevToken(dir, { institutionId: 'be-asi', roles: ['ops'] });
    expect(decodeProtectedHeader(token).kid).toBe('dev-legacy');
    expect(await createVerifier({ jwks: await devIssuerJwks(dir) }).verify(token)).toMatchObject({ institutionId: 'be-asi' });
    writeFileSync(file, JSON.stringify({ kty: 'EC', crv: 'P-256' }));
    await expect(devIssuerJwks(dir)).rejects.toMatchObject({ code: 'config.invalid', details: { field: 'keys/dev-issuer.jwk.json' } });
  });
});
