import type { Consent } from '../contract/types.js';

/** A consent recorded at the gateway: its id lives in the namespace of the institution that recorded it. */
export interface GatewayConsent {
  institutionId: string;
  consent: Consent;
}

/** The id a gateway consent goes by in decisions: `<institution>/<id>`, never a source consent's id. */
export const gatewayConsentId = (c: GatewayConsent): string => `${c.institutionId}/${c.consent.id}`;

/**
 * The consents a decision weighs. Those of the source record, each with the earliest
 * revocation its own installation reported (`consent.revoked`: a revocation recorded at
 * the gateway wins over an older source record); beside them, the gateway's own, in their
 * namespaces: a gateway consent never replaces, shadows or revokes a source consent.
 */
export function mergeConsents(
  fromRecord: readonly Consent[],
  sourceRevocations: readonly { consentId: string; revokedOn: string }[],
  fromGateway: readonly GatewayConsent[] = [],
): Consent[] {
  const revoked = new Map<string, string>();
  for (const r of sourceRevocations) {
    const known = revoked.get(r.consentId);
    if (!known || r.revokedOn < known) revoked.set(r.consentId, r.revokedOn);
  }
  const source = fromRecord.map((c) => {
    const at = revoked.get(c.id);
    if (!at) return c;
    const revokedOn = c.revokedOn && c.revokedOn < at ? c.revokedOn : at;
    return { ...c, revokedOn };
  });
  return [...source, ...fromGateway.map((g) => ({ ...g.consent, id: gatewayConsentId(g) }))];
}
