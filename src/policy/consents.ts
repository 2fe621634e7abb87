import type { Consent } from '../contract/types.js';

/**
 * Consents from the source record and from the gateway, one per id. A revocation recorded
 * at the gateway wins over an older source record: the earliest revocation counts.
 */
export function mergeConsents(fromRecord: readonly Consent[], fromGateway: readonly Consent[]): Consent[] {
  const merged = new Map<string, Consent>();
  for (const consent of fromRecord) merged.set(consent.id, consent);
  for (const consent of fromGateway) {
    const known = merged.get(consent.id);
    if (!known) {
      merged.set(consent.id, consent);
      continue;
    }
    const revokedOn = [known.revokedOn, consent.revokedOn].filter((d): d is string => d !== undefined).sort()[0];
    merged.set(consent.id, { ...known, ...(revokedOn ? { revokedOn } : {}) });
  }
  return [...merged.values()];
}
