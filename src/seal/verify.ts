import { compactVerify, createLocalJWKSet, errors, type JSONWebKeySet } from 'jose';
import { PasserelleError } from '../errors.js';
import { SEAL_ALG, SEAL_TYPE } from './keys.js';

/**
 * What a receiver does with a delivered record: check it against the gateway's published
 * JWKS (`/.well-known/jwks.json`) and read the record. ES256 only, and only JWS typed as
 * a record. Refusals are `seal.alg-not-allowed`, `seal.unknown-key`, `seal.bad-signature`
 * or `seal.malformed` (also for a JWKS that is not one).
 */
export async function verifySealed(jws: string, jwks: JSONWebKeySet): Promise<Record<string, unknown>> {
  let keys: ReturnType<typeof createLocalJWKSet>;
  try {
    keys = createLocalJWKSet(jwks);
  } catch {
    throw refused('seal.malformed', 'the key set is not a JWKS');
  }
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified = await compactVerify(jws, keys, { algorithms: [SEAL_ALG] });
  } catch (error) {
    throw translate(error);
  }
  if (verified.protectedHeader.typ !== SEAL_TYPE) throw refused('seal.malformed', `the JWS is not typed ${SEAL_TYPE}`);
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch {
    throw refused('seal.malformed', 'the sealed payload is not JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw refused('seal.malformed', 'the sealed payload is not a JSON object');
  }
  return payload as Record<string, unknown>;
}

function translate(error: unknown): PasserelleError {
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return refused('seal.alg-not-allowed', `only ${SEAL_ALG} seals are accepted`);
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return refused('seal.unknown-key', 'the seal names no key of this key set');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return refused('seal.bad-signature', 'the seal does not verify: altered, or signed by another key');
  return refused('seal.malformed', 'not a compact JWS');
}

function refused(code: string, message: string): PasserelleError {
  return new PasserelleError(code, message, { status: 422 });
}
