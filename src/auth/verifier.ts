import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import { AuthError, ConfigError, PasserelleError } from '../errors.js';
import { principalOf, type ClaimNames, type Principal } from './principal.js';

export { ROLES, requireRole, type ClaimNames, type Principal, type Role } from './principal.js';

export interface Verifier {
  /** The token's principal, or an AuthError (401) with a stable `auth.*` code. */
  verify(token: string): Promise<Principal>;
}

export interface VerifierOptions {
  /** The identity provider's JWKS endpoint (`PASSERELLE_AUTH_JWKS_URL`); fetched, cached, refetched for an unknown `kid`. */
  jwksUrl?: string;
  /** A JWKS file (`PASSERELLE_AUTH_JWKS_FILE`), read once. */
  jwksFile?: string;
  /** A JWKS at hand (the embedded development issuer). */
  jwks?: JSONWebKeySet;
  issuer?: string;
  audience?: string;
  /** Clock skew allowed on `exp`, `nbf` and `iat`; 30 s unless given. */
  clockToleranceSec?: number;
  /** Longest lifetime (`exp` − `iat`) accepted; 12 hours unless given. */
  maxLifetimeSec?: number;
  /** Where the institution and roles are; `institution` and `roles` unless given. */
  claims?: ClaimNames;
  /** The registry: a token naming an institution outside it is refused. */
  isKnownInstitution?: (id: string) => boolean;
  /** The clock (tests). */
  now?: () => Date;
}

// Asymmetric only: `none` and shared-secret HS* tokens are refused before any key is looked up.
export const ALLOWED_ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'] as const;

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;
const MAX_CACHED = 10_000;

export function createVerifier(options: VerifierOptions): Verifier {
  const keys = keySet(options);
  const tolerance = options.clockToleranceSec ?? 30;
  const maxLifetime = options.maxLifetimeSec ?? 12 * 3600;
  const now = options.now ?? (() => new Date());
  const verifyOptions: JWTVerifyOptions = {
    algorithms: [...ALLOWED_ALGORITHMS],
    requiredClaims: ['exp', 'sub'],
    clockTolerance: tolerance,
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
  };
  // Verified tokens until their expiry: a caller's every request costs a lookup, not a signature check.
  const verified = new Map<string, { principal: Principal; exp: number }>();
  return {
    async verify(token) {
      if (!JWT_SHAPE.test(token)) throw new AuthError('auth.malformed-token', 'the bearer token is not a JWT');
      const cached = verified.get(token);
      if (cached && Math.floor(now().getTime() / 1000) < cached.exp) return cached.principal;
      verified.delete(token);
      let payload: JWTPayload;
      try {
        payload = await verifyWithAnyKey(token, keys, { ...verifyOptions, currentDate: now() });
      } catch (error) {
        throw translate(error);
      }
      const at = Math.floor(now().getTime() / 1000);
      const exp = payload.exp!;
      if (payload.iat !== undefined && payload.iat > at + tolerance) {
        throw new AuthError('auth.issued-in-future', 'the token says it was issued in the future; check the clocks');
      }
      if (exp - (payload.iat ?? at) > maxLifetime) {
        throw new AuthError('auth.lifetime-too-long', `the token lives longer than ${maxLifetime} seconds; ask for a shorter one`);
      }
      const principal = principalOf(payload, options.claims);
      if (options.isKnownInstitution && !options.isKnownInstitution(principal.institutionId)) {
        throw new AuthError('auth.unknown-institution', 'the token names an institution that is not in the registry');
      }
      Object.freeze(principal.roles);
      Object.freeze(principal);
      // Bounded: the oldest goes first.
      if (verified.size >= MAX_CACHED) verified.delete(verified.keys().next().value!);
      verified.set(token, { principal, exp });
      return principal;
    },
  };
}

async function verifyWithAnyKey(token: string, keys: JWTVerifyGetKey, options: JWTVerifyOptions): Promise<JWTPayload> {
  try {
    return (await jwtVerify(token, keys, options)).payload;
  } catch (error) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    // No `kid`, and several keys fit: the one that verifies wins.
    for await (const key of error) {
      try {
        return (await jwtVerify(token, key, options)).payload;
      } catch (attempt) {
        if (!(attempt instanceof errors.JWSSignatureVerificationFailed)) throw attempt;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

function keySet(options: VerifierOptions): JWTVerifyGetKey {
  if (options.jwks) return localSet(options.jwks, 'the key set to verify tokens is not a JWKS');
  if (options.jwksFile) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(options.jwksFile, 'utf8'));
    } catch {
      parsed = undefined;
    }
    return localSet(parsed, 'PASSERELLE_AUTH_JWKS_FILE is not a readable JWKS', 'PASSERELLE_AUTH_JWKS_FILE');
  }
  if (options.jwksUrl) return remoteSet(options.jwksUrl);
  throw new ConfigError('config.invalid', 'a JWKS (URL, file or keys) is needed to verify tokens');
}

function localSet(jwks: unknown, message: string, field?: string): JWTVerifyGetKey {
  try {
    return createLocalJWKSet(jwks as JSONWebKeySet);
  } catch {
    throw new ConfigError('config.invalid', message, field ? { field } : {});
  }
}

/**
 * The identity provider's key set. When it cannot be fetched the token is not at fault:
 * that is a 503 to try again, not a 401 that sends the caller to log in anew.
 */
function remoteSet(url: string): JWTVerifyGetKey {
  const jwks = createRemoteJWKSet(httpUrl(url), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof errors.JOSENotSupported) throw error;
      throw new PasserelleError('auth.jwks-unavailable', "the identity provider's key set could not be fetched; try again shortly", {
        status: 503,
        retryable: true,
        cause: error,
      });
    }
  };
}

function httpUrl(url: string): URL {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed;
  } catch {
    // reported below
  }
  throw new ConfigError('config.invalid', 'PASSERELLE_AUTH_JWKS_URL must be an http(s) URL', { field: 'PASSERELLE_AUTH_JWKS_URL' });
}

// jose's errors are dropped, not chained: a claims error carries the token's claims.
function translate(error: unknown): PasserelleError {
  if (error instanceof PasserelleError) return error;
  if (error instanceof errors.JWTExpired) return new AuthError('auth.expired', 'the token has expired; get a new one');
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new AuthError('auth.alg-not-allowed', `the token must be signed with one of ${ALLOWED_ALGORITHMS.join(', ')}`);
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthError('auth.unknown-key', 'the token is signed by a key this gateway does not trust');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new AuthError('auth.bad-signature', 'the token signature does not verify');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const what = error.reason === 'missing' ? 'is missing' : 'is not acceptable';
    return new AuthError('auth.claims-invalid', `the token's "${error.claim}" claim ${what}`);
  }
  return new AuthError('auth.malformed-token', 'the bearer token could not be read');
}
