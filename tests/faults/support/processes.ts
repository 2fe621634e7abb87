import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { issueDevToken } from '../../../src/auth/dev-issuer.js';
import { LOG_DIR, REPO } from '../../support/paths.js';
import { freePort, until } from './ports.js';

export interface ClusterOptions {
  name: string;
  /** PostgreSQL and Redis URLs; both unset: the embedded mode, one process. */
  databaseUrl?: string;
  redisUrl?: string;
  nfamUrl: string;
  env?: Record<string, string>;
  /** The command's entry, absolute: the sources' bin/passerelle.js unless a build's is given. */
  bin?: string;
}

/**
 * Gateway processes under test: an API (`passerelle serve --no-worker`) and workers
 * (`passerelle worker`), or one embedded `passerelle serve`, each a real child process
 * writing its log to tests/.artifacts/logs for the privacy scan.
 */
export class GatewayCluster {
  readonly dataDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-fault-'));
  readonly policies = path.join(this.dataDir, 'policies');
  private api: ChildProcess | undefined;
  private readonly workers: ChildProcess[] = [];
  private port = 0;
  private readonly exits: { role: string; code: number | null; signal: NodeJS.Signals | null; expected: boolean }[] = [];
  private logSeq = 0;

  constructor(readonly options: ClusterOptions) {
    mkdirSync(this.policies, { recursive: true });
    for (const file of ['routes.yaml', 'disclosure.yaml']) writeFileSync(path.join(this.policies, file), readFileSync(path.join(REPO, 'tests/fixtures/policies', file)));
    const institutions = readFileSync(path.join(REPO, 'tests/fixtures/policies/institutions.yaml'), 'utf8')
      .replaceAll('https://api.nfam.be.example', options.nfamUrl)
      .replaceAll('https://auth.nfam.be.example', options.nfamUrl)
      // The canton's NFAM is polled: that is how the workers learn the case's id.
      .replace('    clientId: passerelle-test\n', '    clientId: passerelle-test\n    pollIntervalSeconds: 1\n');
    writeFileSync(path.join(this.policies, 'institutions.yaml'), institutions);
  }

  private get bin(): string {
    return this.options.bin ?? path.join(REPO, 'bin/passerelle.js');
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  env(): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? this.dataDir,
      PASSERELLE_DATA_DIR: this.dataDir,
      PASSERELLE_POLICIES: this.policies,
      PASSERELLE_PORT: String(this.port),
      PASSERELLE_LOG_LEVEL: 'info',
      PASSERELLE_DELIVERY_ATTEMPTS: '8',
      PASSERELLE_BACKOFF_MS: '200',
      PASSERELLE_MAX_BACKOFF_MS: '2000',
      PASSERELLE_LOCK_DURATION_MS: '3000',
      PASSERELLE_STALLED_INTERVAL_MS: '1000',
      PASSERELLE_RECONCILE_INTERVAL_MS: '10000',
      PASSERELLE_QUEUE_CHECK_INTERVAL_MS: '1000',
      PASSERELLE_CONCURRENCY: '8',
      NFAM_CLIENT_SECRET: 'fault-secret',
      NFAM_WEBHOOK_SECRET: 'whsec_fault',
      ...(this.options.databaseUrl ? { PASSERELLE_DATABASE_URL: this.options.databaseUrl } : {}),
      ...(this.options.redisUrl ? { PASSERELLE_REDIS_URL: this.options.redisUrl } : {}),
      ...this.options.env,
    };
  }

  /** A worker is ready once its first poll round is done: then it knows NFAM's case ids. */
  private async workerReady(worker: ChildProcess): Promise<void> {
    let output = '';
    const listen = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
    };
    worker.stdout!.on('data', listen);
    try {
      await until(async () => output.includes('first poll round done') || worker.exitCode !== null, 120_000, 'the worker to finish its first poll round');
    } finally {
      worker.stdout!.off('data', listen);
    }
  }

  private spawn(role: string, args: string[]): ChildProcess {
    mkdirSync(LOG_DIR, { recursive: true });
    this.logSeq += 1;
    const log = createWriteStream(path.join(LOG_DIR, `fault-${this.options.name}-${role}-${this.logSeq}-${Date.now()}.log`));
    const child = spawn(process.execPath, [this.bin, ...args], { cwd: REPO, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const record = { role, code: null as number | null, signal: null as NodeJS.Signals | null, expected: false };
    child.once('exit', (code, signal) => {
      record.code = code;
      record.signal = signal;
      this.exits.push(record);
    });
    (child as ChildProcess & { record?: typeof record }).record = record;
    return child;
  }

  /** API and workers as separate processes (or one embedded process), ready to serve. */
  async start(workers = 1): Promise<void> {
    this.port = await freePort();
    const embedded = !this.options.databaseUrl;
    this.api = this.spawn('api', embedded ? ['serve'] : ['serve', '--no-worker']);
    await this.waitHealthy();
    if (!embedded) for (let i = 0; i < workers; i += 1) await this.addWorker();
  }

  async waitHealthy(): Promise<void> {
    await until(async () => (await fetch(`${this.base}/health`).catch(() => undefined))?.status === 200, 120_000, 'the API to answer /health');
  }

  async addWorker(): Promise<ChildProcess> {
    const worker = this.spawn(`worker${this.workers.length + 1}`, ['worker']);
    this.workers.push(worker);
    await this.workerReady(worker);
    return worker;
  }

  private kill(child: ChildProcess | undefined): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    (child as ChildProcess & { record?: { expected: boolean } }).record!.expected = true;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    return exited;
  }

  async killWorker(index = 0): Promise<void> {
    await this.kill(this.workers[index]);
  }

  async replaceWorker(index = 0): Promise<void> {
    await this.killWorker(index);
    this.workers[index] = this.spawn(`worker${index + 1}`, ['worker']);
    await this.workerReady(this.workers[index]!);
  }

  async killApi(): Promise<void> {
    await this.kill(this.api);
  }

  async restartApi(): Promise<void> {
    await this.killApi();
    this.api = this.spawn('api', this.options.databaseUrl ? ['serve', '--no-worker'] : ['serve']);
    await this.waitHealthy();
  }

  /** Processes that ended without the test ending them: the promise is that there are none. */
  unexpectedExits(): string[] {
    return this.exits.filter((e) => !e.expected).map((e) => `${e.role} exited (${e.code ?? e.signal})`);
  }

  /** The running processes by role (the benchmarks read their memory). */
  processes(): { role: string; pid: number }[] {
    const all = [['api', this.api] as const, ...this.workers.map((w, i) => [`worker${i + 1}`, w] as const)];
    return all.filter(([, c]) => c?.pid !== undefined && c.exitCode === null).map(([role, c]) => ({ role, pid: c!.pid! }));
  }

  alive(): number {
    return [this.api, ...this.workers].filter((c) => c && c.exitCode === null && c.signalCode === null).length;
  }

  token(institutionId: string, roles: string[]): Promise<string> {
    return issueDevToken(this.dataDir, { institutionId, roles });
  }

  /** `passerelle audit verify` against this cluster's store, as an operator runs it. */
  auditVerify(): { ok: boolean; output: string } {
    const run = spawnSync(process.execPath, [this.bin, 'audit', 'verify'], { cwd: REPO, env: this.env(), encoding: 'utf8', timeout: 120_000 });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.slice(0, 2000) };
  }

  async stop(): Promise<void> {
    for (const child of [...this.workers, this.api]) await this.kill(child);
  }

  destroy(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The transfers' states as the store holds them (PostgreSQL directly). */
export async function transferStates(databaseUrl: string): Promise<{ states: Record<string, number>; maxAttempts: number; total: number }> {
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c search_path=passerelle,public' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const rows = (await client.query<{ state: string; n: string; max: string }>('select state, count(*)::text as n, max(attempts)::text as max from transfers group by state')).rows;
    const states = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    return { states, maxAttempts: Math.max(0, ...rows.map((r) => Number(r.max))), total: rows.reduce((a, r) => a + Number(r.n), 0) };
  } finally {
    await client.end();
  }
}
