import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { SEAL_ALG } from './keys.js';

/** What a receiver does with a delivered record: check it against the published JWKS. */
export async function verifySealed(jws: string, jwks: JSONWebKeySet): Promise<unknown> {
  const { payload } = await compactVerify(jws, createLocalJWKSet(jwks), { algorithms: [SEAL_ALG] });
  return JSON.parse(new TextDecoder().decode(payload)) as unknown;
}
