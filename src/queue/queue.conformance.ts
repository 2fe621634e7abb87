import { describe, expect, it } from 'vitest';
import { PasserelleError } from '../errors.js';
import type { JobInfo, JobQueue } from './port.js';

type Factory = () => Promise<{ queue: JobQueue; cleanup(): Promise<void> }>;

function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (check()) return resolve();
      if (Date.now() > deadline) return reject(new Error('timed out'));
      setTimeout(tick, 10);
    };
    tick();
  });
}

const noDeadLetter = async (): Promise<void> => undefined;

/**
 * The queue port's contract, run against every implementation (the memory queue and
 * BullMQ on the real Redis). Retry policy of the factory: 3 attempts, backoff of ms.
 */
export function describeQueueConformance(name: string, make: Factory): void {
  describe(`queue contract: ${name}`, () => {
    async function withQueue(fn: (queue: JobQueue) => Promise<void>): Promise<void> {
      const { queue, cleanup } = await make();
      try {
        await fn(queue);
      } finally {
        await queue.close();
        await cleanup();
      }
    }

    it('runs a job once, with only its ids', async () => {
      await withQueue(async (queue) => {
        const seen: JobInfo[] = [];
        await queue.work(async (job) => void seen.push(job), { lanes: ['a'], concurrency: 2, onDeadLetter: noDeadLetter });
        await queue.enqueue('a', { jobId: 'j1', transferId: 't1' });
        await until(() => seen.length === 1);
        await new Promise((r) => setTimeout(r, 100));
        expect(seen).toHaveLength(1);
        expect(seen[0]).toMatchObject({ jobId: 'j1', transferId: 't1', lane: 'a', attempt: 1, maxAttempts: 3 });
      });
    });

    it('drops a job id it already holds', async () => {
      await withQueue(async (queue) => {
        let runs = 0;
        await queue.enqueue('a', { jobId: 'dup', transferId: 't' }, { delayMs: 200 });
        await queue.enqueue('a', { jobId: 'dup', transferId: 't' });
        expect(await queue.pending('a')).toEqual(['dup']);
        await queue.work(async () => void (runs += 1), { lanes: ['a'], concurrency: 1, onDeadLetter: noDeadLetter });
        await until(() => runs === 1);
        await new Promise((r) => setTimeout(r, 300));
        expect(runs).toBe(1);
      });
    });

    it('keeps lanes independent: a blocked lane holds up no other', async () => {
      await withQueue(async (queue) => {
        let release: () => void = () => undefined;
        const blocked = new Promise<void>((r) => (release = r));
        const done: string[] = [];
        await queue.work(
          async (job) => {
            if (job.lane === 'slow') await blocked;
            done.push(job.lane);
          },
          { lanes: ['slow', 'fast'], concurrency: 1, onDeadLetter: noDeadLetter },
        );
        await queue.enqueue('slow', { jobId: 's', transferId: 's' });
        await queue.enqueue('fast', { jobId: 'f', transferId: 'f' });
        await until(() => done.includes('fast'));
        expect(done).toEqual(['fast']);
        release();
        await until(() => done.includes('slow'));
      });
    });

    it('retries a retryable failure with growing attempt numbers, then succeeds', async () => {
      await withQueue(async (queue) => {
        const attempts: number[] = [];
        await queue.work(
          async (job) => {
            attempts.push(job.attempt);
            if (job.attempt < 3) throw new Error('target busy');
          },
          { lanes: ['a'], concurrency: 1, onDeadLetter: noDeadLetter },
        );
        await queue.enqueue('a', { jobId: 'r', transferId: 'r' });
        await until(() => attempts.length === 3);
        expect(attempts).toEqual([1, 2, 3]);
      });
    });

    it('does not retry a permanent failure and dead-letters it once', async () => {
      await withQueue(async (queue) => {
        const attempts: number[] = [];
        const dead: JobInfo[] = [];
        await queue.work(
          async (job) => {
            attempts.push(job.attempt);
            throw new PasserelleError('target.refused', 'refused', { retryable: false });
          },
          { lanes: ['a'], concurrency: 1, onDeadLetter: async (job) => void dead.push(job) },
        );
        await queue.enqueue('a', { jobId: 'p', transferId: 'p' });
        await until(() => dead.length === 1);
        await new Promise((r) => setTimeout(r, 100));
        expect(attempts).toEqual([1]);
        expect(dead).toHaveLength(1);
      });
    });

    it('dead-letters once after the last attempt', async () => {
      await withQueue(async (queue) => {
        const attempts: number[] = [];
        const dead: JobInfo[] = [];
        await queue.work(
          async (job) => {
            attempts.push(job.attempt);
            throw new Error('down');
          },
          { lanes: ['a'], concurrency: 1, onDeadLetter: async (job) => void dead.push(job) },
        );
        await queue.enqueue('a', { jobId: 'd', transferId: 'd' });
        await until(() => dead.length === 1);
        await new Promise((r) => setTimeout(r, 100));
        expect(attempts).toEqual([1, 2, 3]);
        expect(dead).toHaveLength(1);
        expect(await queue.pending('a')).toEqual([]);
      });
    });

    it('removes a delayed job before it runs, and a finished id can come again', async () => {
      await withQueue(async (queue) => {
        const ran: string[] = [];
        await queue.work(async (job) => void ran.push(job.jobId), { lanes: ['a'], concurrency: 1, onDeadLetter: noDeadLetter });
        await queue.enqueue('a', { jobId: 'later', transferId: 'x' }, { delayMs: 300 });
        await queue.remove('a', 'later');
        expect(await queue.pending('a')).toEqual([]);
        await new Promise((r) => setTimeout(r, 500));
        expect(ran).toEqual([]);
        await queue.enqueue('a', { jobId: 'again', transferId: 'x' });
        await until(() => ran.length === 1);
        await new Promise((r) => setTimeout(r, 50));
        await queue.enqueue('a', { jobId: 'again', transferId: 'x' });
        await until(() => ran.length === 2);
      });
    });

    it('close waits for the job in hand', async () => {
      const { queue, cleanup } = await make();
      let finished = false;
      let started = false;
      await queue.work(
        async () => {
          started = true;
          await new Promise((r) => setTimeout(r, 300));
          finished = true;
        },
        { lanes: ['a'], concurrency: 1, onDeadLetter: noDeadLetter },
      );
      await queue.enqueue('a', { jobId: 'c', transferId: 'c' });
      await until(() => started);
      await queue.close();
      expect(finished).toBe(true);
      await cleanup();
    });
  });
}
