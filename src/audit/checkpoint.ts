import type { GatewayKeys } from '../seal/keys.js';
import type { Sql } from '../store/sql.js';
import { rootOf } from './merkle.js';
import { sequenceAudit } from './sequencer.js';

/** A signed tree head: the log's size, its Merkle root and the chain's hash at that size. */
export interface Checkpoint {
  seq: number;
  hash: string;
  rootHash: string;
  at: string;
  jws: string;
}

export const TREE_HEAD_TYPE = 'passerelle-tree-head+jws';

/**
 * Chains what was written, then signs the head (JWS with the gateway's key): the tree's
 * size, its Merkle root (RFC 9162) and the chain's hash there. A checkpoint pins every entry
 * up to it: rewriting them, or cutting the log short, no longer verifies, and an inclusion
 * proof against it shows one entry is in the log without handing over the log.
 */
export async function checkpoint(sql: Sql, keys: GatewayKeys, clock: () => Date = () => new Date()): Promise<Checkpoint | null> {
  await sequenceAudit(sql, { wait: true });
  return sql.transaction(async (tx) => {
    const [head] = await tx.query<{ seq: string; hash: string; frontier: string[] }>('select seq::text as seq, hash, frontier from audit_head where id = 1 for update');
    if (!head || head.seq === '0') return null;
    const seq = Number(head.seq);
    const rootHash = rootOf(head.frontier.map((h) => Buffer.from(h, 'hex'))).toString('hex');
    const [existing] = await tx.query<{ at: Date | string; jws: string; root_hash: string | null }>('select at, jws, root_hash from audit_checkpoints where seq = $1', [seq]);
    if (existing) return { seq, hash: head.hash, rootHash: existing.root_hash ?? rootHash, at: new Date(existing.at).toISOString(), jws: existing.jws };
    const at = clock().toISOString();
    const jws = await keys.sign({ typ: 'passerelle-audit-checkpoint', seq, treeSize: seq, hash: head.hash, rootHash, at }, TREE_HEAD_TYPE);
    await tx.query('insert into audit_checkpoints (seq, hash, at, jws, root_hash) values ($1, $2, $3, $4, $5)', [seq, head.hash, at, jws, rootHash]);
    return { seq, hash: head.hash, rootHash, at, jws };
  });
}

/** Checkpoints at an interval while the gateway runs; one more on stop. */
export function startCheckpoints(sql: Sql, keys: GatewayKeys, intervalMs: number, onError: (error: unknown) => void): () => Promise<void> {
  const timer = setInterval(() => void checkpoint(sql, keys).catch(onError), intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await checkpoint(sql, keys).catch(onError);
  };
}
