import type { Sql } from './sql.js';

/** Tables whose rows are the audit: nobody may change or remove one (triggers say so too). */
export const AUDIT_TABLES = ['audit_entries', 'audit_archive', 'audit_checkpoints'] as const;

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Gives the gateway's runtime role what it needs and nothing more: it reads and writes the
 * gateway's own tables but owns none of them, so it cannot alter, drop or truncate a
 * table, nor drop the append-only triggers. On the audit tables it may add rows and read
 * them; the two writes the flow itself makes are granted as narrowly as PostgreSQL allows
 * and the triggers bound them further:
 *
 * - `update (seq, prev_hash, hash)` on `audit_entries`: the sequencer gives a written entry
 *   its place in the chain, once (the trigger refuses any other update, and any update of
 *   another column is refused by the grant itself);
 * - `delete` on `audit_entries`: retention moves old entries to `audit_archive` (the
 *   trigger lets a row go only while archiving, and only when the archive holds it with
 *   the same hash).
 *
 * Nothing else on the audit tables: no update or delete of the archive or the
 * checkpoints, no truncate anywhere. Run again after every migration (`passerelle migrate
 * --grant ROLE` does), so tables added since get their grants too. Idempotent.
 */
export async function grantRuntimeRole(sql: Sql, schema: string, role: string): Promise<string[]> {
  if (!IDENT.test(schema) || !IDENT.test(role)) throw new RangeError('schema and role must be lower-case SQL identifiers');
  const s = `"${schema}"`;
  const r = `"${role}"`;
  const tables = (
    await sql.query<{ name: string }>(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r', 'v', 'p') order by 1`, [schema])
  ).map((t) => t.name);
  const audit = tables.filter((t) => (AUDIT_TABLES as readonly string[]).includes(t));
  const own = tables.filter((t) => !audit.includes(t) && t !== 'schema_migrations' && t !== 'audit_all');
  const hasColumns = async (table: string, columns: readonly string[]): Promise<boolean> => {
    const rows = await sql.query<{ n: string }>(`select count(*)::text as n from information_schema.columns where table_schema = $1 and table_name = $2 and column_name = any($3::text[])`, [schema, table, columns]);
    return Number(rows[0]?.n ?? 0) === columns.length;
  };
  const statements = [
    `revoke all on all tables in schema ${s} from ${r}`,
    `revoke create on schema ${s} from ${r}`,
    `grant usage on schema ${s} to ${r}`,
    ...own.map((t) => `grant select, insert, update, delete on ${s}."${t}" to ${r}`),
    ...audit.map((t) => `grant select, insert on ${s}."${t}" to ${r}`),
    ...(tables.includes('schema_migrations') ? [`grant select on ${s}.schema_migrations to ${r}`] : []),
    ...(tables.includes('audit_all') ? [`grant select on ${s}.audit_all to ${r}`] : []),
    `grant usage, select on all sequences in schema ${s} to ${r}`,
  ];
  if (audit.includes('audit_entries')) {
    if (await hasColumns('audit_entries', ['seq', 'prev_hash', 'hash'])) statements.push(`grant update (seq, prev_hash, hash) on ${s}.audit_entries to ${r}`);
    statements.push(`grant delete on ${s}.audit_entries to ${r}`);
  }
  await sql.transaction(async (tx) => {
    for (const statement of statements) await tx.query(statement);
  });
  return statements;
}
