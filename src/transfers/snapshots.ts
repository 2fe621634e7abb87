import { createHash } from 'node:crypto';
import { canonical } from '../audit/chain.js';
import type { RecordChange } from '../adapters/changes/diff.js';
import { diffRecords } from '../adapters/changes/diff.js';
import type { RecordStamp } from '../adapters/port.js';
import type { CaseEvent, CaseRecord } from '../contract/types.js';
import type { Institution } from '../policy/types.js';
import { zurichTimestamp } from '../time.js';
import { personRef } from './person.js';
import type { Services } from './services.js';

/** What a record is, but for the time it was extracted: equal digests, no change. */
export function recordDigest(record: CaseRecord): string {
  return `sha256:${createHash('sha256').update(canonical({ ...record, source: { ...record.source, extractedAt: '' } }), 'utf8').digest('hex')}`;
}

/** The snapshot's record, or undefined when there is none (or its key was destroyed by retention). */
export async function readSnapshot(services: Services, institutionId: string, localPersonId: string): Promise<CaseRecord | undefined> {
  const row = await services.store.sources.snapshot(institutionId, localPersonId);
  if (!row?.wrappedKey) return undefined;
  const bytes = await services.vault.open(row.sealed, row.wrappedKey, aad(institutionId, localPersonId));
  return JSON.parse(new TextDecoder().decode(bytes)) as CaseRecord;
}

export interface SnapshotUpdate {
  /** The record changed (or was new), or a change's events were still to be taken. */
  changed: boolean;
  changes: RecordChange[];
  /** Call once the change's events are taken: only then is the snapshot before it let go. */
  settle(): Promise<void>;
}

const aad = (institutionId: string, localPersonId: string, previous = false): string => `snapshot:${institutionId}:${localPersonId}${previous ? ':previous' : ''}`;

/**
 * Keeps the latest record of a person of a source, encrypted at rest like the inbox (one
 * key per snapshot, JWE), and says what changed since the last one. A change is pending
 * until its events are taken (`settle`): a crash in between leaves the snapshot before it
 * in place, and the next read of the same record gives the same change again (with the
 * same event ids, so nothing is taken twice). The installation that holds the person is
 * remembered on the way.
 */
export async function putSnapshot(services: Services, source: Institution, record: CaseRecord, stamp?: RecordStamp, options: { events?: boolean } = {}): Promise<SnapshotUpdate> {
  const { store, vault, pseudonymKey } = services;
  const localPersonId = record.source.localPersonId;
  const digest = recordDigest(record);
  const ref = personRef(pseudonymKey, source.installation, localPersonId);
  await store.rememberPerson(ref, source.installation, source.system);
  const settle = () => store.sources.settle(source.id, localPersonId);
  const existing = await store.sources.snapshot(source.id, localPersonId);
  const open = async (sealed: string | null, key: string | null, previous: boolean): Promise<CaseRecord | undefined> =>
    sealed && key ? (JSON.parse(new TextDecoder().decode(await vault.open(sealed, key, aad(source.id, localPersonId, previous)))) as CaseRecord) : undefined;
  if (existing && existing.digest === digest && existing.wrappedKey) {
    if (!existing.pending) return { changed: false, changes: [], settle };
    // A change whose events were not all taken: the same change again.
    const before = await open(existing.previousSealed, existing.previousKey, true);
    return { changed: true, changes: diffRecords(before, record), settle };
  }
  const previous = existing?.wrappedKey ? await open(existing.sealed, existing.wrappedKey, false) : undefined;
  const changes = diffRecords(previous, record);
  const pending = (options.events ?? true) && changes.length > 0;
  const { jwe, wrappedKey } = await vault.seal(new TextEncoder().encode(JSON.stringify(record)), aad(source.id, localPersonId));
  // The one before is re-sealed under its own binding, so it can only ever be opened as "previous".
  const kept = pending && previous ? await vault.seal(new TextEncoder().encode(JSON.stringify(previous)), aad(source.id, localPersonId, true)) : undefined;
  await store.sql.transaction(async (tx) => {
    await store.sources.putSnapshot({ institutionId: source.id, localPersonId, localCaseId: record.source.localCaseId, personRef: ref, version: stamp?.version ?? null, digest, sealed: jwe, wrappedKey, pending }, tx);
    if (kept) await tx.query('update snapshots set previous_sealed = $3, previous_key = $4 where institution_id = $1 and local_person_id = $2', [source.id, localPersonId, kept.jwe, kept.wrappedKey]);
  });
  return { changed: true, changes, settle };
}

/** The CaseEvents of snapshot changes, with the ids and times the adapter's recipe gives. */
export function eventsOfChanges(
  record: CaseRecord,
  changes: readonly RecordChange[],
  stamp: RecordStamp | undefined,
  eventIdOf: (record: CaseRecord, change: RecordChange, stamp: RecordStamp) => string,
  clock: () => Date,
): CaseEvent[] {
  const at = stamp ?? { version: recordDigest(record), occurredAt: zurichTimestamp(clock()) };
  return changes.map((change) => {
    const isChange = change.type === 'case.status-changed' || change.type === 'case.phase-changed' || change.type === 'case.institution-changed';
    return {
      eventId: eventIdOf(record, change, at),
      type: change.type,
      occurredAt: at.occurredAt,
      source: { system: record.source.system, institutionId: record.source.institutionId },
      case: { localCaseId: record.source.localCaseId, localPersonId: record.source.localPersonId, ...(record.person.vn ? { vn: record.person.vn } : {}) },
      ...(isChange ? { change: { ...(change.from ? { from: change.from } : {}), to: change.to ?? '', effectiveDate: change.effectiveDate ?? at.occurredAt.slice(0, 10) } } : {}),
      ...(change.consentId ? { consentId: change.consentId } : {}),
    } as CaseEvent;
  });
}
