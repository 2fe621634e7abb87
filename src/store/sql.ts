import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

/**
 * The one SQL surface the store uses. Two implementations run the same statements:
 * PostgreSQL through `pg` in production, PGlite (PostgreSQL compiled to WASM) embedded.
 */
export interface Sql {
  query<Row extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new RangeError('schema must be a lower-case SQL identifier');
  return `"${name}"`;
}

export async function connectPostgres(url: string, schema: string): Promise<Sql> {
  // timestamptz and int8 come back as strings; the store converts where it reads them.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: `-c search_path=${quoteIdent(schema)},public`,
  });
  pool.on('error', () => {
    // An idle client lost its server; the pool replaces it on the next query.
  });
  await pool.query(`create schema if not exists ${quoteIdent(schema)}`);
  const wrap = (client: pg.Pool | pg.PoolClient): Sql['query'] =>
    async <Row extends object>(text: string, params: readonly unknown[] = []) =>
      (await client.query(text, params as unknown[])).rows as Row[];
  return {
    query: wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const inner: Sql = {
          query: wrap(client),
          transaction: (nested) => nested(inner),
          close: async () => undefined,
        };
        const result = await fn(inner);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export async function openEmbedded(dataDir: string | undefined, schema: string): Promise<Sql> {
  const db = await PGlite.create(dataDir);
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
