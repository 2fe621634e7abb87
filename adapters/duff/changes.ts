import { eventIdFor, type CaseRecord, type RecordChange, type RecordStamp } from '../../src/adapters/sdk.js';

/**
 * The id of an event found by comparing a polled Dossier with its last snapshot (the
 * fallback to webhooks): UUID v5 of `duff:<dossierNr>:<version>:<type>[:<einwilligung id>]`.
 */
export function changeEventId(record: CaseRecord, change: RecordChange, stamp: RecordStamp): string {
  return eventIdFor('duff', record.source.localCaseId, stamp.version, change.type, ...(change.consentId ? [change.consentId] : []));
}
