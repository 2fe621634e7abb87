import type { Sql } from '../store/sql.js';
import type { Services } from './services.js';
import { CANCELLABLE, jobIdOf } from './states.js';

export interface CancelWhy {
  actor: string;
  eventId: string | null;
  /** The revoked consent (`<institution>/<id>` for a gateway consent); absent for an operator's cancel. */
  consentId?: string;
  step: 'consent-revoked' | 'cancelled-by-ops';
}

/**
 * Cancellation always wins. In one transaction with the revocation that causes it
 * (`record`), every open transfer of the person is flagged and those not in flight are
 * cancelled; a worker checks the flag before every move towards delivery, so no target
 * is called once the revocation is recorded. Queued jobs are then taken off the queue
 * (best effort: a job left behind finds its transfer final and does nothing).
 */
export async function cancelTransfersOfPerson(services: Services, personRef: string, why: CancelWhy, record?: (tx: Sql) => Promise<void>): Promise<string[]> {
  return cancel(services, { personRef }, why, record);
}

export async function cancelTransfer(services: Services, transferId: string, why: CancelWhy): Promise<string[]> {
  return cancel(services, { transferId }, why);
}

async function cancel(services: Services, selection: { personRef: string } | { transferId: string }, why: CancelWhy, record?: (tx: Sql) => Promise<void>): Promise<string[]> {
  const { cancelled } = await services.store.cancelOpen(
    selection,
    CANCELLABLE,
    { kind: 'transfer.state', actor: why.actor, eventId: why.eventId, data: { step: why.step, ...(why.consentId ? { consentId: why.consentId } : {}) } },
    record,
  );
  for (const transfer of cancelled) {
    await services.queue.remove(transfer.targetSystem, jobIdOf(transfer)).catch((error: unknown) => {
      services.logger.warn({ transferId: transfer.id, err: error }, 'a cancelled transfer stays on the queue; its job will find it final');
    });
  }
  return cancelled.map((t) => t.id);
}
