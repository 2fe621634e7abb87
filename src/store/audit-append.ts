import { entryHash, type ChainedFields } from '../audit/chain.js';
import { currentContext } from '../context.js';
import type { AuditInput } from './rows.js';
import type { Sql } from './sql.js';

/**
 * Appends one entry to the hash chain. Must run inside a transaction: the head row stays
 * locked until commit, which serialises appenders (API and workers alike).
 */
export async function insertAudit(tx: Sql, entry: AuditInput): Promise<void> {
  const [head] = await tx.query<{ seq: string; hash: string }>('select seq::text as seq, hash from audit_head where id = 1 for update');
  if (!head) throw new Error('the audit head row is missing; the migrations did not run');
  const fields: ChainedFields = {
    seq: Number(head.seq) + 1,
    // Milliseconds, as the column keeps them, so a re-read entry hashes the same.
    at: new Date(Math.floor(Date.now())).toISOString(),
    kind: entry.kind,
    actor: entry.actor,
    transferId: entry.transferId ?? null,
    eventId: entry.eventId ?? null,
    // A worker's entries carry the id of the request that caused the job.
    requestId: entry.requestId ?? currentContext().requestId ?? null,
    personRef: entry.personRef ?? null,
    institutionId: entry.institutionId ?? null,
    data: entry.data ?? {},
    prevHash: head.hash,
  };
  const hash = entryHash(fields);
  await tx.query(
    `insert into audit_entries (seq, at, kind, actor, transfer_id, event_id, request_id, person_ref, institution_id, data, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      fields.seq,
      fields.at,
      fields.kind,
      fields.actor,
      fields.transferId,
      fields.eventId,
      fields.requestId,
      fields.personRef,
      fields.institutionId,
      JSON.stringify(fields.data),
      fields.prevHash,
      hash,
    ],
  );
  await tx.query('update audit_head set seq = $1, hash = $2 where id = 1', [fields.seq, hash]);
}
