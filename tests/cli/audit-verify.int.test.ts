import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../src/audit/chain.js';
import { seededAuditLog, type SeededLog } from '../support/audit.js';
import { REPO } from '../support/paths.js';
import { POSTGRES_URL } from '../support/services.js';

const N = 10_000;

function verify(log: SeededLog) {
  const run = spawnSync(process.execPath, [path.join(REPO, 'bin/passerelle.js'), 'audit', 'verify'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', PASSERELLE_DATABASE_URL: POSTGRES_URL, PASSERELLE_DATABASE_SCHEMA: log.schema, PASSERELLE_DATA_DIR: log.dataDir },
  });
  return { code: run.status, report: JSON.parse(run.stdout) as Record<string, any>, stderr: run.stderr };
}

describe('passerelle audit verify on a log of 10,000 entries', () => {
  let log: SeededLog | undefined;
  afterEach(async () => {
    await log?.close();
    log = undefined;
  });

  it('exits 0 on the intact log', async () => {
    log = await seededAuditLog(N);
    const run = verify(log);
    expect(run.code).toBe(0);
    expect(run.report).toMatchObject({ ok: true, entries: N, checkpoints: 2, head: { seq: N } });
  });

  const tampering: [string, (log: SeededLog) => Promise<void>, number, string][] = [
    ['an edited entry', (l) => l.tamper(`update audit_entries set data = '{"to":"cancelled","attempt":1}' where seq = 4321`), 4321, 'hash'],
    ['a deleted entry', (l) => l.tamper('delete from audit_entries where seq = 777'), 777, 'missing'],
    [
      'an inserted entry whose hash the forger computed',
      async (l) => {
        await l.tamper('update audit_entries set seq = -seq where seq >= 6000');
        await l.tamper('update audit_entries set seq = -seq + 1 where seq <= -6000');
        const [before] = await l.store.sql.query<{ hash: string }>('select hash from audit_entries where seq = 5999');
        const forged = { seq: 6000, at: '2026-01-01T01:40:00.000Z', kind: 'transfer.state', actor: 'worker', transferId: null, eventId: null, requestId: null, personRef: null, institutionId: 'be-koeniz', data: { to: 'delivered' }, prevHash: before!.hash };
        await l.tamper('insert into audit_entries (seq, at, kind, actor, institution_id, data, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
          6000, forged.at, forged.kind, forged.actor, forged.institutionId, JSON.stringify(forged.data), forged.prevHash, entryHash(forged),
        ]);
      },
      // The forged entry is well formed on its own; the one after it no longer follows.
      6001,
      'prev_hash',
    ],
    [
      'two entries swapped',
      async (l) => {
        await l.tamper('update audit_entries set seq = -1 where seq = 3000');
        await l.tamper('update audit_entries set seq = 3000 where seq = 3001');
        await l.tamper('update audit_entries set seq = 3001 where seq = -1');
      },
      3000,
      'prev_hash',
    ],
    ['a truncated log', (l) => l.tamper('delete from audit_entries where seq > 9000'), 9001, 'cut short'],
  ];

  it.each(tampering)('exits non-zero and names the first bad entry for %s', async (_name, tamper, seq, reason) => {
    log = await seededAuditLog(N);
    await tamper(log);
    const run = verify(log);
    expect(run.code).toBe(1);
    expect(run.report).toMatchObject({ ok: false, firstBad: { seq, reason: expect.stringContaining(reason) } });
    expect(run.stderr).toContain(`broken at entry ${seq}`);
  });
});
