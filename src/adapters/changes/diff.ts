import type { CaseEventType, CaseRecord, Consent } from '../../contract/types.js';

/** One change between two snapshots of a person's record, as an event type with its details. */
export interface RecordChange {
  type: CaseEventType;
  from?: string;
  to?: string;
  effectiveDate?: string;
  consentId?: string;
}

const currentStatus = (r: CaseRecord) => r.residence.statusHistory.find((s) => s.to === undefined) ?? r.residence.statusHistory.at(-1);

/**
 * What changed for a person between the last snapshot and the record now, by the rule the
 * canton systems without a change log share (FORMAT.md of Navision, KLIBnet, Ecase, CM-T,
 * the Excel tool, SharePoint, Lora, Centralis): a new current status, phase or responsible
 * institution, a new consent or a new revocation, each its own event; any other difference
 * is one `case.updated`; no difference, nothing. A person seen for the first time is one
 * `case.updated`. `source.extractedAt` is not a difference.
 */
export function diffRecords(previous: CaseRecord | undefined, current: CaseRecord): RecordChange[] {
  if (!previous) return [{ type: 'case.updated' }];
  const changes: RecordChange[] = [];
  const [was, now] = [currentStatus(previous), currentStatus(current)];
  if (now && was?.status !== now.status) {
    changes.push({ type: 'case.status-changed', ...(was ? { from: was.status } : {}), to: now.status, effectiveDate: now.from });
  }
  const [a, b] = [previous.responsibility, current.responsibility];
  if (a.phase !== b.phase) changes.push({ type: 'case.phase-changed', from: a.phase, to: b.phase, effectiveDate: b.since });
  if (a.institutionId !== b.institutionId) {
    changes.push({ type: 'case.institution-changed', from: a.institutionId, to: b.institutionId, effectiveDate: b.since });
  }
  const before = new Map<string, Consent>((previous.consents ?? []).map((c) => [c.id, c]));
  for (const consent of current.consents ?? []) {
    const old = before.get(consent.id);
    if (!old) changes.push({ type: 'consent.granted', consentId: consent.id, effectiveDate: consent.grantedOn });
    if (consent.revokedOn && !old?.revokedOn) changes.push({ type: 'consent.revoked', consentId: consent.id, effectiveDate: consent.revokedOn });
  }
  if (changes.length === 0 && !sameRecord(previous, current)) changes.push({ type: 'case.updated' });
  return changes;
}

/** Equal but for the time of extraction. */
export function sameRecord(a: CaseRecord, b: CaseRecord): boolean {
  return canonical({ ...a, source: { ...a.source, extractedAt: '' } }) === canonical({ ...b, source: { ...b.source, extractedAt: '' } });
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
