import { eventIdFor, type CaseRecord, type RecordChange, type RecordStamp } from '../../src/adapters/sdk.js';

/**
 * The event id of a snapshot change: UUID v5 of `sharepoint-ti:<Id>:<etag>:<type>`, with the
 * `Casi` item's `Id` and `__metadata.etag`; `stamp.version` is `<Id>:<etag>` (see `stampOf`).
 * A change in a child list leaves the case's etag as it was (FORMAT.md "Poll"): two such
 * changes of the same type under one etag get the same id.
 */
export function changeEventId(_record: CaseRecord, change: RecordChange, stamp: RecordStamp): string {
  return eventIdFor('sharepoint-ti', stamp.version, change.type);
}
