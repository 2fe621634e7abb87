/**
 * The queue port: how work on transfers is distributed. The store, not the queue, is
 * the truth about a transfer; the queue only says "look at transfer X now".
 *
 * Contract an implementation keeps (the shared suite in `queue.conformance.ts` checks it):
 * - One lane per target system (`lane`), so one slow target holds up no other.
 * - Job data holds ids only (`transferId`), never personal data.
 * - `enqueue` is idempotent on `jobId`: a job id that is waiting, delayed or active is
 *   not added twice.
 * - A handler that throws a `retryable` error is retried after an exponential backoff
 *   with jitter, up to `attempts` in all; one that throws a permanent error, or fails its
 *   last attempt, is handed to `onDeadLetter` once.
 * - A job whose worker died mid-way (crash, SIGKILL) runs again; handlers are written
 *   to be idempotent for that reason.
 * - `close` stops taking new jobs and waits for the jobs in hand to finish.
 */
export interface JobQueue {
  enqueue(lane: string, job: JobData, options?: EnqueueOptions): Promise<void>;
  /** Removes a waiting or delayed job (a cancelled transfer); a running one finishes. */
  remove(lane: string, jobId: string): Promise<void>;
  /** Starts consuming the given lanes (all lanes seen so far when omitted). */
  work(handler: JobHandler, options: WorkOptions): Promise<void>;
  /** Job ids not yet finished (waiting, delayed, active) in a lane. */
  pending(lane: string): Promise<string[]>;
  ping(): Promise<void>;
  /** Jobs not yet finished across lanes, for the reconciler's check that the queue still holds its work. */
  pendingCount(lanes: readonly string[]): Promise<number>;
  /** Called when the connection comes back after a loss (the queue may have lost its jobs). */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * Thrown by a handler whose target answered 429: the job goes back to wait for `delayMs`
 * without spending a delivery attempt, and the lane pauses that long (BullMQ's rate
 * limit), since the target speaks for all of its deliveries.
 */
export class RateLimited extends Error {
  constructor(readonly delayMs: number) {
    super('the target asked to slow down');
    this.name = 'RateLimited';
  }
}

/**
 * Thrown by a handler that wants its job run again after `delayMs`: the engine decides
 * retries and their delay from the store's attempt count, not from the queue's.
 */
export class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    options?: { cause?: unknown },
  ) {
    super('the attempt failed; the job runs again later', options);
    this.name = 'RetryLater';
  }
}

export interface JobData {
  /** Idempotency key of the job; the transfer id, suffixed for a replay. */
  jobId: string;
  transferId: string;
  /** The request that caused the job, so its log lines and audit entries carry it. */
  requestId?: string;
}

export interface EnqueueOptions {
  /** Delay before the first attempt, in milliseconds. */
  delayMs?: number;
}

export interface JobInfo extends JobData {
  lane: string;
  /** 1 for the first run of this job (the store counts the transfer's attempts). */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler = (job: JobInfo) => Promise<void>;

export interface WorkOptions {
  lanes: readonly string[];
  concurrency: number;
  /** Called once when a job will not be tried again. */
  onDeadLetter: (job: JobInfo, error: unknown) => Promise<void>;
}

export interface RetryPolicy {
  attempts: number;
  /** First backoff delay; each next one doubles, with up to ±50 % jitter. */
  backoffMs: number;
  /** Ceiling for one backoff delay. */
  maxBackoffMs: number;
}

/** Backoff before attempt `attempt + 1`, after `attempt` failed (1-based). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.5 + random()));
}
