/** What the gateway is compared with, measured in the same run on the same machine. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { freePort, until } from '../tests/faults/support/ports.js';
import { round } from './support.js';

const REPO = path.resolve(import.meta.dirname, '..');

/** Bare BullMQ: `jobs` no-op jobs through one worker of `concurrency`, on the given Redis. */
export async function bareBullmq(redisUrl: string, jobs: number, concurrency = 8): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = `bench-bare-${Date.now().toString(36)}`;
  const queue = new Queue('noop', { connection, prefix });
  let done = 0;
  let finished!: () => void;
  const all = new Promise<void>((r) => (finished = r));
  const blocking = connection.duplicate();
  const worker = new Worker('noop', async () => undefined, { connection: blocking, prefix, concurrency });
  worker.on('completed', () => {
    done += 1;
    if (done === jobs) finished();
  });
  await worker.waitUntilReady();
  const started = performance.now();
  for (let i = 0; i < jobs; i += 500) await queue.addBulk(Array.from({ length: Math.min(500, jobs - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { removeOnComplete: true } })));
  await Promise.race([all, new Promise((_, reject) => setTimeout(() => reject(new Error('bare BullMQ did not finish in 120 s')), 120_000))]);
  const perSecond = (jobs / (performance.now() - started)) * 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  blocking.disconnect();
  connection.disconnect();
  return round(perSecond);
}

/** Requests per second autocannon gets from a URL (`connections` at a time, for `seconds`). */
export async function requestsPerSecond(url: string, headers: Record<string, string>, seconds: number, connections = 10): Promise<{ perSecond: number; non2xx: number; errors: number }> {
  const result = await autocannon({ url, headers, connections, duration: seconds });
  return { perSecond: round(result.requests.average), non2xx: result.non2xx, errors: result.errors };
}

/** A bare hono hello-world in a process of its own, started as the gateway is (node, its build: no TypeScript loader). */
export async function helloWorld(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(REPO, 'bench/hello.js')], { cwd: REPO, env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  await until(async () => (await fetch(url).catch(() => undefined))?.status === 200, 60_000, 'the hello-world to answer');
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
