import type { Services } from './services.js';
import { jobIdOf } from './states.js';

/**
 * The store is the truth, the queue only distributes work: every transfer that is not
 * final is (re)queued under its stable job id. The queue drops ids it already holds, so
 * this is safe to run at any time, on start and periodically; a lost Redis, or the
 * in-process queue after a restart, loses no transfer.
 */
export async function reconcile(services: Services): Promise<number> {
  let queued = 0;
  for (const transfer of await services.store.nonFinalTransfers()) {
    await services.queue.enqueue(transfer.targetSystem, { jobId: jobIdOf(transfer), transferId: transfer.id });
    queued += 1;
  }
  return queued;
}

export interface ReconcilerOptions {
  /** The safety net: a full reconcile this often. */
  intervalMs: number;
  /** How often the queue is checked for the work the store says is open (a flushed Redis is found within this). */
  checkIntervalMs: number;
  lanes: readonly string[];
}

/**
 * Recovery in seconds, not a minute: besides the periodic round, the queue's count of
 * pending jobs is compared with the store's open transfers every few seconds, and a
 * reconnect after a loss reconciles at once (Redis restarted without persistence,
 * flushed, failed over).
 */
export function startReconciler(services: Services, options: ReconcilerOptions): () => void {
  let running = false;
  const tick = async (why: string): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const queued = await reconcile(services);
      if (queued > 0) services.logger.info({ queued, why }, 'reconciled open transfers');
    } catch (error) {
      services.logger.warn({ err: error, why }, 'reconciliation failed; the next round will try again');
    } finally {
      running = false;
    }
  };
  const check = async (): Promise<void> => {
    if (running) return;
    try {
      const [open, pending] = await Promise.all([services.store.countNonFinal(), services.queue.pendingCount(options.lanes)]);
      if (open > pending) await tick('queue-behind-store');
    } catch {
      // A dependency is down: the next check, or the reconnect, catches up.
    }
  };
  const timer = setInterval(() => void tick('interval'), options.intervalMs);
  const checker = setInterval(() => void check(), options.checkIntervalMs);
  timer.unref();
  checker.unref();
  services.queue.onReconnect(() => void tick('queue-reconnected'));
  void tick('start');
  return () => {
    clearInterval(timer);
    clearInterval(checker);
  };
}
