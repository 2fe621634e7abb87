import type { Sql } from '../store/sql.js';
import { entryHash, type ChainedFields } from './chain.js';
import { appendLeaf } from './merkle.js';
import { lockHead } from './sequencer.js';

/**
 * Appends `count` synthetic entries to the chain in bulk (tests and benchmarks): the same
 * chain rule as the sequencer's, many rows per statement, already in their places.
 */
export async function seedAuditLog(sql: Sql, count: number, batch = 1000): Promise<void> {
  await sql.transaction(async (tx) => {
    const head = await lockHead(tx);
    let seq = head.seq;
    let prev = head.hash;
    let frontier = head.frontier;
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let done = 0; done < count; done += batch) {
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let i = 0; i < Math.min(batch, count - done); i += 1) {
        seq += 1;
        const fields: ChainedFields = {
          seq,
          at: new Date(start + seq * 1000).toISOString(),
          kind: 'transfer.state',
          actor: 'worker',
          transferId: null,
          eventId: null,
          requestId: null,
          personRef: `p1:person-${seq % 97}`,
          institutionId: 'be-koeniz',
          data: { to: 'delivered', attempt: 1 },
          prevHash: prev,
        };
        const hash = entryHash(fields);
        frontier = appendLeaf(frontier, seq - 1, Buffer.from(hash, 'hex'));
        const base = values.length;
        values.push(fields.seq, fields.at, fields.kind, fields.actor, fields.personRef, fields.institutionId, JSON.stringify(fields.data), fields.prevHash, hash);
        rows.push(`(${Array.from({ length: 9 }, (_, k) => `$${base + k + 1}`).join(', ')})`);
        prev = hash;
      }
      await tx.query(
        `insert into audit_entries (seq, at, kind, actor, person_ref, institution_id, data, prev_hash, hash) values ${rows.join(', ')}`,
        values,
      );
    }
    await tx.query('update audit_head set seq = $1, hash = $2, frontier = $3 where id = 1', [seq, prev, JSON.stringify(frontier.map((f) => f.toString('hex')))]);
  });
}
