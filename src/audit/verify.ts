import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import type { Sql } from '../store/sql.js';
import { GENESIS, rowHash, type EntryRow } from './chain.js';
import { appendLeaf, rootOf } from './merkle.js';
import { sequenceAudit } from './sequencer.js';

export interface VerifyReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  /** The last entry read. */
  head: { seq: number; hash: string } | null;
  /** The first entry at which the log is not what was written. */
  firstBad?: { seq: number; reason: string };
  durationMs: number;
}

interface Row extends EntryRow {
  seq: string;
  prev_hash: string | null;
  hash: string | null;
}

/**
 * Recomputes the whole chain, page by page, and checks every signed checkpoint: an
 * edited, removed, inserted or reordered entry, or a log cut short of its last
 * checkpoint, is reported at the first entry where it shows.
 */
export async function verifyAuditLog(sql: Sql, jwks: JSONWebKeySet, pageSize = 20_000): Promise<VerifyReport> {
  const started = performance.now();
  // Everything written until now is chained first, so the report covers it.
  await sequenceAudit(sql, { wait: true });
  const keys = createLocalJWKSet(jwks);
  const checkpoints = await sql.query<{ seq: string; hash: string; jws: string }>('select seq::text as seq, hash, jws from audit_checkpoints order by audit_checkpoints.seq');
  const signed = new Map<number, string>();
  const roots = new Map<number, string>();
  let firstBad: VerifyReport['firstBad'];
  const fail = (seq: number, reason: string): void => {
    if (!firstBad || seq < firstBad.seq) firstBad = { seq, reason };
  };
  for (const cp of checkpoints) {
    const seq = Number(cp.seq);
    try {
      const { payload } = await compactVerify(cp.jws, keys, { algorithms: ['ES256'] });
      const claimed = JSON.parse(new TextDecoder().decode(payload)) as { seq?: number; hash?: string; rootHash?: string };
      if (claimed.seq !== seq || claimed.hash !== cp.hash) fail(seq, 'the checkpoint row does not match what its signature covers');
      else {
        signed.set(seq, cp.hash);
        // Tree heads sign the Merkle root too (checkpoints from before the tree do not).
        if (typeof claimed.rootHash === 'string') roots.set(seq, claimed.rootHash);
      }
    } catch {
      fail(seq, 'the checkpoint signature does not verify');
    }
  }

  let expectedPrev = GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  let frontier: Buffer[] = [];
  let head = null as VerifyReport['head'];
  const check = (row: Row): void => {
    const seq = Number(row.seq);
    entries += 1;
    if (!firstBad) {
      if (seq !== expectedSeq) fail(expectedSeq, seq > expectedSeq ? `entries ${expectedSeq}…${seq - 1} are missing` : 'an entry is out of sequence');
      else if (row.prev_hash !== expectedPrev) fail(seq, 'it does not follow the entry before it (prev_hash)');
      else {
        const recomputed = rowHash(row, seq, row.prev_hash);
        if (recomputed !== row.hash) fail(seq, 'its content does not match its hash');
        else if (signed.has(seq) && signed.get(seq) !== row.hash) fail(seq, 'it differs from the signed checkpoint');
        else {
          frontier = appendLeaf(frontier, seq - 1, Buffer.from(row.hash, 'hex'));
          const root = roots.get(seq);
          if (root !== undefined && rootOf(frontier).toString('hex') !== root) fail(seq, 'the Merkle tree up to it differs from the signed tree head');
        }
      }
    }
    expectedPrev = row.hash ?? '';
    expectedSeq = seq + 1;
    head = { seq, hash: row.hash ?? '' };
  };
  // The archive first, then the live table: one chain across the retention boundary. The
  // next page is asked for while this one is hashed, so the database and the CPU overlap.
  const page = (table: 'audit_archive' | 'audit_entries', after: number) =>
    sql.query<Row>(
      `select seq::text as seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, kind, actor, transfer_id, event_id, request_id,
         person_ref, institution_id, data, prev_hash, hash
       from ${table} where ${table}.seq > $1 and ${table}.hash is not null order by ${table}.seq limit $2`,
      [after, pageSize],
    );
  for (const table of ['audit_archive', 'audit_entries'] as const) {
    let next = page(table, 0);
    for (;;) {
      const rows = await next;
      const full = rows.length === pageSize;
      if (full) next = page(table, Number(rows.at(-1)!.seq));
      for (const row of rows) check(row);
      if (!full) break;
    }
  }
  const lastCheckpoint = checkpoints.at(-1);
  if (lastCheckpoint && (head?.seq ?? 0) < Number(lastCheckpoint.seq)) {
    fail((head?.seq ?? 0) + 1, `the log ends before its checkpoint at entry ${lastCheckpoint.seq}: it was cut short`);
  }
  return {
    ok: firstBad === undefined,
    entries,
    checkpoints: checkpoints.length,
    head,
    ...(firstBad ? { firstBad } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}
