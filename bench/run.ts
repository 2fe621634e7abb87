/**
 * `npm run bench`: every figure of docs/benchmarks.md in one run, each beside the baseline
 * measured in the same run on the same machine, ending with one JSON line of all ratios.
 * PostgreSQL (with pg_stat_statements) and Redis are instances of the bench's own; the
 * NFAM source and target run on loopback. Not part of `npm test`.
 *
 *   npm run bench                     the full run (about ten minutes on 2 cores)
 *   BENCH_QUICK=1 npm run bench       small counts, to try the bench itself
 *
 * BENCH_EVENTS (closed-loop events per mode), BENCH_SECONDS (open-loop and autocannon
 * seconds), BENCH_AUDIT_ENTRIES, BENCH_STATEMENTS=0 (skip counting statements).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, sleep, until } from '../tests/faults/support/ports.js';
import { TestPostgres } from '../tests/faults/support/postgres.js';
import { TestRedis } from '../tests/faults/support/redis.js';
import { auditVerifyFigure } from './audit-verify.js';
import { bareBullmq, helloWorld, requestsPerSecond } from './baselines.js';
import { decisionFigure, mappingFigures } from './cpu.js';
import { Bench, latencyOf, startNfam, throughputOf, type Engines, type Target } from './flow.js';
import { buildGateway, machine, memoryOf, report, round } from './support.js';

const REPO = path.resolve(import.meta.dirname, '..');
const QUICK = process.env.BENCH_QUICK === '1';
const EVENTS = Number(process.env.BENCH_EVENTS ?? (QUICK ? 60 : 400));
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 3 : 10));
const AUDIT_ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? (QUICK ? 100_000 : 1_000_000));
const COUNT_STATEMENTS = process.env.BENCH_STATEMENTS !== '0';
// PostgreSQL reports an idle backend's transactions up to 10 s late (PGSTAT_IDLE_INTERVAL).
const STATS_SETTLE_MS = 11_000;
const WARM_UP = 20;

buildGateway();

const ratios: Record<string, number> = {};
const figures: Record<string, unknown> = {};
report({ figure: 'machine', value: 0, unit: '', ...machine() });

const postgres = await TestPostgres.create(['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all']);
const redis = await TestRedis.create();
const nfam = await startNfam();
const engines: Engines = { postgres, redis, nfam };

/** Every database created from here on has pg_stat_statements; the bench reads as a role of its own. */
async function prepareServer(): Promise<void> {
  const admin = new pg.Client({ connectionString: postgres.url.replace(/\/postgres$/, '/template1') });
  await admin.connect();
  await admin.query('create extension if not exists pg_stat_statements');
  await admin.query('create role bench login superuser');
  await admin.end();
}

interface Mode {
  name: string;
  embedded: boolean;
  workers: number;
  target: Target;
  /** Count statements and transactions per transfer in this mode. */
  count?: boolean;
  /** Measure latency under fixed load and the API in this mode. */
  main?: boolean;
  /** The NFAM target answers a delivery this late, as a canton's system across its network does. */
  targetMs?: number;
}

/** How late the remote target answers in the modes that say so: what makes worker processes add up. */
const TARGET_MS = 200;

const MODES: Mode[] = [
  { name: 'postgres-1-worker-nfam', embedded: false, workers: 1, target: 'nfam', count: COUNT_STATEMENTS },
  { name: 'postgres-2-workers-nfam', embedded: false, workers: 2, target: 'nfam', main: true },
  { name: 'postgres-3-workers-nfam', embedded: false, workers: 3, target: 'nfam' },
  { name: `postgres-1-worker-nfam-${TARGET_MS}ms`, embedded: false, workers: 1, target: 'nfam', targetMs: TARGET_MS },
  { name: `postgres-2-workers-nfam-${TARGET_MS}ms`, embedded: false, workers: 2, target: 'nfam', targetMs: TARGET_MS },
  { name: `postgres-3-workers-nfam-${TARGET_MS}ms`, embedded: false, workers: 3, target: 'nfam', targetMs: TARGET_MS },
  { name: 'postgres-2-workers-inbox', embedded: false, workers: 2, target: 'inbox', count: COUNT_STATEMENTS },
  { name: 'embedded-nfam', embedded: true, workers: 0, target: 'nfam' },
  { name: 'embedded-inbox', embedded: true, workers: 0, target: 'inbox' },
];

async function perTransfer(bench: Bench, mode: Mode, bare: number): Promise<number> {
  await bench.closedLoop(mode.target, WARM_UP);
  await bench.drained(WARM_UP, 0);
  let before: Awaited<ReturnType<Bench['counters']>> | undefined;
  let pollsBefore = 0;
  if (mode.count) {
    await sleep(STATS_SETTLE_MS);
    pollsBefore = bench.ownQueries;
    before = await bench.counters();
  }
  const since = Date.now() - 1;
  const cpuBefore = bench.cpu();
  const started = performance.now();
  await bench.closedLoop(mode.target, EVENTS);
  const timings = await bench.drained(WARM_UP + EVENTS, since);
  const seconds = (performance.now() - started) / 1000;
  const perSecond = throughputOf(timings);
  // How busy each process was: a process near 100 % is the bound, whatever the others do.
  const cpuPercent = Object.fromEntries(Object.entries(bench.cpu()).map(([role, s]) => [role, round(((s - (cpuBefore[role] ?? 0)) / seconds) * 100)]));
  report({ figure: `flow.${mode.name}`, value: perSecond, unit: 'transfers/s', baseline: { what: 'bare BullMQ no-op jobs/s, same Redis', value: bare }, transfers: timings.length, cpuPercent, memory: bench.memory() });
  figures[`cpuPercent.${mode.name}`] = cpuPercent;
  if (mode.count && before) {
    await sleep(STATS_SETTLE_MS);
    const after = await bench.counters();
    const polls = bench.ownQueries - pollsBefore;
    // The same time without load: what the processes do anyway (polls, sequencer, checks).
    await sleep(Math.min(20_000, after.at - before.at));
    const idle = await bench.counters();
    const idleRate = (n: 'statements' | 'transactions'): number => (idle[n] - after[n] - (n === 'transactions' ? 1 : 0)) / (idle.at - after.at);
    const per = (n: 'statements' | 'transactions'): number => round((after[n] - before[n] - (n === 'transactions' ? polls : 0) - idleRate(n) * (after.at - before.at)) / timings.length, 1);
    const counted = { statements: per('statements'), transactions: per('transactions') };
    report({ figure: `store.${mode.name}`, value: counted.statements, unit: 'statements/transfer', transactions: counted.transactions, method: 'pg_stat_statements calls and pg_stat_database commits, idle rate subtracted' });
    figures[`perTransfer.${mode.target}`] = counted;
  }
  figures[`memory.${mode.name}`] = bench.memory();
  return perSecond;
}

async function latencyAndApi(bench: Bench): Promise<void> {
  for (const rate of [50, 100]) {
    const since = Date.now() - 1;
    const total = (await bench.timings()).length;
    const count = await bench.openLoop('nfam', rate, SECONDS);
    const timings = await bench.drained(total + count, since);
    const latency = latencyOf(timings);
    report({ figure: `latency.${rate}-per-second`, value: latency.p99, unit: 'ms p99', offered: rate, seconds: SECONDS, ...latency });
    figures[`latencyMs.${rate}`] = latency;
  }
  const ops = await bench.cluster.token('be-asi', ['ops']);
  const list = (await (await fetch(`${bench.cluster.base}/v1/transfers?limit=1`, { headers: { authorization: `Bearer ${ops}` } })).json()) as { items: { id: string }[] };
  const id = list.items[0]!.id;
  const api = await requestsPerSecond(`${bench.cluster.base}/v1/transfers/${id}`, { authorization: `Bearer ${ops}` }, SECONDS);
  const hello = await helloWorld();
  let bare: Awaited<ReturnType<typeof requestsPerSecond>>;
  try {
    bare = await requestsPerSecond(hello.url, {}, SECONDS);
  } finally {
    await hello.stop();
  }
  if (api.non2xx > 0 || api.errors > 0) throw new Error(`GET /v1/transfers/{id} answered ${api.non2xx} non-2xx and ${api.errors} errors`);
  ratios.api = report({ figure: 'api.get-transfer', value: api.perSecond, unit: 'requests/s', baseline: { what: 'bare hono hello-world, same way', value: bare.perSecond } }).ratio!;
}

/** The arguments of node in package.json's `start` script, so that the bench runs what `npm start` runs (its V8 flags included). */
function startArguments(): string[] {
  const start = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
  if (start[0] !== 'node') throw new Error(`package.json's start script does not begin with node: ${start.join(' ')}`);
  return start.slice(1);
}

/** `npm start` as a newcomer runs it: its memory once it is up and has nothing to do. */
async function embeddedAtRest(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-start-'));
  const port = await freePort();
  const child = spawn(process.execPath, startArguments(), {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: dataDir, PASSERELLE_DATA_DIR: dataDir, PASSERELLE_PORT: String(port), PASSERELLE_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    await until(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.status === 200, 120_000, 'npm start to answer /health');
    await sleep(5000);
    const memory = memoryOf(child.pid!);
    report({ figure: 'memory.npm-start-at-rest', value: memory?.rssMiB ?? 0, unit: 'MiB RSS', peakMiB: memory?.peakMiB ?? 0 });
    figures['memory.npmStartAtRestMiB'] = memory?.rssMiB ?? 0;
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  await prepareServer();
  const bare = await bareBullmq(redis.url, QUICK ? 2000 : 10_000);
  report({ figure: 'bullmq.bare', value: bare, unit: 'no-op jobs/s', concurrency: 8 });
  figures.bareBullmqJobsPerSecond = bare;
  const perSecond: Record<string, number> = {};
  for (const mode of MODES) {
    const bench = await Bench.start(engines, mode);
    nfam.mode = mode.targetMs ? 'slow' : 'ok';
    nfam.slowMs = mode.targetMs ?? 0;
    try {
      perSecond[mode.name] = await perTransfer(bench, mode, bare);
      ratios[`endToEnd.${mode.name}`] = round(perSecond[mode.name]! / bare, 4);
      if (mode.main) await latencyAndApi(bench);
    } finally {
      await bench.stop();
      nfam.mode = 'ok';
    }
  }
  ratios['workers.2-over-1'] = round(perSecond['postgres-2-workers-nfam']! / perSecond['postgres-1-worker-nfam']!, 2);
  ratios['workers.3-over-2'] = round(perSecond['postgres-3-workers-nfam']! / perSecond['postgres-2-workers-nfam']!, 2);
  // Workers add throughput only with CPU to spare: with the same CPU per transfer, no number
  // of them can raise it by more than the machine's cores over what the 1-worker run kept busy.
  const busy = Object.values(figures['cpuPercent.postgres-1-worker-nfam'] as Record<string, number>).reduce((a, b) => a + b, 0);
  figures['workers.cpuBound'] = report({ figure: 'workers.cpu-bound', value: round((os.cpus().length * 100) / busy, 2), unit: 'most any workers could add, × the 1-worker throughput', busyPercent: busy, cores: os.cpus().length }).value;
  ratios[`workers.2-over-1.target-${TARGET_MS}ms`] = round(perSecond[`postgres-2-workers-nfam-${TARGET_MS}ms`]! / perSecond[`postgres-1-worker-nfam-${TARGET_MS}ms`]!, 2);
  ratios[`workers.3-over-2.target-${TARGET_MS}ms`] = round(perSecond[`postgres-3-workers-nfam-${TARGET_MS}ms`]! / perSecond[`postgres-2-workers-nfam-${TARGET_MS}ms`]!, 2);
  for (const f of await mappingFigures()) ratios[f.figure] = f.ratio!;
  figures.decisionsPerSecond = (await decisionFigure()).value;
  const audit = await auditVerifyFigure(await postgres.createDatabase('bench_audit'), AUDIT_ENTRIES);
  figures.auditVerify = { entries: audit.entries, entriesPerSecond: audit.value, verifyMs: audit.verifyMs };
  await embeddedAtRest();
  console.log(JSON.stringify({ ratios, figures, machine: machine() }));
} finally {
  await nfam.stop();
  await redis.stop();
  postgres.destroy();
}
