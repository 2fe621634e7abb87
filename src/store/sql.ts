import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PasserelleError } from '../errors.js';

/**
 * The one SQL surface the store uses. Two implementations run the same statements:
 * PostgreSQL through `pg` in production, PGlite (PostgreSQL compiled to WASM) embedded.
 *
 * A lost connection never takes the process down: every client, pooled or checked out
 * for a transaction, has its error handled, and the caller gets `StoreUnavailableError`
 * (503, retryable) within the connect timeout. A transaction whose connection dies is
 * rolled back by the server; the caller sees the same retryable error.
 */
export interface Sql {
  query<Row extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database cannot be reached or dropped the connection: try again shortly. */
export class StoreUnavailableError extends PasserelleError {
  constructor(cause: unknown) {
    super('store.unavailable', 'the database is unreachable; try again shortly', { status: 503, retryable: true, cause });
  }
}

// SQLSTATE classes and codes that mean "the server or the connection", not the statement.
const CONNECTION_STATES = /^(08|57P0[1-3]|53300|53400)/;
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || CONNECTION_STATES.test(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection timeout|Query read timeout|Cannot use a pool after calling end/i.test(error.message);
}

function translate(error: unknown): unknown {
  return isConnectionError(error) ? new StoreUnavailableError(error) : error;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new RangeError('schema must be a lower-case SQL identifier');
  return `"${name}"`;
}

export interface PostgresOptions {
  /** Bound on getting a connection (and so on a request's wait when PostgreSQL is down). */
  connectTimeoutMs?: number;
  /** Bound on one statement's answer, for a server that stops answering. */
  queryTimeoutMs?: number;
  onError?: (error: unknown) => void;
  /** False: a missing schema is left missing (a check that must create nothing). */
  createSchema?: boolean;
}

export async function connectPostgres(url: string, schema: string, options: PostgresOptions = {}): Promise<Sql> {
  // timestamptz and int8 come back as strings; the store converts where it reads them.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: `-c search_path=${quoteIdent(schema)},public`,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
    query_timeout: options.queryTimeoutMs ?? 30_000,
  });
  const report = (error: unknown): void => options.onError?.(error);
  // An idle client lost its server; the pool replaces it on the next query.
  pool.on('error', report);
  try {
    // Only when missing: a role without DDL rights (the gateway's, once `passerelle migrate` ran) may not even ask.
    const found = await pool.query('select 1 from pg_namespace where nspname = $1', [schema]);
    if (found.rowCount === 0 && options.createSchema !== false) await pool.query(`create schema if not exists ${quoteIdent(schema)}`);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw translate(error);
  }
  const run = async <Row extends object>(client: pg.Pool | pg.PoolClient, text: string, params: readonly unknown[]): Promise<Row[]> => {
    try {
      return (await client.query(text, params as unknown[])).rows as Row[];
    } catch (error) {
      throw translate(error);
    }
  };
  return {
    query: (text, params = []) => run(pool, text, params),
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw translate(error);
      }
      // A checked-out client is not watched by the pool: without this listener a server
      // restart mid-transaction is an unhandled 'error' event that ends the process.
      let broken: unknown;
      const onError = (error: unknown): void => {
        broken = error;
        report(error);
      };
      client.on('error', onError);
      try {
        await run(client, 'begin', []);
        const inner: Sql = {
          query: (text, params = []) => run(client, text, params),
          transaction: (nested) => nested(inner),
          close: async () => undefined,
        };
        const result = await fn(inner);
        await run(client, 'commit', []);
        return result;
      } catch (error) {
        if (!broken) await client.query('rollback').catch((e: unknown) => (broken = e));
        throw translate(broken && !(error instanceof PasserelleError) ? broken : error);
      } finally {
        client.off('error', onError);
        // A broken client is destroyed, not given back to the pool.
        client.release(broken instanceof Error ? broken : broken ? new Error('connection lost') : undefined);
      }
    },
    close: () => pool.end(),
  };
}

/** An embedded gateway is one institution's: small buffers (PostgreSQL's 128 MB are a server's). */
const EMBEDDED_CONF = ['shared_buffers=16MB', 'wal_buffers=1MB'];

/**
 * A new data folder is made (initdb) by a short-lived process of its own: initdb grows the
 * WebAssembly memory to about 600 MB, which a process never gives back, while the same
 * folder opened afterwards takes about 170 MB.
 */
async function initDataDir(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const script = `const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});
const db = await PGlite.create(process.argv[1], { postgresqlconf: ${JSON.stringify(EMBEDDED_CONF)} });
await db.close();`;
  // Should the child fail, PGlite.create makes the folder in this process, at the cost of its memory.
  await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, dataDir], { stdio: 'ignore' });
    child.once('error', () => resolve());
    child.once('exit', () => resolve());
  });
}

export async function openEmbedded(dataDir: string | undefined, schema: string): Promise<Sql> {
  if (dataDir) await initDataDir(dataDir);
  const db = await PGlite.create(dataDir, { postgresqlconf: EMBEDDED_CONF });
  await db.exec(`create schema if not exists ${quoteIdent(schema)}; set search_path = ${quoteIdent(schema)}, public;`);
  type Queryable = Pick<PGlite, 'query'>;
  const wrap = (target: Queryable): Sql['query'] =>
    async <Row extends object>(text: string, params: readonly unknown[] = []) =>
      (await target.query<Row>(text, params as unknown[])).rows;
  return {
    query: wrap(db),
    transaction: (fn) =>
      db.transaction(async (tx) => {
        const inner: Sql = { query: wrap(tx), transaction: (nested) => nested(inner), close: async () => undefined };
        return fn(inner);
      }),
    close: () => db.close(),
  };
}
