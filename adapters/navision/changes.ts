import { at, eventIdFor, invalid, missing, parseTimestamp, type CaseRecord, type RecordChange, type RecordStamp } from '../../src/adapters/sdk.js';
import { BLANK_DATETIME, type NavRow } from './native.js';

// NAV has no change log: events come from comparing a beneficiary with its last snapshot
// (`diffRecords`). `Derniere_Modif_Dossier` (ORS's, changed with every sub-table) is the
// version; `Last_Date_Modified` (NAV's, card only) is not used.

const STAMP = at('source', 'Derniere_Modif_Dossier');

/**
 * `{ version: Derniere_Modif_Dossier as served, occurredAt: that instant in Zurich time }`.
 * Checked while the card maps, so a card without one is rejected rather than stamped with
 * a version that would make its events collide.
 */
export function stampOf(card: NavRow): RecordStamp {
  const version = card.Derniere_Modif_Dossier;
  if (version === null || version === undefined || version === '' || (typeof version === 'string' && isBlank(version))) throw missing(STAMP);
  if (typeof version !== 'string') throw invalid('mapping.invalid-date', STAMP, 'is not a DateTime');
  const occurredAt = parseTimestamp(version, STAMP);
  if (occurredAt === undefined) throw missing(STAMP);
  return { version, occurredAt };
}

// NAV's blank DateTime, with or without fractions.
const isBlank = (value: string): boolean => value.trim().replace(/\.0+(?=Z$)/, '') === BLANK_DATETIME;

/**
 * UUID v5 (contract namespace) of `navision:<No>:<Derniere_Modif_Dossier>:<type>`, as
 * FORMAT.md gives it: a restarted poll repeats nothing. Consent events, which the FORMAT's
 * recipe does not name, also carry the consent id: two consents granted in one version are
 * two events.
 */
export function changeEventId(record: CaseRecord, change: RecordChange, stamp: RecordStamp): string {
  const parts: string[] = ['navision', record.source.localPersonId, stamp.version, change.type];
  if (change.consentId !== undefined && change.type.startsWith('consent.')) parts.push(change.consentId);
  return eventIdFor(...parts);
}
