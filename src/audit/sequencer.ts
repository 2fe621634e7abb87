import type { Sql } from '../store/sql.js';
import { rowHash, type EntryRow } from './chain.js';
import { appendLeaf } from './merkle.js';

/** One sequencer at a time, whichever process takes the round's lock; a dead one holds nothing. */
const SEQUENCER_LOCK = 7314002;

interface Pending extends EntryRow {
  id: string;
}

const popcount = (n: number): number => {
  let bits = 0;
  for (let m = n; m > 0; m = Math.floor(m / 2)) bits += m % 2;
  return bits;
};

/** The tree's right edge from the chained entries themselves, archived ones included. */
async function rebuildFrontier(tx: Sql, upTo: number): Promise<Buffer[]> {
  let frontier: Buffer[] = [];
  let size = 0;
  for (let after = 0; after < upTo; ) {
    const rows = await tx.query<{ seq: string; hash: string }>(
      'select seq::text as seq, hash from audit_all where audit_all.seq > $1 and audit_all.seq <= $2 order by audit_all.seq limit 10000',
      [after, upTo],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      frontier = appendLeaf(frontier, size, Buffer.from(row.hash, 'hex'));
      size += 1;
      after = Number(row.seq);
    }
  }
  return frontier;
}

/** The chain's head, locked for this transaction, with the tree's right edge. */
export async function lockHead(tx: Sql): Promise<{ seq: number; hash: string; frontier: Buffer[] }> {
  const [head] = await tx.query<{ seq: string; hash: string; frontier: string[] }>('select seq::text as seq, hash, frontier from audit_head where id = 1 for update');
  if (!head) throw new Error('the audit head row is missing; the migrations did not run');
  const seq = Number(head.seq);
  let frontier: Buffer[] = head.frontier.map((h) => Buffer.from(h, 'hex'));
  // A log chained before the tree existed (or a head out of step) gets its edge rebuilt once.
  if (frontier.length !== popcount(seq)) frontier = await rebuildFrontier(tx, seq);
  return { seq, hash: head.hash, frontier };
}

/**
 * Gives the entries written since the last round their place in the chain: in the order
 * they were written, each its `seq`, the previous entry's hash and its own, and the Merkle
 * tree's right edge moved on. A round runs under a transaction-scoped advisory lock, so
 * rounds of several processes never interleave; `wait` queues behind a running one (an
 * officer's read wants everything written so far), otherwise a busy lock skips the round.
 */
export async function sequenceAudit(sql: Sql, options: { wait?: boolean; batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? 5000;
  let total = 0;
  for (;;) {
    const chained = await sql.transaction(async (tx) => {
      if (options.wait) await tx.query('select pg_advisory_xact_lock($1)', [SEQUENCER_LOCK]);
      else {
        const [got] = await tx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [SEQUENCER_LOCK]);
        if (!got?.ok) return -1;
      }
      const rows = await tx.query<Pending>(
        `select id::text as id, at, kind, actor, transfer_id, event_id, request_id, person_ref, institution_id, data
         from audit_entries where seq is null order by audit_entries.id limit $1`,
        [batch],
      );
      if (rows.length === 0) return 0;
      const head = await lockHead(tx);
      let seq = head.seq;
      let prev = head.hash;
      let frontier = head.frontier;
      const ids: string[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        seq += 1;
        const hash = rowHash(row, seq, prev);
        frontier = appendLeaf(frontier, seq - 1, Buffer.from(hash, 'hex'));
        ids.push(row.id);
        seqs.push(seq);
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await tx.query(
        `update audit_entries a set seq = v.seq, prev_hash = v.prev, hash = v.hash
         from (select unnest($1::bigint[]) as id, unnest($2::bigint[]) as seq, unnest($3::text[]) as prev, unnest($4::text[]) as hash) v
         where a.id = v.id`,
        [ids, seqs, prevs, hashes],
      );
      await tx.query('update audit_head set seq = $1, hash = $2, frontier = $3 where id = 1', [seq, prev, JSON.stringify(frontier.map((f) => f.toString('hex')))]);
      return rows.length;
    });
    if (chained <= 0) return total;
    total += chained;
    if (chained < batch) return total;
  }
}

/** The sequencer's rounds while the gateway runs (every `intervalMs`); one more on stop. */
export function startSequencer(sql: Sql, intervalMs: number, onError: (error: unknown) => void): () => Promise<void> {
  let running = false;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      await sequenceAudit(sql);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    while (running) await new Promise((r) => setTimeout(r, 20));
    await sequenceAudit(sql, { wait: true }).catch(onError);
  };
}
