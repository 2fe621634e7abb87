import { currentContext } from '../context.js';
import type { AuditInput } from './rows.js';
import type { Sql } from './sql.js';

const COLUMNS = '(at, kind, actor, transfer_id, event_id, request_id, person_ref, institution_id, data)';

/**
 * Writes entries with the change they record, in its transaction: no lock, no place in
 * the chain yet. The sequencer (`src/audit/sequencer.ts`) chains them within a second.
 */
export async function insertAudit(tx: Sql, ...entries: AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  // Milliseconds, as the column keeps them, so a re-read entry hashes the same.
  const at = new Date(Math.floor(Date.now())).toISOString();
  const params: unknown[] = [];
  const rows = entries.map((entry) => {
    const base = params.length;
    params.push(
      at,
      entry.kind,
      entry.actor,
      entry.transferId ?? null,
      entry.eventId ?? null,
      // A worker's entries carry the id of the request that caused the job.
      entry.requestId ?? currentContext().requestId ?? null,
      entry.personRef ?? null,
      entry.institutionId ?? null,
      JSON.stringify(entry.data ?? {}),
    );
    return `(${Array.from({ length: 9 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
  });
  await tx.query(`insert into audit_entries ${COLUMNS} values ${rows.join(', ')}`, params);
}
