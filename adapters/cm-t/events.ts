import type { CaseRecord, RecordChange, RecordStamp } from '../../src/adapters/sdk.js';
import { eventIdFor } from '../../src/adapters/sdk.js';

/**
 * The id of an event found by comparing a person's row with its last snapshot (FORMAT.md
 * "Changes"): UUID v5 of `cm-t:<institution>:<Personen-ID>:<version>:<type>[:<consent>]`,
 * the version being the hash of the row (see `stampOf` in to-contract.ts). The same
 * export read twice gives the same rows, hence the same ids; the next night's export
 * holds the same row while nothing changed, and then no event at all.
 */
export function changeEventId(record: CaseRecord, change: RecordChange, stamp: RecordStamp): string {
  return eventIdFor('cm-t', record.source.institutionId, record.source.localPersonId, stamp.version, change.type, ...(change.consentId === undefined ? [] : [change.consentId]));
}
