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

export function startReconciler(services: Services, intervalMs: number): () => void {
  let running = false;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const queued = await reconcile(services);
      if (queued > 0) services.logger.debug({ queued }, 'reconciled open transfers');
    } catch (error) {
      services.logger.warn({ err: error }, 'reconciliation failed; next round will try again');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
