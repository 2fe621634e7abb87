import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { migrate } from './migrate.js';
import { connectPostgres, openEmbedded, type Sql } from './sql.js';
import { Store } from './store.js';

export { Store, FINAL_STATES, toAudit, isUuid } from './store.js';
export { StoreUnavailableError, isConnectionError } from './sql.js';
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
    await migrate(sql);
  } catch (error) {
    await sql.close().catch(() => undefined);
    throw error;
  }
  return new Store(sql);
}
