import type { CaseRecord, RecordChange, RecordStamp } from '../../src/adapters/sdk.js';
import { eventIdFor } from '../../src/adapters/sdk.js';

/**
 * The id of an event found by comparing a Fall with its last snapshot (FORMAT.md
 * "Changes"): UUID v5 of `ecase:<institution>:<FallNr>:<version>:<type>[:<consent>]`, the
 * version being the Fall's `Mutiert` (see `stampOf` in to-contract.ts). A delta and the
 * nightly full export carry the same Mutiert, and a delivery read again gives it again,
 * so the same change always has the same id; the institution keeps two installations'
 * equal FallNr apart, the consent id two consents granted in one version.
 */
export function changeEventId(record: CaseRecord, change: RecordChange, stamp: RecordStamp): string {
  return eventIdFor('ecase', record.source.institutionId, record.source.localCaseId, stamp.version, change.type, ...(change.consentId === undefined ? [] : [change.consentId]));
}
