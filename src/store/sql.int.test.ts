import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshSchema, POSTGRES_URL } from '../../tests/support/services.js';
import { connectPostgres, StoreUnavailableError, type Sql } from './sql.js';

describe('PostgreSQL statements', () => {
  let sql: Sql;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    const schema = await freshSchema();
    drop = schema.drop;
    sql = await connectPostgres(POSTGRES_URL, schema.schema);
    await sql.query('create table cases (id integer primary key, phase text not null)');
    await sql.query("insert into cases values (1, 'cantonal')");
  });

  afterEach(async () => {
    await sql.close();
    await drop();
  });

  it('prepares a statement with parameters once per connection and runs it again without its text', async () => {
    const text = 'select phase from cases where id = $1';
    const prepared = await sql.transaction(async (tx) => {
      for (let i = 0; i < 3; i += 1) expect(await tx.query(text, [1])).toEqual([{ phase: 'cantonal' }]);
      return tx.query<{ statement: string }>('select statement from pg_prepared_statements');
    });
    expect(prepared.filter((p) => p.statement === text)).toHaveLength(1);
  });

  it('leaves a statement without parameters unprepared', async () => {
    const prepared = await sql.transaction(async (tx) => {
      await tx.query('select phase from cases');
      return tx.query<{ statement: string }>('select statement from pg_prepared_statements');
    });
    expect(prepared).toEqual([]);
  });

  it('drops a connection whose statement a migration made stale: the next call is answered, a transaction gets a retryable error', async () => {
    const text = 'select * from cases where id = $1';
    expect(await sql.query(text, [1])).toEqual([{ id: 1, phase: 'cantonal' }]);
    await sql.query('alter table cases add column commune text');

    // Outside a transaction: tried again on a connection that prepares it anew.
    expect(await sql.query(text, [1])).toEqual([{ id: 1, phase: 'cantonal', commune: null }]);

    await sql.transaction(async (tx) => tx.query(text, [1]));
    await sql.query('alter table cases add column since date');
    const failed = await sql.transaction(async (tx) => tx.query(text, [1])).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(StoreUnavailableError);
    expect((failed as StoreUnavailableError).retryable).toBe(true);
    expect(await sql.transaction(async (tx) => tx.query(text, [1]))).toEqual([{ id: 1, phase: 'cantonal', commune: null, since: null }]);
  });
});
