import type { Sql } from './sql.js';

/** A snapshot as the store keeps it: sealed, with the ids that find it. */
export interface SnapshotRow {
  institutionId: string;
  localPersonId: string;
  localCaseId: string;
  personRef: string;
  version: string | null;
  digest: string;
  sealed: string;
  wrappedKey: string | null;
  previousSealed: string | null;
  previousKey: string | null;
  /** The events of the last change are not all taken yet. */
  pending: boolean;
  updatedAt: string;
}

const toSnapshot = (r: Record<string, unknown>): SnapshotRow => ({
  institutionId: String(r.institution_id),
  localPersonId: String(r.local_person_id),
  localCaseId: String(r.local_case_id),
  personRef: String(r.person_ref),
  version: (r.version as string | null) ?? null,
  digest: String(r.digest),
  sealed: String(r.sealed),
  wrappedKey: (r.wrapped_key as string | null) ?? null,
  previousSealed: (r.previous_sealed as string | null) ?? null,
  previousKey: (r.previous_key as string | null) ?? null,
  pending: Boolean(r.pending),
  updatedAt: r.updated_at instanceof Date ? r.updated_at.toISOString() : String(r.updated_at),
});

/** The snapshots, the drop folders' ledger and webhook delivery ids: what sources without a change log need. */
export class SourceState {
  constructor(private readonly sql: Sql) {}

  async snapshot(institutionId: string, localPersonId: string): Promise<SnapshotRow | null> {
    const rows = await this.sql.query('select * from snapshots where institution_id = $1 and local_person_id = $2', [institutionId, localPersonId]);
    return rows[0] ? toSnapshot(rows[0]) : null;
  }

  async snapshotOfCase(institutionId: string, localCaseId: string): Promise<SnapshotRow[]> {
    const rows = await this.sql.query('select * from snapshots where institution_id = $1 and local_case_id = $2 order by local_person_id', [institutionId, localCaseId]);
    return rows.map(toSnapshot);
  }

  /** Writes the new snapshot; with `pending`, the one before is kept until `settle`. */
  async putSnapshot(row: Omit<SnapshotRow, 'updatedAt' | 'previousSealed' | 'previousKey'>, tx: Sql = this.sql): Promise<void> {
    await tx.query(
      `insert into snapshots (institution_id, local_person_id, local_case_id, person_ref, version, digest, sealed, wrapped_key, pending)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (institution_id, local_person_id) do update set local_case_id = excluded.local_case_id, person_ref = excluded.person_ref,
         version = excluded.version, digest = excluded.digest,
         previous_sealed = case when excluded.pending then snapshots.sealed else null end,
         previous_key = case when excluded.pending then snapshots.wrapped_key else null end,
         sealed = excluded.sealed, wrapped_key = excluded.wrapped_key, pending = excluded.pending,
         updated_at = date_trunc('milliseconds', now())`,
      [row.institutionId, row.localPersonId, row.localCaseId, row.personRef, row.version, row.digest, row.sealed, row.wrappedKey, row.pending],
    );
  }

  /** The change's events are taken: the snapshot before it is let go. */
  async settle(institutionId: string, localPersonId: string): Promise<void> {
    await this.sql.query('update snapshots set pending = false, previous_sealed = null, previous_key = null where institution_id = $1 and local_person_id = $2', [institutionId, localPersonId]);
  }

  /** Snapshots older than the retention lose their key: what they held is gone, their ids stay. */
  async destroySnapshotsBefore(cutoff: string): Promise<number> {
    const rows = await this.sql.query(`update snapshots set wrapped_key = null, previous_key = null where wrapped_key is not null and updated_at < $1 returning 1`, [cutoff]);
    return rows.length;
  }

  async pickedUp(institutionId: string, deliveryId: string, digest: string): Promise<boolean> {
    const rows = await this.sql.query('select 1 from file_pickups where institution_id = $1 and delivery_id = $2 and digest = $3', [institutionId, deliveryId, digest]);
    return rows.length > 0;
  }

  async recordPickup(p: { institutionId: string; deliveryId: string; digest: string; state: 'read' | 'quarantined' | 'reported'; records: number; rejected: number; events: number; report: Record<string, unknown> }): Promise<void> {
    await this.sql.query(
      `insert into file_pickups (institution_id, delivery_id, digest, state, records, rejected, events, report) values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (institution_id, delivery_id, digest) do update set state = excluded.state, records = excluded.records, rejected = excluded.rejected,
         events = excluded.events, report = excluded.report`,
      [p.institutionId, p.deliveryId, p.digest, p.state, p.records, p.rejected, p.events, JSON.stringify(p.report)],
    );
  }

  async pickups(institutionId: string): Promise<{ deliveryId: string; state: string; records: number; rejected: number; events: number; report: Record<string, unknown> }[]> {
    const rows = await this.sql.query<Record<string, unknown>>('select * from file_pickups where institution_id = $1 order by picked_at', [institutionId]);
    return rows.map((r) => ({ deliveryId: String(r.delivery_id), state: String(r.state), records: Number(r.records), rejected: Number(r.rejected), events: Number(r.events), report: r.report as Record<string, unknown> }));
  }

  /** False when this delivery id of the institution's webhooks was taken before: a replay. */
  async takeWebhookDelivery(institutionId: string, deliveryId: string): Promise<boolean> {
    const rows = await this.sql.query('insert into webhook_deliveries (institution_id, delivery_id) values ($1, $2) on conflict do nothing returning 1', [institutionId, deliveryId]);
    return rows.length > 0;
  }
}
