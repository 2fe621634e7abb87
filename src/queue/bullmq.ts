import { Queue, RateLimitError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Logger } from '../logger.js';
import { PasserelleError } from '../errors.js';
import { RateLimited, type EnqueueOptions, type JobData, type JobHandler, type JobQueue, type RetryPolicy, type WorkOptions } from './port.js';
import { isPermanent, retryDelay } from './retryable.js';

export interface BullJobQueueOptions {
  redisUrl: string;
  /** Key prefix: one per deployment, one per test. */
  prefix: string;
  retry: RetryPolicy;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Bound on one queue operation while Redis is unreachable. */
  operationTimeoutMs?: number;
  logger?: Logger;
}

const BACKOFF_TYPE = 'passerelle-jitter';

/** Redis cannot be reached: the store still holds the work, the reconciler queues it when Redis is back. */
export class QueueUnavailableError extends PasserelleError {
  constructor(cause: unknown) {
    super('queue.unavailable', 'the queue (Redis) is unreachable; try again shortly', { status: 503, retryable: true, cause });
  }
}

/**
 * A queue operation, bounded: while Redis is down, BullMQ waits for its connection before
 * a command even reaches ioredis (whose offline queue is off for producers), so the bound
 * is what keeps a request from hanging.
 */
async function guarded<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the queue did not answer in time')), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([fn(), timeout]);
  } catch (error) {
    throw error instanceof PasserelleError ? error : new QueueUnavailableError(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Job data on Redis: ids only, never personal data. */
interface StoredJob {
  transferId: string;
  requestId?: string;
}

/**
 * BullMQ on Redis, one queue per lane (target system). Attempts and backoff are declared
 * on the job; a permanent error becomes BullMQ's UnrecoverableError; a job whose worker
 * died comes back after the stall check.
 */
export class BullJobQueue implements JobQueue {
  private readonly queues = new Map<string, Queue<StoredJob>>();
  private readonly workers: Worker<StoredJob>[] = [];
  private readonly connection: ConnectionOptions;
  /** Producers fail at once while Redis is down instead of waiting in ioredis' offline queue. */
  private readonly producer: ConnectionOptions;
  private readonly reconnectListeners: (() => void)[] = [];
  private wasDown = false;

  private get timeout(): number {
    return this.options.operationTimeoutMs ?? 1500;
  }

  constructor(private readonly options: BullJobQueueOptions) {
    const url = new URL(options.redisUrl);
    this.connection = {
      host: url.hostname,
      port: Number(url.port || 6379),
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
      maxRetriesPerRequest: null,
    };
    this.producer = { ...this.connection, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: this.timeout };
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  private watch(queue: Queue<StoredJob>): void {
    void queue.client.then(
      (client) => {
        client.on('close', () => (this.wasDown = true));
        client.on('end', () => (this.wasDown = true));
        client.on('ready', () => {
          if (!this.wasDown) return;
          this.wasDown = false;
          for (const listener of this.reconnectListeners) listener();
        });
      },
      () => undefined,
    );
  }

  private queue(lane: string): Queue<StoredJob> {
    let queue = this.queues.get(lane);
    if (!queue) {
      queue = new Queue<StoredJob>(queueName(lane), { connection: this.producer, prefix: this.options.prefix });
      queue.on('error', (error) => this.options.logger?.warn({ err: error, lane }, 'queue connection error'));
      this.watch(queue);
      this.queues.set(lane, queue);
    }
    return queue;
  }

  async enqueue(lane: string, job: JobData, options: EnqueueOptions = {}): Promise<void> {
    await guarded(() => this.add(lane, job, options), this.timeout);
  }

  private async add(lane: string, job: JobData, options: EnqueueOptions): Promise<void> {
    const queue = this.queue(lane);
    const existing = await queue.getJob(job.jobId);
    if (existing) {
      const state = await existing.getState();
      // A finished job of the same id would block the new one: only then make way.
      if (state !== 'failed' && state !== 'completed') return;
      await existing.remove().catch(() => undefined);
    }
    await queue.add('transfer', { transferId: job.transferId, ...(job.requestId ? { requestId: job.requestId } : {}) }, {
      jobId: job.jobId,
      attempts: this.options.retry.attempts,
      backoff: { type: BACKOFF_TYPE },
      delay: options.delayMs ?? 0,
      removeOnComplete: { count: 1000, age: 24 * 3600 },
      removeOnFail: { count: 10_000, age: 30 * 24 * 3600 },
    });
  }

  async remove(lane: string, jobId: string): Promise<void> {
    await guarded(async () => {
      const job = await this.queue(lane).getJob(jobId);
      if (!job) return;
      const state = await job.getState();
      if (state === 'active') return;
      await job.remove().catch(() => undefined);
    }, this.timeout);
  }

  async work(handler: JobHandler, options: WorkOptions): Promise<void> {
    const retry = this.options.retry;
    for (const lane of options.lanes) {
      let worker: Worker<StoredJob>;
      worker = new Worker<StoredJob>(
        queueName(lane),
        async (job: Job<StoredJob>) => {
          const info = {
            jobId: job.id ?? '',
            transferId: job.data.transferId,
            ...(job.data.requestId ? { requestId: job.data.requestId } : {}),
            lane,
            attempt: job.attemptsMade + 1,
            maxAttempts: retry.attempts,
          };
          try {
            await handler(info);
          } catch (error) {
            if (error instanceof RateLimited) {
              // Back to waiting, attempts untouched; the whole lane waits as the target asked.
              await worker.rateLimit(error.delayMs);
              throw new RateLimitError();
            }
            if (isPermanent(error)) throw new UnrecoverableError(error instanceof Error ? error.message : 'permanent failure');
            throw error;
          }
        },
        {
          connection: this.connection,
          prefix: this.options.prefix,
          concurrency: options.concurrency,
          lockDuration: this.options.lockDurationMs ?? 30_000,
          stalledInterval: this.options.stalledIntervalMs ?? 30_000,
          maxStalledCount: 5,
          // BullMQ honours a manual `rateLimit` (a target's 429) only on a worker with a limiter;
          // this one never limits by count.
          limiter: { max: Number.MAX_SAFE_INTEGER, duration: 60_000 },
          settings: {
            backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) => retryDelay(retry, attemptsMade, error),
          },
        },
      );
      worker.on('failed', (job, error) => {
        if (!job) return;
        const final = error instanceof UnrecoverableError || job.attemptsMade >= retry.attempts;
        if (!final) return;
        const info = { jobId: job.id ?? '', transferId: job.data.transferId, lane, attempt: job.attemptsMade, maxAttempts: retry.attempts };
        void options.onDeadLetter(info, error).catch(() => undefined);
      });
      worker.on('error', (error) => this.options.logger?.warn({ err: error, lane }, 'worker connection error'));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  async pending(lane: string): Promise<string[]> {
    return guarded(async () => {
      const jobs = await this.queue(lane).getJobs(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);
      return jobs.map((j) => j?.id).filter((id): id is string => typeof id === 'string');
    }, this.timeout);
  }

  async pendingCount(lanes: readonly string[]): Promise<number> {
    return guarded(async () => {
      let total = 0;
      for (const lane of lanes) {
        const counts = await this.queue(lane).getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'waiting-children', 'paused');
        total += Object.values(counts).reduce((a, b) => a + b, 0);
      }
      return total;
    }, this.timeout);
  }

  async ping(): Promise<void> {
    await guarded(async () => {
      const client = (await this.queue('health').client) as unknown as { ping(): Promise<string> };
      await client.ping();
    }, this.timeout);
  }

  async close(): Promise<void> {
    // Workers first: they finish the jobs in hand before the connections go.
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

function queueName(lane: string): string {
  return `deliver.${lane}`;
}
