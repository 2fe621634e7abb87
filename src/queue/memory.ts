import { RateLimited, type EnqueueOptions, type JobData, type JobHandler, type JobInfo, type JobQueue, type RetryPolicy, type WorkOptions } from './port.js';
import { isPermanent, retryDelay } from './retryable.js';

interface Entry {
  lane: string;
  data: JobData;
  attempt: number;
  timer?: NodeJS.Timeout;
  active: boolean;
}

/**
 * The embedded queue: the same contract as BullMQ, in process. It forgets its jobs on
 * restart by design; the store is the truth and the reconciler re-queues.
 */
export class MemoryJobQueue implements JobQueue {
  private readonly jobs = new Map<string, Entry>();
  private readonly ready = new Map<string, Entry[]>();
  private readonly running = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private handler: JobHandler | undefined;
  private options: WorkOptions | undefined;
  private closed = false;

  constructor(private readonly retry: RetryPolicy) {}

  private key(lane: string, jobId: string): string {
    return `${lane}\u0000${jobId}`;
  }

  async enqueue(lane: string, job: JobData, options: EnqueueOptions = {}): Promise<void> {
    if (this.closed) return;
    const key = this.key(lane, job.jobId);
    if (this.jobs.has(key)) return;
    const entry: Entry = {
      lane,
      data: { jobId: job.jobId, transferId: job.transferId, ...(job.requestId ? { requestId: job.requestId } : {}) },
      attempt: 1,
      active: false,
    };
    this.jobs.set(key, entry);
    this.schedule(entry, options.delayMs ?? 0);
  }

  async pendingCount(lanes: readonly string[]): Promise<number> {
    let n = 0;
    for (const entry of this.jobs.values()) if (lanes.includes(entry.lane)) n += 1;
    return n;
  }

  // In process, the queue is never lost but with the process.
  onReconnect(_listener: () => void): void {}

  async remove(lane: string, jobId: string): Promise<void> {
    const key = this.key(lane, jobId);
    const entry = this.jobs.get(key);
    if (!entry || entry.active) return;
    clearTimeout(entry.timer);
    this.jobs.delete(key);
    const queue = this.ready.get(lane);
    if (queue) this.ready.set(lane, queue.filter((e) => e !== entry));
  }

  async work(handler: JobHandler, options: WorkOptions): Promise<void> {
    this.handler = handler;
    this.options = options;
    for (const lane of options.lanes) this.pump(lane);
  }

  async pending(lane: string): Promise<string[]> {
    return [...this.jobs.values()].filter((e) => e.lane === lane).map((e) => e.data.jobId);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.jobs.values()) clearTimeout(entry.timer);
    await Promise.allSettled([...this.inFlight]);
    this.jobs.clear();
    this.ready.clear();
  }

  private schedule(entry: Entry, delayMs: number): void {
    const enqueue = (): void => {
      entry.timer = undefined;
      if (this.closed) return;
      const queue = this.ready.get(entry.lane) ?? [];
      queue.push(entry);
      this.ready.set(entry.lane, queue);
      this.pump(entry.lane);
    };
    if (delayMs > 0) {
      entry.timer = setTimeout(enqueue, delayMs);
      entry.timer.unref();
    } else {
      enqueue();
    }
  }

  private pump(lane: string): void {
    const handler = this.handler;
    const options = this.options;
    if (!handler || !options || this.closed || !options.lanes.includes(lane)) return;
    const queue = this.ready.get(lane) ?? [];
    while (queue.length > 0 && (this.running.get(lane) ?? 0) < options.concurrency) {
      const entry = queue.shift()!;
      this.running.set(lane, (this.running.get(lane) ?? 0) + 1);
      const run = this.run(entry, handler, options).finally(() => {
        this.inFlight.delete(run);
        this.running.set(lane, (this.running.get(lane) ?? 1) - 1);
        this.pump(lane);
      });
      this.inFlight.add(run);
    }
  }

  private async run(entry: Entry, handler: JobHandler, options: WorkOptions): Promise<void> {
    entry.active = true;
    const info: JobInfo = { ...entry.data, lane: entry.lane, attempt: entry.attempt, maxAttempts: this.retry.attempts };
    try {
      await handler(info);
      this.jobs.delete(this.key(entry.lane, entry.data.jobId));
    } catch (error) {
      if (error instanceof RateLimited && !this.closed) {
        entry.active = false;
        this.schedule(entry, error.delayMs);
        return;
      }
      if (!isPermanent(error) && entry.attempt < this.retry.attempts && !this.closed) {
        entry.attempt += 1;
        entry.active = false;
        this.schedule(entry, retryDelay(this.retry, entry.attempt - 1, error));
        return;
      }
      this.jobs.delete(this.key(entry.lane, entry.data.jobId));
      await options.onDeadLetter(info, error).catch(() => undefined);
    } finally {
      entry.active = false;
    }
  }
}
