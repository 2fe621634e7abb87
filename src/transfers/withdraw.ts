import type { Institution } from '../policy/types.js';
import type { TransferRecord } from '../store/index.js';
import type { Services } from './services.js';
import { CANCELLABLE, jobIdOf } from './states.js';

const BEFORE = {
  code: 'transfer.recalled',
  message: 'cancelled: the sender withdrew the delivery that brought this case (a recall) before it reached the target',
};
const AFTER = {
  code: 'transfer.recalled',
  message: 'cancelled once written to the target: the sender withdrew the delivery that brought this case (a recall); the target may hold the case and must be asked to withdraw it',
};

export interface Withdrawal {
  /** Cancelled before the target had it: no attempt calls the target any more. */
  cancelled: string[];
  /**
   * The target has it: written to its folder and cancelled, or delivered, which stays
   * delivered (a final state; the disclosure happened) with the recall in its audit.
   * Either way operations must have it withdrawn there.
   */
  afterDelivery: string[];
  /** In the middle of a delivery: flagged, so that no further attempt goes out. */
  flagged: string[];
}

/**
 * A later delivery of an institution's drop folder withdraws an earlier one (a sedex recall
 * names the message it recalls): the withdrawal is recorded first, so that the earlier one,
 * if it is still to come, is not imported; then every transfer its events raised is cancelled,
 * that is not final. One not yet at the target (also a failed one: no replay may send it) is
 * cancelled as a revocation cancels; one written to the target's folder and not yet answered
 * is cancelled with its own error and audit step; a delivered one stays delivered (final: the
 * disclosure happened) and gets the recall in its audit. Both are logged for operations, since
 * the gateway cannot take a case back from a target system.
 */
export async function withdrawDelivery(services: Services, institution: Institution, deliveryId: string, by: { deliveryId: string; actor: string }): Promise<Withdrawal> {
  const { store, logger, queue } = services;
  // A delivery withdrawn again: the delivered ones have their recall in the audit already.
  const first = await store.withdrawDelivery(institution.id, deliveryId, by.deliveryId);
  const out: Withdrawal = { cancelled: [], afterDelivery: [], flagged: [] };
  const audit = (step: string) => ({ kind: 'transfer.state', actor: by.actor, data: { step, delivery: deliveryId, withdrawnBy: by.deliveryId } });
  const dequeue = (t: TransferRecord) => queue.remove(t.targetSystem, jobIdOf(t)).catch(() => undefined);
  for (const transfer of await store.transfersOfDelivery(institution.id, deliveryId)) {
    const before = await store.transition(transfer.id, [...CANCELLABLE, 'failed'], 'cancelled', { error: BEFORE }, audit('recalled'));
    if (before) {
      out.cancelled.push(before.id);
      await dequeue(before);
      continue;
    }
    const after = await store.transition(transfer.id, ['awaiting-receipt'], 'cancelled', { error: AFTER, receiptDueAt: null }, audit('recalled-after-delivery'));
    const fresh = after ?? (await store.getTransfer(transfer.id));
    if (!after && fresh?.state === 'delivered') {
      if (!first) continue;
      await store.appendAudit({ ...audit('recalled-after-delivery'), transferId: fresh.id, personRef: fresh.personRef, institutionId: fresh.targetInstitutionId });
    }
    if (after || fresh?.state === 'delivered') {
      out.afterDelivery.push(transfer.id);
      logger.warn({ transferId: transfer.id, target: transfer.targetInstitutionId, delivery: deliveryId }, 'a recalled case had already reached its target: have it withdrawn there');
      continue;
    }
    // In flight: the flag stops every further move towards the target.
    const { cancelled, flagged } = await store.cancelOpen({ transferId: transfer.id }, CANCELLABLE, audit('recalled'));
    out.cancelled.push(...cancelled.map((t) => t.id));
    out.flagged.push(...flagged.map((t) => t.id));
  }
  return out;
}
