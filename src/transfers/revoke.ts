import type { Services } from './services.js';
import { CANCELLABLE, jobIdOf } from './states.js';

/**
 * A revocation cancels every transfer of the person not yet delivered, within the
 * request: waiting ones are cancelled and taken off the queue; one whose delivery is in
 * flight is flagged, and its worker cancels it if that delivery fails.
 */
export async function cancelTransfersOfPerson(
  services: Services,
  personRef: string,
  why: { consentId: string; eventId: string | null; actor: string },
): Promise<string[]> {
  const { store, queue } = services;
  const cancelled: string[] = [];
  for (const transfer of await store.openTransfersOfPerson(personRef)) {
    const moved = await store.transition(
      transfer.id,
      CANCELLABLE,
      'cancelled',
      { error: { code: 'consent.revoked', message: 'cancelled: a consent of the person was revoked' } },
      { kind: 'transfer.state', actor: why.actor, eventId: why.eventId, data: { step: 'consent-revoked', consentId: why.consentId } },
    );
    if (moved) {
      cancelled.push(transfer.id);
      await queue.remove(transfer.targetSystem, jobIdOf(transfer));
    } else {
      await store.requestCancel(transfer.id);
    }
  }
  return cancelled;
}
