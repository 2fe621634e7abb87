import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_DIR, REPO } from '../support/paths.js';
import { RICH_CASE } from '../support/events.js';
import { drain, postEvents, type LoadFigures, type Outcome } from './support/load.js';
import { freePort, sleep, until } from './support/ports.js';
import { TestPostgres } from './support/postgres.js';
import { GatewayCluster, transferStates } from './support/processes.js';
import { TestRedis } from './support/redis.js';
import { LoopbackNfam } from './support/target.js';

interface Figures extends Outcome {
  scenario: string;
  accepted: number;
  duplicates: number;
  unexpected5xx: number;
  status503: number;
  notes: Record<string, unknown>;
}

const results: Figures[] = [];

/**
 * The fault suite: real processes (API and workers as `passerelle` children), a
 * PostgreSQL cluster and a redis-server of the suite's own, and NFAM on loopback. Each
 * scenario ends with the same promises: every accepted transfer is delivered, failed,
 * rejected or cancelled; none is stuck after a bounded drain; none arrived twice; no 5xx
 * but the documented 503; the audit chain verifies; no process died on its own.
 */
describe('the gateway under faults', () => {
  let db: TestPostgres;
  let redis: TestRedis;
  let seq = 0;

  beforeAll(async () => {
    db = await TestPostgres.create();
    redis = await TestRedis.create();
  });
  afterAll(async () => {
    await redis?.stop();
    db?.destroy();
    mkdirSync(path.join(REPO, 'tests/.artifacts'), { recursive: true });
    writeFileSync(path.join(REPO, 'tests/.artifacts/faults.json'), JSON.stringify(results, null, 2));
    console.log('fault suite:\n' + results.map((r) => `${r.scenario}: accepted ${r.accepted}, delivered ${r.delivered}, failed ${r.failed}, cancelled ${r.cancelled}, stuck ${r.stuck}, duplicates ${r.duplicates}, 5xx ${r.unexpected5xx} (+${r.status503} documented 503), drain ${r.drainMs} ms ${JSON.stringify(r.notes)}`).join('\n'));
  });

  async function scenario(
    name: string,
    run: (ctx: { cluster: GatewayCluster; target: LoopbackNfam; notes: Record<string, unknown> }) => Promise<LoadFigures>,
    options: { workers?: number; embedded?: boolean; env?: Record<string, string>; drainMs?: number; expect?: Partial<Outcome> } = {},
  ): Promise<void> {
    seq += 1;
    const target = new LoopbackNfam(await freePort());
    await target.start();
    const databaseUrl = options.embedded ? undefined : await db.createDatabase(`fault_${seq}`);
    const cluster = new GatewayCluster({
      name,
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(options.embedded ? {} : { redisUrl: redis.url }),
      nfamUrl: target.url,
      env: { PASSERELLE_REDIS_PREFIX: `fault${seq}`, ...options.env },
    });
    const notes: Record<string, unknown> = {};
    try {
      await cluster.start(options.workers ?? 1);
      const load = await run({ cluster, target, notes });
      target.mode = 'ok';
      await target.start();
      const outcome = await drain(cluster, options.drainMs ?? 120_000);
      const audit = cluster.auditVerify();
      const figures: Figures = {
        scenario: name,
        accepted: load.transferIds.length,
        ...outcome,
        duplicates: target.duplicates(),
        unexpected5xx: load.unexpected5xx,
        status503: load.byStatus['503'] ?? 0,
        notes: { ...notes, slowestAnswerMs: load.slowestMs, maxAttempts: outcome.maxAttempts, auditVerify: audit.ok },
      };
      results.push(figures);
      expect(figures.accepted).toBeGreaterThan(0);
      expect(figures.stuck).toBe(0);
      expect(figures.delivered + figures.failed + figures.rejected + figures.cancelled).toBe(figures.accepted);
      expect(figures.total).toBe(figures.accepted);
      expect(figures.duplicates).toBe(0);
      expect(figures.unexpected5xx).toBe(0);
      expect(audit.ok, audit.output).toBe(true);
      expect(cluster.unexpectedExits()).toEqual([]);
      if (options.expect) expect(outcome).toMatchObject(options.expect);
    } finally {
      await cluster.stop();
      await target.stop();
      cluster.destroy();
    }
  }

  it('worker SIGKILLed mid-delivery: the job runs again, nothing twice', async () => {
    await scenario('worker SIGKILL', async ({ cluster, target }) => {
      target.mode = 'slow';
      target.slowMs = 400;
      return postEvents(cluster, 120, {
        during: async (sent) => {
          if (sent === 40) await cluster.replaceWorker(0);
        },
      });
    }, { expect: { failed: 0 } });
  });

  it('API SIGKILLed: callers retry with the same eventId, nothing is lost or doubled', async () => {
    await scenario('API SIGKILL', async ({ cluster }) =>
      postEvents(cluster, 150, {
        during: async (sent) => {
          if (sent === 50) await cluster.restartApi();
        },
      }), { expect: { failed: 0 } });
  });

  it('Redis restarted without persistence: open transfers are queued again', async () => {
    await scenario('Redis restart', async ({ cluster, target }) => {
      target.mode = '503';
      const load = await postEvents(cluster, 120);
      await redis.restart();
      target.mode = 'ok';
      return load;
    }, { expect: { failed: 0 } });
  });

  it('Redis FLUSHALL during retries: every open transfer is back on its queue at once, and attempts never pass the limit', async () => {
    await scenario('Redis FLUSHALL', async ({ cluster, target, notes }) => {
      target.mode = '503';
      const load = await postEvents(cluster, 100);
      await sleep(1000);
      const databaseUrl = cluster.options.databaseUrl!;
      const openOf = async (): Promise<number> => {
        const { states, total } = await transferStates(databaseUrl);
        return total - ['delivered', 'failed', 'rejected', 'cancelled'].reduce((n, s) => n + (states[s] ?? 0), 0);
      };
      const open = await openOf();
      notes.openAtFlush = open;
      // The backoff keeps most transfers between attempts here, so the flush hits them mid-retry.
      expect(open).toBeGreaterThanOrEqual(20);
      const flushed = Date.now();
      await redis.flushAll();
      // Back on the queue: the workers try them again (the target counts the posts).
      const before = target.posts;
      await until(() => target.posts > before + Math.min(50, Math.floor(open / 2)), 60_000, 'the flushed transfers to be tried again');
      notes.requeuedWithinMs = Date.now() - flushed;
      // Every one spends its attempts against the 503s before the target recovers.
      await until(async () => (await openOf()) === 0, 90_000, 'every transfer to spend its attempts');
      return load;
    }, { env: { PASSERELLE_DELIVERY_ATTEMPTS: '3', PASSERELLE_BACKOFF_MS: '1500', PASSERELLE_MAX_BACKOFF_MS: '3000' }, expect: { delivered: 0 } });
    const last = results.at(-1)!;
    expect(last.maxAttempts).toBeLessThanOrEqual(3);
  });

  it('PostgreSQL restarted with -m immediate three times under load: no process exits, everything ends', async () => {
    await scenario('PostgreSQL restart -m immediate ×3', async ({ cluster, notes }) => {
      let restarts = 0;
      const load = await postEvents(cluster, 200, {
        during: async (sent) => {
          if (sent % 50 === 25 && restarts < 3) {
            restarts += 1;
            db.restartImmediate();
          }
        },
      });
      notes.restarts = restarts;
      notes.lastRestartAt = new Date().toISOString();
      notes.alive = cluster.alive();
      return load;
    }, { workers: 2, drainMs: 60_000, expect: { failed: 0 } });
  });

  it('PostgreSQL down for 30 s: events are answered 503 with Retry-After at once, and everything ends once it is back', async () => {
    await scenario('PostgreSQL down 30 s', async ({ cluster, notes }) => {
      const before = await postEvents(cluster, 40);
      db.stop('fast');
      const token = await cluster.token('be-asi', ['source-system']);
      const started = Date.now();
      const answer = await fetch(`${cluster.base}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ eventId: '7b0c0ad7-1c7e-4a5b-9a76-2d6a4e9f3c11', type: 'case.updated', occurredAt: '2026-03-01T10:00:00+01:00', source: { system: 'nfam', institutionId: 'be-asi' }, case: RICH_CASE }),
        signal: AbortSignal.timeout(30_000),
      });
      notes.downAnswerMs = Date.now() - started;
      notes.downStatus = answer.status;
      notes.retryAfter = answer.headers.get('retry-after');
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      await sleep(30_000);
      db.start();
      const after = await postEvents(cluster, 40);
      return { ...after, accepted: before.accepted + after.accepted, transferIds: [...before.transferIds, ...after.transferIds], unexpected5xx: before.unexpected5xx + after.unexpected5xx };
    }, { expect: { failed: 0 } });
  });

  it('Redis stopped: every request is answered at once, events are kept and queued when it is back', async () => {
    await scenario('Redis down', async ({ cluster, notes }) => {
      await redis.stop();
      const load = await postEvents(cluster, 30, { concurrency: 3 });
      notes.slowestWhileDownMs = load.slowestMs;
      await redis.start();
      return load;
    }, { expect: { failed: 0 } });
  });

  for (const mode of ['down', 'slow', 'garbage', '500', '429'] as const) {
    it(`the target ${mode === 'down' ? 'is down' : mode === 'slow' ? 'answers past the timeout' : `answers ${mode}`} for a while: everything is delivered once it recovers`, async () => {
      await scenario(`target ${mode}`, async ({ cluster, target, notes }) => {
        if (mode === 'down') await target.stop();
        else target.mode = mode;
        if (mode === 'slow') target.slowMs = 2500;
        const load = await postEvents(cluster, 60);
        await sleep(mode === '429' ? 4000 : 3000);
        notes.postsWhileFaulty = target.posts;
        if (mode === 'down') await target.start();
        target.mode = 'ok';
        return load;
      }, { env: { PASSERELLE_DELIVERY_ATTEMPTS: '20' }, expect: { failed: 0 } });
      if (mode === 'garbage') {
        const logs = readdirSync(LOG_DIR).filter((f) => f.startsWith('fault-target garbage'));
        const text = logs.map((f) => readFileSync(path.join(LOG_DIR, f), 'utf8')).join('\n');
        expect(logs.length).toBeGreaterThan(0);
        expect(text).not.toContain('Anmeldung fehlgeschlagen');
        expect(text).not.toContain('Muster Hans');
      }
    });
  }

  it('three workers share the work: everything delivered once', async () => {
    await scenario('three workers', async ({ cluster }) => postEvents(cluster, 240, { concurrency: 12 }), { workers: 3, expect: { failed: 0 } });
  });

  it('a revocation during a target outage cancels every waiting transfer; nothing is delivered when the target is back', async () => {
    await scenario('revocation during an outage', async ({ cluster, target }) => {
      target.mode = '503';
      const load = await postEvents(cluster, 60);
      const source = await cluster.token('be-asi', ['source-system']);
      const consent = { person: { system: 'nfam', localPersonId: RICH_CASE.localPersonId }, consent: { id: 'fault-c1', kind: 'general', grantedOn: '2025-01-01', recipients: ['social-service'], purposes: ['case-transfer'], dataCategories: ['health'] }, documentSha256: 'ab'.repeat(32) };
      expect((await fetch(`${cluster.base}/v1/consents`, { method: 'POST', headers: { authorization: `Bearer ${source}`, 'content-type': 'application/json' }, body: JSON.stringify(consent) })).status).toBe(201);
      expect((await fetch(`${cluster.base}/v1/consents/fault-c1/revoke`, { method: 'POST', headers: { authorization: `Bearer ${source}` } })).status).toBe(200);
      return load;
    }, { env: { PASSERELLE_DELIVERY_ATTEMPTS: '50' }, expect: { delivered: 0, failed: 0 } });
    expect(results.at(-1)!.cancelled).toBe(results.at(-1)!.accepted);
  });

  it('embedded mode SIGKILLed three times: it comes back with nothing lost', async () => {
    await scenario('embedded SIGKILL ×3', async ({ cluster, target }) => {
      target.mode = 'slow';
      target.slowMs = 300;
      let kills = 0;
      const load = await postEvents(cluster, 60, {
        concurrency: 4,
        during: async (sent) => {
          if (sent % 15 === 5 && kills < 3) {
            kills += 1;
            await cluster.restartApi();
          }
        },
      });
      return load;
    }, { embedded: true, expect: { failed: 0 } });
  });
});
