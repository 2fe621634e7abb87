import { currentContext } from '../context.js';
import type { AuditInput } from './rows.js';
import type { Sql } from './sql.js';

export const AUDIT_COLUMNS = '(at, kind, actor, transfer_id, event_id, request_id, person_ref, institution_id, data)';

/**
 * Writes entries with the change they record, in its transaction: no lock, no place in
 * the chain yet. The sequencer (`src/audit/sequencer.ts`) chains them within a second.
 */
export async function insertAudit(tx: Sql, ...entries: AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(`insert into audit_entries ${AUDIT_COLUMNS} ${selectAudit('$1')}`, [auditParam(entries)]);
}

/**
 * The entries as one jsonb parameter, for a statement that writes them with the change
 * they record (see `selectAudit`). Stamped here, in milliseconds as the column keeps
 * them, so a re-read entry hashes the same; a worker's entries carry the id of the
 * request that caused the job.
 */
export function auditParam(entries: readonly AuditInput[]): string {
  const at = new Date(Math.floor(Date.now())).toISOString();
  const requestId = currentContext().requestId ?? null;
  return JSON.stringify(
    entries.map((entry) => ({
      at,
      kind: entry.kind,
      actor: entry.actor,
      transferId: entry.transferId ?? null,
      eventId: entry.eventId ?? null,
      requestId: entry.requestId ?? requestId,
      personRef: entry.personRef ?? null,
      institutionId: entry.institutionId ?? null,
      data: entry.data ?? {},
    })),
  );
}

/**
 * `select` of the entries of `param` in their order, ready for `insert into audit_entries
 * AUDIT_COLUMNS`. With `row` (an alias in the statement with `id`, `person_ref` and
 * `target_institution_id` of a transfer), the entries are that transfer's: one copy per
 * row, its id and person, and its target unless an entry names its institution; `data`
 * (an expression over `e.v->'data'` and the row) adds what only the statement knows.
 * `where` (over `e.v`, an entry) leaves entries out. `order by` keeps the entries' order in
 * their ids, which is the order the sequencer chains.
 */
export function selectAudit(param: string, options: { row?: string; where?: string; data?: string } = {}): string {
  const { row, where, data = "e.v->'data'" } = options;
  const e = (field: string) => `e.v->>'${field}'`;
  const filter = where ? `where ${where} ` : '';
  if (!row) {
    return `select (${e('at')})::timestamptz, ${e('kind')}, ${e('actor')}, (${e('transferId')})::uuid, ${e('eventId')}, ${e('requestId')}, ${e('personRef')}, ${e('institutionId')}, ${data}
      from jsonb_array_elements(${param}::jsonb) with ordinality as e(v, n) ${filter}order by e.n`;
  }
  return `select (${e('at')})::timestamptz, ${e('kind')}, ${e('actor')}, ${row}.id, ${e('eventId')}, ${e('requestId')}, ${row}.person_ref, coalesce(${e('institutionId')}, ${row}.target_institution_id), ${data}
      from ${row} cross join jsonb_array_elements(${param}::jsonb) with ordinality as e(v, n) ${filter}order by e.n`;
}
