import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { AuthError, ConfigError } from '../errors.js';

export const ROLES = ['source-system', 'receiver', 'ops', 'dpo'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  subject: string;
  institutionId: string;
  roles: Role[];
}

export interface Verifier {
  verify(token: string): Promise<Principal>;
}

// Asymmetric only: `none` and shared-secret HS* tokens are refused outright.
const ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'];

export interface VerifierOptions {
  jwksUrl?: string;
  jwksFile?: string;
  jwks?: JSONWebKeySet;
  issuer?: string;
  audience?: string;
  clockToleranceSec?: number;
}

export function createVerifier(options: VerifierOptions): Verifier {
  const keys = keySet(options);
  return {
    async verify(token) {
      if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) throw new AuthError('auth.malformed-token', 'the bearer token is not a JWT');
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ALGORITHMS,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: options.clockToleranceSec ?? 30,
          ...(options.issuer ? { issuer: options.issuer } : {}),
          ...(options.audience ? { audience: options.audience } : {}),
        }));
      } catch (error) {
        throw translate(error);
      }
      return principalOf(payload);
    },
  };
}

function keySet(options: VerifierOptions): JWTVerifyGetKey {
  if (options.jwks) return createLocalJWKSet(options.jwks);
  if (options.jwksFile) {
    try {
      return createLocalJWKSet(JSON.parse(readFileSync(options.jwksFile, 'utf8')) as JSONWebKeySet);
    } catch {
      throw new ConfigError('config.invalid', 'PASSERELLE_AUTH_JWKS_FILE is not a readable JWKS', { field: 'PASSERELLE_AUTH_JWKS_FILE' });
    }
  }
  if (options.jwksUrl) return createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  throw new ConfigError('config.invalid', 'a JWKS (URL, file or keys) is needed to verify tokens');
}

function translate(error: unknown): AuthError {
  if (error instanceof errors.JWTExpired) return new AuthError('auth.expired', 'the token has expired; get a new one');
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new AuthError('auth.alg-not-allowed', 'the token is not signed with an allowed asymmetric algorithm');
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthError('auth.unknown-key', 'the token is signed by a key this gateway does not trust');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new AuthError('auth.bad-signature', 'the token signature does not verify');
  if (error instanceof errors.JWTClaimValidationFailed) return new AuthError('auth.claims-invalid', `the token's "${error.claim}" claim is not acceptable`);
  if (error instanceof errors.JWKSTimeout) return new AuthError('auth.jwks-unavailable', 'the key set to verify tokens could not be fetched; try again');
  return new AuthError('auth.malformed-token', 'the bearer token could not be read');
}

function principalOf(payload: Record<string, unknown>): Principal {
  const { sub, institution, roles } = payload;
  if (typeof institution !== 'string' || institution === '') {
    throw new AuthError('auth.claims-invalid', 'the token has no "institution" claim');
  }
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r): r is Role => ROLES.includes(r as Role))) {
    throw new AuthError('auth.claims-invalid', `the token's "roles" must be a list of ${ROLES.join(', ')}`);
  }
  return { subject: String(sub), institutionId: institution, roles };
}
