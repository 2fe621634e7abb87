import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { devIssuerJwks, issueDevToken } from './dev-issuer.js';
import { createVerifier } from './verifier.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const b64 = (v: object): string => Buffer.from(JSON.stringify(v)).toString('base64url');

async function signed(claims: Record<string, unknown>, alg: 'ES256' | 'HS256' = 'ES256', expires = '1h') {
  const key = alg === 'HS256' ? new TextEncoder().encode('a-shared-secret-of-32-bytes-long!') : (await generateKeyPair('ES256')).privateKey;
  return new SignJWT(claims).setProtectedHeader({ alg }).setSubject('s').setExpirationTime(expires).sign(key);
}

describe('token verification', () => {
  it('gives the principal of a valid development token', async () => {
    const verifier = createVerifier({ jwks: await devIssuerJwks(dir), issuer: 'passerelle-dev', audience: 'passerelle' });
    const token = await issueDevToken(dir, { institutionId: 'be-koeniz', roles: ['receiver'] });
    expect(await verifier.verify(token)).toEqual({ subject: 'dev:be-koeniz', institutionId: 'be-koeniz', roles: ['receiver'] });
  });

  it('refuses bad tokens with a stable code each', async () => {
    const verifier = createVerifier({ jwks: await devIssuerJwks(dir) });
    const now = Math.floor(Date.now() / 1000);
    const refusals: [string, string, string][] = [
      ['malformed', 'not-a-jwt', 'auth.malformed-token'],
      ['alg none', `${b64({ alg: 'none' })}.${b64({ sub: 's', institution: 'x', roles: ['ops'], exp: now + 60 })}.`, 'auth.alg-not-allowed'],
      ['HS256', await signed({ institution: 'x', roles: ['ops'] }, 'HS256'), 'auth.alg-not-allowed'],
      ['another key', await signed({ institution: 'x', roles: ['ops'] }), 'auth.'],
    ];
    for (const [what, token, code] of refusals) {
      const error = await verifier.verify(token).catch((e: unknown) => e as { code: string; status: number });
      expect(error, what).toMatchObject({ status: 401 });
      expect((error as { code: string }).code.startsWith(code), `${what}: ${(error as { code: string }).code}`).toBe(true);
    }
  });

  it('refuses expired tokens and tokens without institution or with unknown roles', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), alg: 'ES256' };
    const verifier = createVerifier({ jwks: { keys: [jwk] }, clockToleranceSec: 0 });
    const sign = (claims: Record<string, unknown>, exp: number) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setSubject('s').setExpirationTime(exp).sign(privateKey);
    const now = Math.floor(Date.now() / 1000);
    await expect(verifier.verify(await sign({ institution: 'x', roles: ['ops'] }, now - 10))).rejects.toMatchObject({ code: 'auth.expired' });
    await expect(verifier.verify(await sign({ roles: ['ops'] }, now + 60))).rejects.toMatchObject({ code: 'auth.claims-invalid' });
    await expect(verifier.verify(await sign({ institution: 'x', roles: ['root'] }, now + 60))).rejects.toMatchObject({ code: 'auth.claims-invalid' });
  });

  it('fetches a remote JWKS', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] };
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const verifier = createVerifier({ jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer: 'idp' });
      const token = await new SignJWT({ institution: 'be-asi', roles: ['ops'] }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer('idp').setSubject('op-1').setExpirationTime('5m').sign(privateKey);
      expect(await verifier.verify(token)).toEqual({ subject: 'op-1', institutionId: 'be-asi', roles: ['ops'] });
    } finally {
      server.close();
    }
  });
});
