import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Sql } from './sql.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies the versioned migrations (`NNN_name.sql`) not yet applied, each in its own
 * transaction, under an advisory lock so that an API and a worker starting together do
 * not race.
 */
export async function migrate(sql: Sql): Promise<string[]> {
  // Up to date: no lock, no DDL, so a role without DDL rights starts as well as the owner.
  if ((await pendingMigrations(sql)).length === 0) return [];
  const files = await migrationFiles();
  const applied: string[] = [];
  await sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(7314001)');
    await tx.query(
      'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())',
    );
    await tx.query('lock table schema_migrations in exclusive mode');
    const done = new Set((await tx.query<{ version: string }>('select version from schema_migrations')).map((r) => r.version));
    for (const file of files) {
      const version = file.slice(0, 3);
      if (done.has(version)) continue;
      const text = await readFile(MIGRATIONS_DIR + file, 'utf8');
      for (const statement of splitStatements(text)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version) values ($1)', [version]);
      applied.push(file);
    }
  });
  return applied;
}

async function migrationFiles(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
}

/** The migrations this build has and the database lacks (all of them for a fresh schema). */
export async function pendingMigrations(sql: Sql): Promise<string[]> {
  const files = await migrationFiles();
  const [table] = await sql.query<{ name: string | null }>("select to_regclass(quote_ident(current_schema()) || '.schema_migrations')::text as name");
  if (!table?.name) return files;
  const done = new Set((await sql.query<{ version: string }>('select version from schema_migrations')).map((r) => r.version));
  return files.filter((f) => !done.has(f.slice(0, 3)));
}

/** `;` at a line's end ends a statement, except inside a `$$` body (an odd count of `$$` so far). */
function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    current += `${line}\n`;
    const inBody = (current.match(/\$\$/g)?.length ?? 0) % 2 === 1;
    if (!inBody && /;\s*$/.test(line)) {
      statements.push(current.replace(/;\s*$/, ''));
      current = '';
    }
  }
  statements.push(current);
  return statements.map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter((s) => s.length > 0);
}
