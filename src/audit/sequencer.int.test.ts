import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { seededAuditLog, type SeededLog } from '../../tests/support/audit.js';
import { POSTGRES_URL } from '../../tests/support/services.js';
import { openStore, type Store } from '../store/index.js';
import { checkpoint } from './checkpoint.js';
import { rootOfLeaves } from './merkle.js';
import { sequenceAudit } from './sequencer.js';
import { verifyAuditLog } from './verify.js';

async function chainedHashes(store: Store): Promise<Buffer[]> {
  const rows = await store.sql.query<{ hash: string }>('select hash from audit_all where seq is not null order by seq');
  return rows.map((r) => Buffer.from(r.hash, 'hex'));
}

describe('the audit sequencer', () => {
  let log: SeededLog | undefined;
  const others: Store[] = [];
  afterEach(async () => {
    for (const s of others.splice(0)) await s.close();
    await log?.close();
    log = undefined;
  });

  it('chains entries of many writers in two processes into one order, each entry once, and the tree head covers them', async () => {
    log = await seededAuditLog(100);
    const { store, keys, schema } = log;
    const second = await openStore({ databaseUrl: POSTGRES_URL, schema, dataDir: null });
    others.push(second);
    const writers = Array.from({ length: 60 }, (_, i) =>
      (i % 2 ? second : store).sql.transaction(async (tx) => {
        await tx.query('select 1');
        const { insertAudit } = await import('../store/audit-append.js');
        await insertAudit(tx, { kind: 'test', actor: 'w', data: { i } }, { kind: 'test', actor: 'w', data: { i, second: true } });
      }),
    );
    // Both processes' sequencers race the writers and each other.
    const rounds = Array.from({ length: 20 }, (_, i) => sequenceAudit((i % 2 ? second : store).sql));
    await Promise.all([...writers, ...rounds]);
    await sequenceAudit(store.sql, { wait: true });

    const [counts] = await store.sql.query<{ n: string; chained: string; max: string; distinct: string }>(
      'select count(*)::text as n, count(seq)::text as chained, max(seq)::text as max, count(distinct seq)::text as distinct from audit_entries',
    );
    expect(counts).toEqual({ n: '220', chained: '220', max: '220', distinct: '220' });
    expect(await verifyAuditLog(store.sql, keys.jwks())).toMatchObject({ ok: true, entries: 220 });
    const head = await checkpoint(store.sql, keys);
    expect(head).toMatchObject({ seq: 220, rootHash: rootOfLeaves(await chainedHashes(store)).toString('hex') });
  });

  it('gives entries their places in the order they were written, across a digit boundary of their ids', async () => {
    log = await seededAuditLog(5);
    const { store } = log;
    for (let i = 0; i < 12; i += 1) await store.appendAudit({ kind: 'test', actor: 'w', data: { i } });
    await sequenceAudit(store.sql, { wait: true });
    const rows = await store.sql.query<{ i: number }>("select (data->>'i')::int as i from audit_entries where kind = 'test' order by seq");
    expect(rows.map((r) => r.i)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('lets an entry be given its place once and never changed after', async () => {
    log = await seededAuditLog(10);
    const { store } = log;
    await store.appendAudit({ kind: 'test', actor: 'later' });
    await expect(store.sql.query("update audit_entries set data = '{\"x\":1}' where seq is null")).rejects.toThrow(/append-only/);
    await sequenceAudit(store.sql, { wait: true });
    await expect(store.sql.query("update audit_entries set hash = repeat('b', 64) where seq = 11")).rejects.toThrow(/append-only/);
    await expect(store.sql.query('update audit_entries set seq = 99 where seq = 11')).rejects.toThrow(/append-only/);
  });

  it('skips a round while another holds the lock, and takes over when that process dies mid-round', async () => {
    log = await seededAuditLog(10);
    const { store, keys, schema } = log;
    for (let i = 0; i < 5; i += 1) await store.appendAudit({ kind: 'test', actor: 'pending', data: { i } });
    const stuck = new pg.Client({ connectionString: POSTGRES_URL });
    await stuck.connect();
    try {
      await stuck.query(`set search_path to "${schema}"`);
      await stuck.query('begin');
      await stuck.query('select pg_advisory_xact_lock(7314002)');
      // Half a round: places taken in its transaction, never committed.
      await stuck.query("update audit_entries set seq = 1000 + id, prev_hash = 'x', hash = md5(id::text) || md5(id::text) where seq is null");
      expect(await sequenceAudit(store.sql)).toBe(0);
      const [{ pid }] = (await stuck.query<{ pid: number }>('select pg_backend_pid() as pid')).rows as [{ pid: number }];
      stuck.on('error', () => undefined);
      await store.sql.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await stuck.end().catch(() => undefined);
    }
    expect(await sequenceAudit(store.sql)).toBe(5);
    expect(await verifyAuditLog(store.sql, keys.jwks())).toMatchObject({ ok: true, entries: 15 });
  });

  it('rebuilds the tree edge of a log chained before the tree existed', async () => {
    log = await seededAuditLog(100);
    const { store, keys, tamper } = log;
    await tamper("update audit_head set frontier = '[]'::jsonb where id = 1");
    await store.appendAudit({ kind: 'test', actor: 'after-upgrade' });
    await sequenceAudit(store.sql, { wait: true });
    const head = await checkpoint(store.sql, keys);
    expect(head?.rootHash).toBe(rootOfLeaves(await chainedHashes(store)).toString('hex'));
  });
});
