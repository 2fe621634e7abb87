import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import { PasserelleError } from '../errors.js';
import { createGateway, type Gateway } from '../gateway.js';
import { createLogger } from '../logger.js';

/** Where the store is, as a person can check it: the URL without its password, or the folder. */
export function describeStore(config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir'>): string {
  if (!config.databaseUrl) return `the embedded store in ${path.join(config.dataDir, 'db')} (PASSERELLE_DATA_DIR)`;
  const url = new URL(config.databaseUrl);
  url.password = '';
  return `PostgreSQL ${url.protocol}//${url.username ? `${url.username}@` : ''}${url.host}${url.pathname}, schema "${config.databaseSchema}" (PASSERELLE_DATABASE_URL, PASSERELLE_DATABASE_SCHEMA)`;
}

/** A store that was never created is not opened (which would create it): it is named, with the settings to check. */
export async function requireExistingStore(config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir'>): Promise<void> {
  const hint = config.databaseUrl ? 'check PASSERELLE_DATABASE_URL and PASSERELLE_DATABASE_SCHEMA' : 'check PASSERELLE_DATA_DIR, or set PASSERELLE_DATABASE_URL for PostgreSQL';
  const missing = new PasserelleError('cli.no-store', `there is no store at ${describeStore(config)}: ${hint} (a store is created by the gateway's first start or by passerelle migrate)`, {
    status: 404,
    details: { field: config.databaseUrl ? 'PASSERELLE_DATABASE_SCHEMA' : 'PASSERELLE_DATA_DIR' },
  });
  if (!config.databaseUrl) {
    if (!existsSync(path.join(config.dataDir, 'db', 'PG_VERSION'))) throw missing;
    return;
  }
  const client = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const found = await client.query(`select 1 from information_schema.tables where table_schema = $1 and table_name = 'schema_migrations'`, [config.databaseSchema]);
    if (found.rowCount === 0) throw missing;
  } catch (error) {
    if (error === missing) throw error;
    throw new PasserelleError('store.unavailable', `cannot reach ${describeStore(config)}`, { status: 503, cause: error, details: { field: 'PASSERELLE_DATABASE_URL' } });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The gateway as a command needs it, for one operation: never migrating (that is
 * `passerelle migrate`), warnings on stderr so stdout stays the command's answer.
 */
export async function openGateway(config: Config): Promise<Gateway> {
  await requireExistingStore(config);
  // A store without its keys would get new ones here, which open nothing of what it holds.
  if (!config.masterKey && !existsSync(path.join(config.dataDir, 'keys', 'master.key'))) {
    throw new PasserelleError('cli.no-keys', `no master key in ${path.join(config.dataDir, 'keys')} (PASSERELLE_DATA_DIR) and no PASSERELLE_MASTER_KEY: point them at the gateway's keys`, {
      status: 404,
      details: { field: 'PASSERELLE_DATA_DIR' },
    });
  }
  return createGateway({ ...config, migrateOnStart: false, metricsPort: undefined }, { logger: createLogger({ level: 'error', destination: process.stderr as unknown as import('pino').DestinationStream }) });
}
