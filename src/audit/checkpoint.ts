import type { GatewayKeys } from '../seal/keys.js';
import type { Sql } from '../store/sql.js';

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  jws: string;
}

/**
 * Signs the head of the chain (JWS with the gateway's key). A checkpoint pins every entry
 * up to it: rewriting them, or cutting the log short, no longer verifies.
 */
export async function checkpoint(sql: Sql, keys: GatewayKeys, clock: () => Date = () => new Date()): Promise<Checkpoint | null> {
  return sql.transaction(async (tx) => {
    const [head] = await tx.query<{ seq: string; hash: string }>('select seq::text as seq, hash from audit_head where id = 1 for update');
    if (!head || head.seq === '0') return null;
    const seq = Number(head.seq);
    const [existing] = await tx.query<{ at: Date | string; jws: string }>('select at, jws from audit_checkpoints where seq = $1', [seq]);
    if (existing) return { seq, hash: head.hash, at: new Date(existing.at).toISOString(), jws: existing.jws };
    const at = clock().toISOString();
    const jws = await keys.sign({ seq, hash: head.hash, at, typ: 'passerelle-audit-checkpoint' });
    await tx.query('insert into audit_checkpoints (seq, hash, at, jws) values ($1, $2, $3, $4)', [seq, head.hash, at, jws]);
    return { seq, hash: head.hash, at, jws };
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
