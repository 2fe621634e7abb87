import { createHash } from 'node:crypto';
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { canonical } from '../audit/chain.js';
import type { CaseRecord, Decision } from '../contract/types.js';
import { PasserelleError } from '../errors.js';
import { SEAL_ALG, type GatewayKeys } from './keys.js';

/** Media type of a sealed delivery, version 1 (the JWS `typ`). */
export const DELIVERY_TYPE = 'passerelle-delivery.v1+jwt';

/**
 * What a delivery's seal signs: not the record alone but the delivery, so that a
 * recipient cannot pass it on as if it had been addressed to someone else. JWT claims
 * (`iss`, `aud`, `jti`, `iat`, `sub`) name the gateway, the recipient, the transfer, the
 * time and the sender; `purpose`, `policyVersion` and `decisionHash` say why it may go.
 */
export interface DeliveryClaims {
  iss: string;
  aud: string;
  jti: string;
  iat: number;
  sub: string;
  purpose: string;
  policyVersion: string;
  decisionHash: string;
  record: CaseRecord;
}

/** `sha256:` over the canonical JSON of the decision: what was decided travels with its proof. */
export function decisionHash(decision: Decision): string {
  return `sha256:${createHash('sha256').update(canonical(decision), 'utf8').digest('hex')}`;
}

export async function sealDelivery(
  keys: GatewayKeys,
  delivery: { issuer: string; recipient: string; transferId: string; sender: string; purpose: string; decision: Decision; record: CaseRecord; at: Date },
): Promise<string> {
  const claims: DeliveryClaims = {
    iss: delivery.issuer,
    aud: delivery.recipient,
    jti: delivery.transferId,
    iat: Math.floor(delivery.at.getTime() / 1000),
    sub: delivery.sender,
    purpose: delivery.purpose,
    policyVersion: delivery.decision.policyVersion,
    decisionHash: decisionHash(delivery.decision),
    record: delivery.record,
  };
  return keys.sign(claims, DELIVERY_TYPE);
}

/**
 * What a recipient does: verify the seal against the gateway's published JWKS, as the
 * audience it is. A seal addressed to another institution, by another issuer, of another
 * type or altered is refused (`seal.*`, 422).
 */
export async function verifyDelivery(jws: string, jwks: JSONWebKeySet, expect: { audience: string; issuer?: string }): Promise<DeliveryClaims> {
  try {
    const { payload } = await jwtVerify(jws, createLocalJWKSet(jwks), {
      algorithms: [SEAL_ALG],
      typ: DELIVERY_TYPE,
      audience: expect.audience,
      ...(expect.issuer ? { issuer: expect.issuer } : {}),
      requiredClaims: ['iss', 'aud', 'jti', 'iat', 'sub'],
      // A delivery stays verifiable for as long as it is kept.
      clockTolerance: Number.MAX_SAFE_INTEGER,
    });
    return payload as unknown as DeliveryClaims;
  } catch (error) {
    if (error instanceof errors.JWTClaimValidationFailed) throw new PasserelleError('seal.wrong-audience', `the seal does not name this ${error.claim === 'aud' ? 'recipient' : error.claim}`, { status: 422 });
    if (error instanceof errors.JWSSignatureVerificationFailed) throw new PasserelleError('seal.bad-signature', 'the seal does not verify: altered, or signed by another key', { status: 422 });
    if (error instanceof errors.JWKSNoMatchingKey) throw new PasserelleError('seal.unknown-key', 'the seal names no key of this key set', { status: 422 });
    throw new PasserelleError('seal.malformed', 'not a sealed delivery of this gateway', { status: 422 });
  }
}

/** The claims of a seal without verifying it (the gateway reading its own inbox item, which it decrypted itself). */
export function readDelivery(jws: string): DeliveryClaims {
  const payload = jws.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as DeliveryClaims;
}
