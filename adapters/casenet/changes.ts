import { eventIdFor, type CaseRecord, type RecordChange, type RecordStamp } from '../../src/adapters/sdk.js';

/**
 * The id of an event found by comparing a polled dossier with its last snapshot (the
 * fallback to webhooks): UUID v5 of `casenet:<noDossier>:<version>:<type>[:<consent id>]`,
 * so the same change read twice, or after a restart, is the same event.
 */
export function changeEventId(record: CaseRecord, change: RecordChange, stamp: RecordStamp): string {
  return eventIdFor('casenet', record.source.localCaseId, stamp.version, change.type, ...(change.consentId ? [change.consentId] : []));
}
