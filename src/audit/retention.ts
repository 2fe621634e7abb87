import type { Store } from '../store/index.js';
import { sequenceAudit } from './sequencer.js';

export interface RetentionResult {
  archivedUpToSeq: number | null;
  archived: number;
  destroyedInboxItems: number;
}

/**
 * Applies the retention periods: audit entries older than `auditDays` move to the
 * archive (never dropped; the chain verifies across the boundary), and inbox payloads
 * older than `inboxDays` are destroyed by deleting their per-record key. Both are audited.
 */
export async function applyRetention(store: Store, options: { now: Date; auditDays: number; inboxDays: number }): Promise<RetentionResult> {
  const day = 86_400_000;
  const auditCutoff = new Date(options.now.getTime() - options.auditDays * day).toISOString();
  const inboxCutoff = new Date(options.now.getTime() - options.inboxDays * day).toISOString();

  await sequenceAudit(store.sql, { wait: true });
  const archived = await store.sql.transaction(async (tx) => {
    // The head lock keeps the sequencer out while the prefix moves; only chained entries move.
    await tx.query('select seq from audit_head where id = 1 for update');
    const [bound] = await tx.query<{ up_to: string | null }>('select max(seq)::text as up_to from audit_entries where at < $1 and seq is not null', [auditCutoff]);
    if (!bound?.up_to) return { upTo: null, count: 0 };
    await tx.query("set local passerelle.archiving = 'on'");
    const moved = await tx.query('insert into audit_archive select * from audit_entries where seq <= $1 returning seq', [bound.up_to]);
    await tx.query('delete from audit_entries where seq <= $1', [bound.up_to]);
    return { upTo: Number(bound.up_to), count: moved.length };
  });
  if (archived.count > 0) {
    await store.appendAudit({ kind: 'audit.archived', actor: 'retention', data: { upToSeq: archived.upTo, entries: archived.count, olderThan: auditCutoff } });
  }

  const destroyed = await store.sql.query<{ transfer_id: string }>(
    `update inbox_items set wrapped_key = null where wrapped_key is not null and delivered_at < $1 returning transfer_id`,
    [inboxCutoff],
  );
  for (const item of destroyed) {
    await store.appendAudit({ kind: 'inbox.destroyed', actor: 'retention', transferId: item.transfer_id, data: { olderThan: inboxCutoff } });
  }
  return { archivedUpToSeq: archived.upTo, archived: archived.count, destroyedInboxItems: destroyed.length };
}
