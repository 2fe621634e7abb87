/**
 * The whole flow in real processes (API, workers, or one embedded process), as in
 * production: events posted over HTTP, read from a loopback NFAM, decided, sealed and
 * delivered to NFAM or to a commune's inbox. Figures come from the store's timestamps.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { richEvent, richToRegionalPartner } from '../tests/support/events.js';
import { freePort, sleep, until } from '../tests/faults/support/ports.js';
import { GatewayCluster } from '../tests/faults/support/processes.js';
import { LoopbackNfam } from '../tests/faults/support/target.js';
import type { TestPostgres } from '../tests/faults/support/postgres.js';
import type { TestRedis } from '../tests/faults/support/redis.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILT_BIN, cpuSecondsOf, memoryOf, percentile, pidOf, round, treeCpuSecondsOf } from './support.js';

export type Target = 'nfam' | 'inbox';
const EVENT: Record<Target, () => Record<string, unknown>> = { nfam: richToRegionalPartner, inbox: richEvent };
const FINAL = ['delivered', 'failed', 'rejected', 'cancelled'];

export interface Engines {
  postgres: TestPostgres;
  redis: TestRedis;
  nfam: LoopbackNfam;
}

export async function startNfam(): Promise<LoopbackNfam> {
  const nfam = new LoopbackNfam(await freePort());
  await nfam.start();
  return nfam;
}

interface Timing {
  state: string;
  createdAt: number;
  updatedAt: number;
}

/** A cluster under measurement: the processes, and the store they write (PostgreSQL modes). */
export class Bench {
  private db: pg.Client | undefined;
  private polls = 0;

  private constructor(
    readonly cluster: GatewayCluster,
    readonly databaseUrl: string | undefined,
    private readonly engines: Engines,
  ) {}

  static async start(engines: Engines, options: { embedded: boolean; workers: number; name: string }): Promise<Bench> {
    const databaseUrl = options.embedded ? undefined : await engines.postgres.createDatabase(`bench_${options.name.replace(/\W/g, '_')}_${Date.now().toString(36)}`);
    const cluster = new GatewayCluster({
      name: `bench-${options.name}`,
      nfamUrl: engines.nfam.url,
      // The build, as production runs it (run.ts makes it first).
      bin: BUILT_BIN,
      ...(databaseUrl ? { databaseUrl, redisUrl: engines.redis.url } : {}),
      // info, as in production (and the workers say at info that their first poll is done).
      env: { ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}), PASSERELLE_LOG_LEVEL: 'info', PASSERELLE_CONCURRENCY: process.env.PASSERELLE_CONCURRENCY ?? '8', PASSERELLE_REDIS_PREFIX: `bench:${randomUUID().slice(0, 8)}` },
    });
    try {
      await cluster.start(options.workers);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    const bench = new Bench(cluster, databaseUrl, engines);
    if (databaseUrl) {
      // A role of its own, so that the statement counts leave the bench's reads out.
      bench.db = new pg.Client({ connectionString: databaseUrl.replace('postgres://postgres@', 'postgres://bench@'), options: '-c search_path=passerelle,public' });
      await bench.db.connect();
    }
    return bench;
  }

  async stop(): Promise<void> {
    await this.db?.end();
    await this.cluster.stop();
    this.cluster.destroy();
  }

  private async post(token: string, target: Target): Promise<void> {
    const body = JSON.stringify({ ...EVENT[target](), eventId: randomUUID() });
    for (let tries = 0; tries < 20; tries += 1) {
      const answer = await fetch(`${this.cluster.base}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(60_000) }).catch(() => undefined);
      if (answer?.status === 202) return;
      await answer?.arrayBuffer();
      await sleep(200);
    }
    throw new Error('the gateway did not accept an event in 20 tries');
  }

  /** `count` events, `concurrency` at a time (a closed loop: as fast as the gateway takes them). */
  async closedLoop(target: Target, count: number, concurrency = 16): Promise<void> {
    const token = await this.cluster.token('be-asi', ['source-system']);
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next += 1;
          await this.post(token, target);
        }
      }),
    );
  }

  /** Events at a fixed rate whatever the gateway does (an open loop), for `seconds`. */
  async openLoop(target: Target, perSecond: number, seconds: number): Promise<number> {
    const token = await this.cluster.token('be-asi', ['source-system']);
    const count = Math.round(perSecond * seconds);
    const started = performance.now();
    const sent: Promise<void>[] = [];
    for (let i = 0; i < count; i += 1) {
      const due = started + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      sent.push(this.post(token, target));
    }
    await Promise.all(sent);
    return count;
  }

  /** Every transfer, with the store's timestamps. */
  async timings(): Promise<Timing[]> {
    if (this.db) {
      this.polls += 1;
      const rows = (await this.db.query<{ state: string; created: string; updated: string }>(
        "select state, (extract(epoch from created_at) * 1000)::text as created, (extract(epoch from updated_at) * 1000)::text as updated from transfers",
      )).rows;
      return rows.map((r) => ({ state: r.state, createdAt: Number(r.created), updatedAt: Number(r.updated) }));
    }
    const ops = await this.cluster.token('be-asi', ['ops']);
    const all: Timing[] = [];
    let cursor: string | null = null;
    do {
      const answer = await fetch(`${this.cluster.base}/v1/transfers?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${ops}` } });
      const page = (await answer.json()) as { items: { state: string; createdAt: string; updatedAt: string }[]; nextCursor: string | null };
      for (const t of page.items) all.push({ state: t.state, createdAt: Date.parse(t.createdAt), updatedAt: Date.parse(t.updatedAt) });
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  /** Waits until `total` transfers are final (bounded); the ones created after `since`. */
  async drained(total: number, since: number, boundMs = 300_000): Promise<Timing[]> {
    let last: Timing[] = [];
    await until(async () => {
      last = await this.timings();
      return last.filter((t) => FINAL.includes(t.state)).length >= total;
    }, boundMs, `${total} transfers to be final`, 250);
    return last.filter((t) => t.createdAt >= since);
  }

  /** Server-side counters of this cluster's database: statements (pg_stat_statements) and transactions. */
  async counters(): Promise<{ statements: number; transactions: number; at: number }> {
    if (!this.db) throw new Error('no database in the embedded mode');
    this.polls += 1;
    const [row] = (await this.db.query<{ statements: string; transactions: string }>(
      `select (select coalesce(sum(calls), 0) from pg_stat_statements s where s.dbid = d.oid and s.userid = (select oid from pg_roles where rolname = 'postgres'))::text as statements,
              (select xact_commit + xact_rollback from pg_stat_database where datid = d.oid)::text as transactions
       from pg_database d where d.datname = current_database()`,
    )).rows;
    return { statements: Number(row!.statements), transactions: Number(row!.transactions), at: performance.now() };
  }

  /** The bench's own reads, which the counters include and a figure must not. */
  get ownQueries(): number {
    return this.polls;
  }

  /** CPU seconds each process has used so far: the gateway's, PostgreSQL's, Redis' and the bench's own (the load). */
  cpu(): Record<string, number> {
    const gateway = this.cluster.processes().flatMap(({ role, pid }) => {
      const seconds = cpuSecondsOf(pid);
      return seconds === undefined ? [] : [[role, seconds] as const];
    });
    const postmaster = Number(readFileSync(path.join(this.engines.postgres.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const redis = pidOf('redis-server', `:${this.engines.redis.port}`);
    const own = process.cpuUsage();
    return Object.fromEntries([
      ...gateway,
      ...(this.databaseUrl ? [['postgres', treeCpuSecondsOf(postmaster)] as const, ['redis', redis ? (cpuSecondsOf(redis) ?? 0) : 0] as const] : []),
      ['bench', (own.user + own.system) / 1e6] as const,
    ]);
  }

  memory(): Record<string, { rssMiB: number; peakMiB: number }> {
    return Object.fromEntries(this.cluster.processes().flatMap(({ role, pid }) => {
      const m = memoryOf(pid);
      return m ? [[role, m]] : [];
    }));
  }
}

/** Transfers per second, event to delivered, from the first created to the last delivered. */
export function throughputOf(timings: readonly Timing[]): number {
  const delivered = timings.filter((t) => t.state === 'delivered');
  if (delivered.length === 0) return 0;
  const first = Math.min(...timings.map((t) => t.createdAt));
  const last = Math.max(...delivered.map((t) => t.updatedAt));
  return round((delivered.length / Math.max(1, last - first)) * 1000, 1);
}

export function latencyOf(timings: readonly Timing[]): { p50: number; p95: number; p99: number; max: number } {
  const ms = timings.filter((t) => t.state === 'delivered').map((t) => t.updatedAt - t.createdAt).sort((a, b) => a - b);
  return { p50: round(percentile(ms, 0.5)), p95: round(percentile(ms, 0.95)), p99: round(percentile(ms, 0.99)), max: round(ms.at(-1) ?? 0) };
}
