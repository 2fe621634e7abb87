import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { InputError } from '../errors.js';
import { readOrCreate } from '../seal/files.js';
import { ROLES, type Role } from './verifier.js';

export const DEV_ISSUER = 'passerelle-dev';
export const DEV_AUDIENCE = 'passerelle';

/**
 * Development tokens for the embedded mode, where no identity provider is configured:
 * an ES256 key kept in `<dir>/keys/dev-issuer.jwk.json`, trusted only when the gateway
 * has no JWKS of its own configured.
 */
async function issuerKey(dir: string): Promise<JWK> {
  const text = await readOrCreate(dir, 'dev-issuer.jwk.json', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    return JSON.stringify({ ...jwk, kid: `dev-${Date.now().toString(36)}` });
  });
  return JSON.parse(text) as JWK;
}

export async function devIssuerJwks(dir: string): Promise<JSONWebKeySet> {
  const { d: _d, ...pub } = await issuerKey(dir);
  return { keys: [{ ...pub, alg: 'ES256', use: 'sig' }] };
}

export async function issueDevToken(
  dir: string,
  claims: { institutionId: string; roles: string[]; ttlSeconds?: number; subject?: string },
): Promise<string> {
  const unknown = claims.roles.filter((r) => !ROLES.includes(r as Role));
  if (unknown.length > 0 || claims.roles.length === 0) {
    throw new InputError('cli.invalid-option', `roles are some of ${ROLES.join(', ')}`, { field: 'roles' });
  }
  const ttl = claims.ttlSeconds ?? 8 * 3600;
  if (!Number.isInteger(ttl) || ttl < 1) throw new InputError('cli.invalid-option', '--ttl is a number of seconds', { field: 'ttl' });
  const jwk = await issuerKey(dir);
  const key = await importJWK(jwk, 'ES256');
  return new SignJWT({ institution: claims.institutionId, roles: claims.roles })
    .setProtectedHeader({ alg: 'ES256', ...(jwk.kid ? { kid: jwk.kid } : {}), typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(claims.subject ?? `dev:${claims.institutionId}`)
    .setIssuedAt()
    .setExpirationTime(`${ttl}s`)
    .sign(key);
}
