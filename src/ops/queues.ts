import { Queue, type ConnectionOptions } from 'bullmq';
import type { Store } from '../store/index.js';
import { FINAL_STATES } from '../store/index.js';
import { jobIdOf } from '../transfers/states.js';

export const JOB_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface LaneSummary {
  lane: string;
  counts: Record<JobState, number>;
  /** Seconds since the oldest unfinished job was queued (Redis) or its transfer last moved (store); null when none. */
  oldestAgeSeconds: number | null;
}

/** One job as operations see it: ids, state, attempts, age. Never a value of a record. */
export interface JobView {
  jobId: string;
  transferId: string;
  state: JobState;
  attempts: number;
  ageSeconds: number;
}

/**
 * What operations see of the queue, lane by lane (one lane per target system). On Redis
 * it is BullMQ's own account; in the embedded mode, whose queue lives in the process, the
 * same information comes from the store, which is the truth about every transfer anyway.
 */
export interface QueueView {
  readonly source: 'redis' | 'store';
  summary(): Promise<LaneSummary[]>;
  jobs(lane: string, state: JobState, limit: number): Promise<JobView[]>;
  /** The BullMQ queues, for the dashboard (Redis only); opened on first use. */
  readonly bullQueues?: () => ReadonlyMap<string, Queue>;
  close(): Promise<void>;
}

const age = (from: number | string | Date, now: number): number => Math.max(0, Math.round((now - new Date(from).getTime()) / 1000));
const zero = (): Record<JobState, number> => ({ waiting: 0, delayed: 0, active: 0, failed: 0 });

/** A lane's BullMQ queue name, as `src/queue/bullmq.ts` names it. */
const queueName = (lane: string): string => `deliver.${lane}`;

export function redisConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // A reading fails at once while Redis is down instead of waiting for it.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
  };
}

export function redisQueueView(options: { redisUrl: string; prefix: string; lanes: readonly string[]; now?: () => number }): QueueView {
  const connection = redisConnection(options.redisUrl);
  const now = options.now ?? Date.now;
  // Opened on first use: a process that never looks (a command) never connects, nor closes mid-connect.
  let opened: Map<string, Queue> | undefined;
  const queues = (): Map<string, Queue> => {
    if (!opened) {
      opened = new Map(options.lanes.map((lane) => [lane, new Queue(queueName(lane), { connection, prefix: options.prefix })]));
      for (const q of opened.values()) q.on('error', () => undefined);
    }
    return opened;
  };
  const queue = (lane: string): Queue => {
    const q = queues().get(lane);
    if (!q) throw new RangeError('unknown lane');
    return q;
  };
  return {
    source: 'redis',
    bullQueues: queues,
    async summary() {
      const at = now();
      return Promise.all(
        [...queues()].map(async ([lane, q]) => {
          const raw = await q.getJobCounts('waiting', 'prioritized', 'paused', 'delayed', 'active', 'failed');
          const oldest = (await q.getJobs(['waiting', 'prioritized', 'delayed', 'active'], 0, 0, true)).filter(Boolean);
          const first = Math.min(...oldest.map((j) => j.timestamp));
          return {
            lane,
            counts: { waiting: (raw.waiting ?? 0) + (raw.prioritized ?? 0) + (raw.paused ?? 0), delayed: raw.delayed ?? 0, active: raw.active ?? 0, failed: raw.failed ?? 0 },
            oldestAgeSeconds: Number.isFinite(first) ? age(first, at) : null,
          };
        }),
      );
    },
    async jobs(lane, state, limit) {
      const at = now();
      const types = state === 'waiting' ? (['waiting', 'prioritized', 'paused'] as const) : ([state] as const);
      const jobs = (await queue(lane).getJobs([...types], 0, limit - 1, true)).filter(Boolean).slice(0, limit);
      return jobs.map((job) => ({
        jobId: job.id ?? '',
        transferId: typeof job.data?.transferId === 'string' ? job.data.transferId : '',
        state,
        attempts: job.attemptsMade,
        ageSeconds: age(job.timestamp, at),
      }));
    },
    async close() {
      if (opened) await Promise.all([...opened.values()].map((q) => q.close().catch(() => undefined)));
    },
  };
}

/** How a transfer's state shows as a job of the in-process queue. */
const AS_JOB: Partial<Record<string, JobState>> = { accepted: 'waiting', retrying: 'delayed', extracting: 'active', evaluating: 'active', delivering: 'active', failed: 'failed' };
const STATES_OF: Record<JobState, string[]> = { waiting: ['accepted'], delayed: ['retrying'], active: ['extracting', 'evaluating', 'delivering'], failed: ['failed'] };

export function storeQueueView(options: { store: Store; lanes: readonly string[]; now?: () => number }): QueueView {
  const { store } = options;
  const now = options.now ?? Date.now;
  return {
    source: 'store',
    async summary() {
      const at = now();
      const rows = await store.sql.query<{ lane: string; state: string; n: string; oldest: string | Date | null }>(
        `select target_system as lane, state, count(*)::text as n, min(updated_at) as oldest from transfers
         where state = 'failed' or (state <> all($1::text[]) and state <> 'awaiting-receipt') group by 1, 2`,
        [FINAL_STATES],
      );
      const lanes = new Map(options.lanes.map((lane) => [lane, { lane, counts: zero(), oldestAgeSeconds: null as number | null }]));
      for (const row of rows) {
        const state = AS_JOB[row.state];
        const lane = lanes.get(row.lane);
        if (!state || !lane) continue;
        lane.counts[state] += Number(row.n);
        if (state !== 'failed' && row.oldest) lane.oldestAgeSeconds = Math.max(lane.oldestAgeSeconds ?? 0, age(row.oldest, at));
      }
      return [...lanes.values()];
    },
    async jobs(lane, state, limit) {
      const at = now();
      const rows = await store.sql.query<{ id: string; replays: number; state: string; attempts: number; updated_at: string | Date }>(
        `select id::text as id, replays, state, attempts, updated_at from transfers where target_system = $1 and state = any($2::text[]) order by updated_at, id limit $3`,
        [lane, STATES_OF[state], limit],
      );
      return rows.map((r) => ({ jobId: jobIdOf({ id: r.id, replays: r.replays }), transferId: r.id, state, attempts: r.attempts, ageSeconds: age(r.updated_at, at) }));
    },
    async close() {},
  };
}
