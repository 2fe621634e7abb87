import { eventIdFor, type CaseRecord, type RecordChange, type RecordStamp } from '../../src/adapters/sdk.js';

/**
 * The id of an event found by comparing a person with its last snapshot (Lora pushes
 * nothing): UUID v5 of `lora:<idLora>:<modifieLe>:<type>[:<autorisation id>]`, so a
 * restarted poll repeats nothing.
 */
export function changeEventId(record: CaseRecord, change: RecordChange, stamp: RecordStamp): string {
  return eventIdFor('lora', record.source.localPersonId, stamp.version, change.type, ...(change.consentId ? [change.consentId] : []));
}
