import { expect } from 'vitest';
import type { CaseRecord } from '../../contract/types.js';
import { diffRecords, type RecordChange } from '../changes/diff.js';
import type { MapResult, RecordStamp } from '../port.js';

// Changes found by comparing snapshots (systems without events of their own): an event's id
// must come out the same each time the same export is read, or it would be delivered twice.

export interface Snapshot {
  record: CaseRecord;
  stamp: RecordStamp;
}

/** The first record of a read and its stamp. */
export function snapshotOf(result: MapResult): Snapshot {
  return { record: result.records[0]!, stamp: result.stamps![0]! };
}

type ChangeEventId = (record: CaseRecord, change: RecordChange, stamp: RecordStamp) => string;

/**
 * The changes from `before` to `after`, having asserted that `again` (the same export as
 * `after`, read once more) gives each change the same event id.
 */
export function expectStableChanges(before: Snapshot, after: Snapshot, again: Snapshot, changeEventId: ChangeEventId): RecordChange[] {
  const changes = diffRecords(before.record, after.record);
  expect(changes.map((c) => changeEventId(again.record, c, again.stamp))).toEqual(changes.map((c) => changeEventId(after.record, c, after.stamp)));
  return changes;
}

/** What a poll finds: the changes of the record, their event ids and the stamp of the read. */
export interface PolledChanges {
  changes: RecordChange[];
  ids: string[];
  stamp: RecordStamp;
}

/**
 * What a poll finds once `edit` is made to the sample, compared with the sample as it is:
 * `read(edit)` maps fresh fixtures after the edit. The edited sample is read twice, and each
 * change must get the same event id both times.
 */
export function polledChanges<T>(read: (edit: (body: T) => void) => MapResult, changeEventId: ChangeEventId, edit: (body: T) => void): PolledChanges {
  const after = snapshotOf(read(edit));
  const changes = expectStableChanges(snapshotOf(read(() => undefined)), after, snapshotOf(read(edit)), changeEventId);
  return { changes, ids: changes.map((c) => changeEventId(after.record, c, after.stamp)), stamp: after.stamp };
}

/** A copy of a record as another system's (`source.system`), edited: what an adapter writes for a record it did not read. */
export function asForeign(record: CaseRecord, system: CaseRecord['source']['system'], edit: (copy: CaseRecord) => void = () => undefined): CaseRecord {
  const copy = structuredClone(record);
  copy.source.system = system;
  edit(copy);
  return copy;
}
