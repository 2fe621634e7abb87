import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { InputError, PasserelleError } from '../errors.js';
import { rotateSigningKey } from '../seal/keys.js';
import { migrate as applyMigrations, pendingMigrations } from '../store/index.js';
import { grantRuntimeRole } from '../store/roles.js';
import { connectPostgres, openEmbedded, type Sql } from '../store/sql.js';
import type { RunContext } from './framework.js';
import { describeStore } from './store-access.js';

async function schemaExists(sql: Sql, schema: string): Promise<boolean> {
  return (await sql.query('select 1 from pg_namespace where nspname = $1', [schema])).length > 0;
}

/**
 * Runs the migrations as the role it connects as, which should own the tables (the
 * canton's DBA role, or the compose file's one-shot `migrate` service), and with
 * `--grant ROLE` gives the gateway's runtime role what it needs and nothing more. The
 * gateway then runs with `PASSERELLE_MIGRATE_ON_START=false` as that role.
 */
export async function migrate(ctx: RunContext): Promise<number> {
  const config = loadConfig();
  const role = ctx.values.grant as string | undefined;
  if (role !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new InputError('cli.invalid-option', '--grant takes a role name: a lower-case SQL identifier', { field: 'grant' });
  if (role !== undefined && !config.databaseUrl) throw new InputError('cli.invalid-option', '--grant needs PostgreSQL (PASSERELLE_DATABASE_URL); the embedded store has no roles', { field: 'grant' });
  const where = describeStore(config);
  let sql: Sql;
  let fresh = false;
  if (config.databaseUrl) {
    sql = await connectPostgres(config.databaseUrl, config.databaseSchema, { createSchema: false });
    fresh = !(await schemaExists(sql, config.databaseSchema));
  } else {
    const dir = path.join(config.dataDir, 'db');
    fresh = !existsSync(path.join(dir, 'PG_VERSION'));
    if (fresh) {
      await ctx.confirm(`Create the embedded store in ${dir} and apply every migration?`);
      await mkdir(dir, { recursive: true });
    }
    sql = await openEmbedded(dir, config.databaseSchema);
  }
  try {
    const pending = fresh && config.databaseUrl ? ['all'] : await pendingMigrations(sql);
    if (pending.length === 0 && role === undefined) {
      ctx.io.out(JSON.stringify({ store: where, applied: [], upToDate: true }));
      return 0;
    }
    if (!(fresh && !config.databaseUrl)) {
      const what = [pending.length ? `apply ${fresh ? 'every migration' : `${pending.length} migration(s) (${pending.join(', ')})`}` : '', role ? `grant the runtime role "${role}" its rights` : ''].filter(Boolean).join(' and ');
      await ctx.confirm(`${what[0]!.toUpperCase()}${what.slice(1)} on ${where}?`);
    }
    if (fresh && config.databaseUrl) {
      await sql.close();
      sql = await connectPostgres(config.databaseUrl, config.databaseSchema);
    }
    const applied = await applyMigrations(sql);
    const grants = role ? await grantRuntimeRole(sql, config.databaseSchema, role).catch((error: unknown) => {
      if (/role .* does not exist/i.test(String((error as Error).message))) {
        throw new PasserelleError('cli.unknown-role', `the role "${role}" does not exist: create it first (create role ${role} login password '…')`, { status: 404, details: { field: 'grant' } });
      }
      throw error;
    }) : [];
    ctx.io.out(JSON.stringify({ store: where, applied, upToDate: true, ...(role ? { granted: role, statements: grants.length } : {}) }));
    if (ctx.io.tty) ctx.io.err(ctx.io.style.green(`${applied.length} migration(s) applied${role ? `; ${role} may read and write, not alter` : ''}`));
    return 0;
  } finally {
    await sql.close();
  }
}

/** A new signing key; the old public key stays published, so what it signed keeps verifying. */
export async function rotateKeys(ctx: RunContext): Promise<number> {
  const config = loadConfig();
  if (config.signingKeyPem) {
    throw new InputError('cli.usage', 'the signing key comes from PASSERELLE_SIGNING_KEY: rotate it there, and keep the old public key in keys/retired.jwks.json', { field: 'PASSERELLE_SIGNING_KEY' });
  }
  const keys = path.join(config.dataDir, 'keys');
  if (!existsSync(path.join(keys, 'signing.jwk.json'))) {
    throw new PasserelleError('cli.no-keys', `no signing key in ${keys} (PASSERELLE_DATA_DIR): nothing to rotate; the gateway makes one on its first start`, { status: 404, details: { field: 'PASSERELLE_DATA_DIR' } });
  }
  await ctx.confirm(`Rotate the signing key in ${keys}? Every gateway process must restart afterwards`);
  ctx.io.out(JSON.stringify(await rotateSigningKey(config.dataDir)));
  if (ctx.io.tty) ctx.io.err('rotated: restart every gateway process (API and workers) so they sign with the new key');
  return 0;
}
