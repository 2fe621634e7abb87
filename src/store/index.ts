import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { migrate, pendingMigrations } from './migrate.js';
import { connectPostgres, openEmbedded, type Sql } from './sql.js';
import { Store } from './store.js';

export { Store, FINAL_STATES, toAudit, isUuid } from './store.js';
export { StoreUnavailableError, isConnectionError } from './sql.js';
export { migrate, pendingMigrations } from './migrate.js';
export type * from './store.js';

/**
 * PostgreSQL when a URL is given; otherwise PGlite under `<dataDir>/db`, or in memory
 * when `dataDir` is null (tests). Either way the same migrations run first.
 */
export async function openStore(options: {
  databaseUrl?: string;
  schema: string;
  dataDir: string | null;
  /** Bound on reaching PostgreSQL: how long a request waits before it is told 503. */
  connectTimeoutMs?: number;
  onError?: (error: unknown) => void;
  /**
   * False: apply nothing, and stop when the database lacks a migration (the gateway runs
   * as a role without DDL rights; `passerelle migrate` runs them as the owner).
   */
  migrate?: boolean;
}): Promise<Store> {
  let sql: Sql;
  if (options.databaseUrl) {
    sql = await connectPostgres(options.databaseUrl, options.schema, {
      ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  } else {
    let dir: string | undefined;
    if (options.dataDir !== null) {
      dir = path.join(options.dataDir, 'db');
      await mkdir(dir, { recursive: true });
    }
    sql = await openEmbedded(dir, options.schema);
  }
  try {
    if (options.migrate === false) {
      const pending = await pendingMigrations(sql);
      if (pending.length > 0) throw migrationsPending(pending);
    } else {
      await migrate(sql).catch((error: unknown) => {
        // 42501: the role may not change the schema; say what to run instead of a bare "permission denied".
        const denied = (error as { code?: unknown }).code === '42501' && /permission denied|must be owner/i.test(String((error as Error).message));
        throw denied ? migrationsPending(null) : error;
      });
    }
  } catch (error) {
    await sql.close().catch(() => undefined);
    throw error;
  }
  return new Store(sql);
}

function migrationsPending(pending: string[] | null): ConfigError {
  const which = pending ? `lacks ${pending.length} migration(s) (${pending.join(', ')})` : 'needs migrations this role may not run';
  return new ConfigError('store.migrations-pending', `the database ${which}: run "passerelle migrate" as the role that owns the tables, then start again`, {
    field: 'PASSERELLE_MIGRATE_ON_START',
  });
}
