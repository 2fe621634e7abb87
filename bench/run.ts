/**
 * Throughput and latency of the whole flow on this machine: N case.phase-changed events
 * posted through the API, each read from the (simulated) NFAM source, decided, filtered,
 * signed, encrypted and deposited in a commune's inbox.
 *
 *   npm run bench                 embedded store and in-process queue
 *   PASSERELLE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
 *   PASSERELLE_REDIS_URL=redis://127.0.0.1:6379 npm run bench
 *
 * Prints its figures; it is not part of `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueDevToken } from '../src/auth/dev-issuer.js';
import { loadConfig } from '../src/config.js';
import { createGateway } from '../src/gateway.js';
import { createLogger } from '../src/logger.js';
import { RICH_CASE, RICH_CASE_ID, richEvent } from '../tests/support/events.js';

const N = Number(process.env.BENCH_EVENTS ?? 500);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-'));
const schema = `bench_${Date.now().toString(36)}`;
const env = {
  ...process.env,
  PASSERELLE_DATA_DIR: dataDir,
  PASSERELLE_DATABASE_SCHEMA: schema,
  PASSERELLE_REDIS_PREFIX: `pbench:${schema}`,
  PASSERELLE_CONCURRENCY: process.env.PASSERELLE_CONCURRENCY ?? '8',
  NFAM_CLIENT_SECRET: 'bench',
  NFAM_WEBHOOK_SECRET: 'bench',
};
const config = loadConfig(env, path.resolve(import.meta.dirname, '..'));
const gateway = await createGateway(config, { env, logger: createLogger({ level: 'silent' }) });
const { store } = gateway.services;
await store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
await gateway.startWorkers();
const token = await issueDevToken(dataDir, { institutionId: 'be-asi', roles: ['source-system'] });

const posted = new Map<string, number>();
const started = performance.now();
for (let i = 0; i < N; i += 1) {
  const at = performance.now();
  const response = await gateway.app.request('/v1/events', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(richEvent()),
  });
  const body = (await response.json()) as { transfers: { id: string }[] };
  for (const t of body.transfers) posted.set(t.id, at);
}
const intakeMs = performance.now() - started;

const latencies: number[] = [];
const pending = new Set(posted.keys());
while (pending.size > 0) {
  for (const id of [...pending]) {
    const t = await store.getTransfer(id);
    if (t && ['delivered', 'failed', 'rejected', 'cancelled'].includes(t.state)) {
      pending.delete(id);
      latencies.push(Date.parse(t.updatedAt) - (performance.timeOrigin + posted.get(id)!));
    }
  }
  await new Promise((r) => setTimeout(r, 20));
}
const totalMs = performance.now() - started;
latencies.sort((a, b) => a - b);
const pct = (p: number): number => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
const mode = `${config.databaseUrl ? 'postgres' : 'pglite'} + ${config.redisUrl ? 'bullmq' : 'in-process queue'}`;
console.log(
  JSON.stringify({
    mode,
    events: N,
    intakePerSecond: Math.round((N / intakeMs) * 1000),
    endToEndPerSecond: Math.round((N / totalMs) * 1000),
    latencyMs: { p50: pct(0.5), p95: pct(0.95), max: pct(1) },
    rssMiB: Math.round(process.memoryUsage().rss / 1048576),
  }),
);
await gateway.close();
if (config.databaseUrl) {
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: config.databaseUrl });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}
if (config.redisUrl) {
  const { freshRedisPrefix } = await import('../tests/support/services.js');
  await freshRedisPrefix(config.redisPrefix).drop();
}
rmSync(dataDir, { recursive: true, force: true });
