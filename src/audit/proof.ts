import { InputError, PasserelleError } from '../errors.js';
import type { GatewayKeys } from '../seal/keys.js';
import type { Sql } from '../store/sql.js';
import type { ConsistencyProof, InclusionProof, TreeHead } from '../contract/types.js';
import { toAudit } from '../store/rows.js';
import { checkpoint } from './checkpoint.js';
import { consistencyProof, inclusionPath } from './merkle.js';
import { sequenceAudit } from './sequencer.js';

// The proofs' shapes are the API's (contracts/openapi.yaml): InclusionProof, ConsistencyProof, TreeHead.

async function leaves(sql: Sql, size: number): Promise<Buffer[]> {
  const rows = await sql.query<{ hash: string }>('select hash from audit_all where seq <= $1 order by seq', [size]);
  if (rows.length !== size) throw new PasserelleError('audit.incomplete', 'the audit log has gaps below the tree head; run passerelle audit verify', { status: 409 });
  return rows.map((r) => Buffer.from(r.hash, 'hex'));
}

async function headAt(sql: Sql, size: number): Promise<TreeHead | undefined> {
  const [row] = await sql.query<{ seq: string; root_hash: string | null; at: Date | string; jws: string }>(
    'select seq::text as seq, root_hash, at, jws from audit_checkpoints where seq = $1 and root_hash is not null',
    [size],
  );
  return row ? { treeSize: Number(row.seq), rootHash: row.root_hash!, at: new Date(row.at).toISOString(), jws: row.jws } : undefined;
}

/** The latest signed tree head, made now when none covers `seq` yet. */
async function headCovering(sql: Sql, keys: GatewayKeys, seq: number): Promise<TreeHead> {
  const [latest] = await sql.query<{ seq: string }>('select max(seq)::text as seq from audit_checkpoints where root_hash is not null');
  const size = latest?.seq ? Number(latest.seq) : 0;
  if (size >= seq) return (await headAt(sql, size))!;
  const made = await checkpoint(sql, keys);
  if (!made || made.seq < seq) throw new InputError('audit.unknown-entry', 'the audit log has no entry with this number', { field: 'seq' }, 404);
  return { treeSize: made.seq, rootHash: made.rootHash, at: made.at, jws: made.jws };
}

export type { ConsistencyProof, InclusionProof, TreeHead };

/** The inclusion proof of entry `seq` against the latest signed tree head: checkable by anyone with the published keys (`/.well-known/jwks.json`) alone. */
export async function proveInclusion(sql: Sql, keys: GatewayKeys, seq: number): Promise<InclusionProof> {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new InputError('audit.invalid-seq', 'an audit entry is named by its number in the chain, 1 or more', { field: 'seq' });
  await sequenceAudit(sql, { wait: true });
  const [row] = await sql.query<Record<string, unknown>>('select * from audit_all where seq = $1', [seq]);
  if (!row) throw new InputError('audit.unknown-entry', 'the audit log has no entry with this number', { field: 'seq' }, 404);
  const treeHead = await headCovering(sql, keys, seq);
  const path = inclusionPath(await leaves(sql, treeHead.treeSize), seq - 1);
  return { entry: toAudit(row), leafIndex: seq - 1, treeSize: treeHead.treeSize, path: path.map((b) => b.toString('hex')), treeHead };
}

/** The consistency proof between two signed tree heads (sizes of checkpoints). */
export async function proveConsistency(sql: Sql, firstSize: number, secondSize: number): Promise<ConsistencyProof> {
  const [first, second] = await Promise.all([headAt(sql, firstSize), headAt(sql, secondSize)]);
  if (!first) throw new InputError('audit.unknown-tree-head', 'no signed tree head of that size', { field: 'first' }, 404);
  if (!second) throw new InputError('audit.unknown-tree-head', 'no signed tree head of that size', { field: 'second' }, 404);
  if (firstSize > secondSize) throw new InputError('audit.invalid-range', 'the first tree head must not be larger than the second', { field: 'first' });
  const path = consistencyProof(await leaves(sql, secondSize), firstSize);
  return { first, second, path: path.map((b) => b.toString('hex')) };
}
