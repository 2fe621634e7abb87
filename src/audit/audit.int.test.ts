import { afterEach, describe, expect, it } from 'vitest';
import { seededAuditLog, type SeededLog } from '../../tests/support/audit.js';
import { entryHash } from './chain.js';
import { loadOrCreateKeys, rotateSigningKey } from '../seal/keys.js';
import { checkpoint } from './checkpoint.js';
import { applyRetention } from './retention.js';
import { verifyAuditLog } from './verify.js';

describe('the tamper-evident audit log (PostgreSQL)', () => {
  let log: SeededLog | undefined;
  afterEach(async () => {
    await log?.close();
    log = undefined;
  });

  it('refuses UPDATE, DELETE and TRUNCATE by the application role', async () => {
    log = await seededAuditLog(100);
    const { store } = log;
    await expect(store.sql.query("update audit_entries set kind = 'x' where seq = 10")).rejects.toThrow(/append-only/);
    await expect(store.sql.query('delete from audit_entries where seq = 10')).rejects.toThrow(/append-only/);
    await expect(store.sql.query('truncate audit_entries')).rejects.toThrow(/append-only/);
    await expect(store.sql.query('delete from audit_checkpoints')).rejects.toThrow(/append-only/);
  });

  it('keeps one chain when many append at once', async () => {
    log = await seededAuditLog(100);
    const { store, keys } = log;
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.appendAudit({ kind: 'test', actor: 'a', data: { i } })));
    expect(await verifyAuditLog(store.sql, keys.jwks())).toMatchObject({ ok: true, entries: 140 });
  });

  it('finds a rewrite that recomputed every hash after the edit, at the signed checkpoint', async () => {
    log = await seededAuditLog(1000);
    const { store, keys, tamper } = log;
    const rows = await store.sql.query<Record<string, any>>('select * from audit_entries where seq between 100 and 600 order by audit_entries.seq');
    let prev = rows[0]!.prev_hash as string;
    for (const row of rows) {
      const data = row.seq === '100' ? { to: 'cancelled', attempt: 1 } : row.data;
      const hash = entryHash({ seq: Number(row.seq), at: new Date(row.at).toISOString(), kind: row.kind, actor: row.actor, transferId: row.transfer_id, eventId: row.event_id, requestId: row.request_id, personRef: row.person_ref, institutionId: row.institution_id, data, prevHash: prev });
      await tamper('update audit_entries set data = $2, prev_hash = $3, hash = $4 where seq = $1', [row.seq, JSON.stringify(data), prev, hash]);
      prev = hash;
    }
    expect(await verifyAuditLog(store.sql, keys.jwks())).toMatchObject({ ok: false, firstBad: { seq: 500, reason: expect.stringContaining('checkpoint') } });
  });

  it('finds a forged checkpoint', async () => {
    log = await seededAuditLog(100);
    const { store, keys, tamper } = log;
    await tamper("update audit_checkpoints set hash = repeat('a', 64) where seq = 50");
    expect(await verifyAuditLog(store.sql, keys.jwks())).toMatchObject({ ok: false, firstBad: { seq: 50, reason: expect.stringContaining('checkpoint') } });
  });
});

describe('retention', () => {
  let log: SeededLog | undefined;
  afterEach(async () => {
    await log?.close();
    log = undefined;
  });

  it('archives old entries without dropping them; the chain verifies across the boundary and still finds tampering in the archive', async () => {
    log = await seededAuditLog(1000); // dated from 2026-01-01, one a second
    const { store, keys, tamper } = log;
    for (let i = 0; i < 5; i += 1) await store.appendAudit({ kind: 'test', actor: 'now', data: { i } });
    const result = await applyRetention(store, { now: new Date('2026-01-01T00:10:00Z'), auditDays: 0, inboxDays: 90 });
    expect(result).toMatchObject({ archivedUpToSeq: 599, archived: 599 });
    const counts = await store.sql.query<{ archived: string; live: string }>('select (select count(*) from audit_archive)::text as archived, (select count(*) from audit_entries)::text as live');
    expect(counts[0]).toEqual({ archived: '599', live: '407' });
    expect(await verifyAuditLog(store.sql, keys.jwks())).toMatchObject({ ok: true, entries: 1006 });
    await expect(store.sql.query('delete from audit_archive where seq = 3')).rejects.toThrow(/append-only/);
    await expect(store.sql.query("set passerelle.archiving = 'on'; delete from audit_entries where seq = 700")).rejects.toThrow(/append-only/);
    await tamper(`update audit_archive set data = '{"to":"cancelled"}' where seq = 42`);
    expect(await verifyAuditLog(store.sql, keys.jwks())).toMatchObject({ ok: false, firstBad: { seq: 42 } });
  });
});

describe('signing key rotation', () => {
  let log: SeededLog | undefined;
  afterEach(async () => {
    await log?.close();
    log = undefined;
  });

  it('keeps checkpoints signed by the retired key verifiable', async () => {
    log = await seededAuditLog(100);
    const { store, dataDir } = log;
    const rotated = await rotateSigningKey(dataDir);
    expect(rotated.current).not.toBe(rotated.retired);
    const keys = await loadOrCreateKeys({ dir: dataDir });
    await store.appendAudit({ kind: 'test', actor: 'after-rotation' });
    await checkpoint(store.sql, keys);
    expect(keys.jwks().keys.map((k) => k.kid)).toEqual([rotated.current, rotated.retired]);
    expect(await verifyAuditLog(store.sql, keys.jwks())).toMatchObject({ ok: true, checkpoints: 3 });
    // Without the retired key, the old checkpoints no longer verify.
    expect(await verifyAuditLog(store.sql, { keys: keys.jwks().keys.slice(0, 1) })).toMatchObject({ ok: false, firstBad: { seq: 50 } });
  });
});
