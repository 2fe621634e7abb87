import { eventIdFor, type CaseRecord, type RecordChange, type RecordStamp } from '../../src/adapters/sdk.js';
import { SYSTEM } from './to-contract.js';

/**
 * The id of an event found by comparing a person with the last workbook: UUID v5 of
 * `excel-sh:<Pers-Nr>:<version>:<type>`, the version being the workbook's `Stand:` date
 * (or its own date). A consent event adds the consent's ID: two consents granted in one
 * workbook are two events.
 */
export function changeEventId(record: CaseRecord, change: RecordChange, stamp: RecordStamp): string {
  const parts = [SYSTEM, record.source.localPersonId, stamp.version, change.type];
  return eventIdFor(...(change.consentId === undefined ? parts : [...parts, change.consentId]));
}
