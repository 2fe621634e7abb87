import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { ConfigError, InputError } from '../errors.js';
import { keyFile, parseJwk, readOrCreate } from '../seal/files.js';
import { isRole, ROLES } from './principal.js';

export const DEV_ISSUER = 'passerelle-dev';
export const DEV_AUDIENCE = 'passerelle';

const KEY = 'dev-issuer.jwk.json';
const DEFAULT_TTL_SECONDS = 8 * 3600;

export interface DevTokenClaims {
  institutionId: string;
  /** Checked against the known roles: the CLI passes what a person typed. */
  roles: readonly string[];
  /** 8 hours unless given. */
  ttlSeconds?: number;
  /** `dev:<institutionId>` unless given. */
  subject?: string;
}

/**
 * Development tokens for the embedded mode, where no identity provider is configured:
 * an ES256 key kept in `<dir>/keys/dev-issuer.jwk.json`, trusted only when the gateway
 * has no JWKS of its own configured.
 */
export interface DevIssuer {
  issueDevToken(claims: DevTokenClaims): Promise<string>;
  /** Public key only; what the embedded gateway verifies tokens against. */
  devIssuerJwks(): JSONWebKeySet;
}

export async function createDevIssuer(dir: string): Promise<DevIssuer> {
  const { jwk, key } = await issuerKey(dir);
  const { kty, crv, x, y, kid } = jwk;
  const published: JWK = { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' };
  return {
    async issueDevToken(claims) {
      const ttl = checked(claims);
      return new SignJWT({ institution: claims.institutionId, roles: [...claims.roles] })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(claims.subject ?? `dev:${claims.institutionId}`)
        .setIssuedAt()
        .setExpirationTime(`${ttl}s`)
        .sign(key);
    },
    devIssuerJwks: () => ({ keys: [{ ...published }] }),
  };
}

/** One token from the issuer kept in `dir` (the CLI and the demo banner). */
export async function issueDevToken(dir: string, claims: DevTokenClaims): Promise<string> {
  return (await createDevIssuer(dir)).issueDevToken(claims);
}

export async function devIssuerJwks(dir: string): Promise<JSONWebKeySet> {
  return (await createDevIssuer(dir)).devIssuerJwks();
}

async function issuerKey(dir: string): Promise<{ jwk: JWK & { kid: string }; key: Awaited<ReturnType<typeof importJWK>> }> {
  const text = await readOrCreate(dir, KEY, async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    return JSON.stringify({ ...jwk, kid: await calculateJwkThumbprint(jwk) });
  });
  const jwk = parseJwk(text, KEY);
  try {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) throw new Error('not a P-256 private key');
    // A file written by hand may lack a kid; tokens always name one.
    return { jwk: { ...jwk, kid: jwk.kid ?? (await calculateJwkThumbprint(jwk)) }, key: await importJWK(jwk, 'ES256') };
  } catch {
    throw new ConfigError('config.invalid', `${keyFile(KEY)} is not a P-256 private key; remove it to create a new one`, { field: keyFile(KEY) });
  }
}

function checked(claims: DevTokenClaims): number {
  if (claims.institutionId === '') throw new InputError('cli.invalid-option', 'an institution id is needed', { field: 'institution' });
  if (claims.roles.length === 0 || !claims.roles.every(isRole)) {
    throw new InputError('cli.invalid-option', `roles are some of ${ROLES.join(', ')}`, { field: 'roles' });
  }
  const ttl = claims.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1) throw new InputError('cli.invalid-option', '--ttl is a number of seconds', { field: 'ttl' });
  return ttl;
}
