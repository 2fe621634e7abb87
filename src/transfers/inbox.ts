import type { InboxSink } from '../adapters/port.js';
import type { CaseRecord } from '../contract/types.js';
import { PasserelleError } from '../errors.js';
import { readDelivery } from '../seal/delivery.js';
import type { Vault } from '../seal/vault.js';
import type { InboxRow, Store } from '../store/index.js';
import { zurichTimestamp } from '../time.js';

/** The gateway side of the `inbox` adapter: keeps the sealed record, encrypted at rest. */
export function inboxSink(store: Store, vault: Vault, clock: () => Date): InboxSink {
  return {
    async deposit(request) {
      const { jwe, wrappedKey } = await vault.seal(new TextEncoder().encode(request.sealed), request.transferId);
      const item = await store.depositInbox({
        transferId: request.transferId,
        institutionId: request.targetInstitutionId,
        sourceInstitutionId: request.senderInstitutionId,
        purpose: request.purpose,
        sealed: jwe,
        wrappedKey,
        decision: request.decision,
      });
      return { at: zurichTimestamp(clock()), reference: `inbox:${item.transferId}`, status: 'deposited' };
    },
  };
}

/** Decrypts an inbox item: the JWS as delivered and the record it carries. */
export async function openInboxItem(vault: Vault, item: InboxRow): Promise<{ jws: string; record: CaseRecord }> {
  if (!item.wrappedKey) throw new PasserelleError('inbox.destroyed', 'this item was destroyed at the end of its retention', { status: 410 });
  const jws = new TextDecoder().decode(await vault.open(item.sealed, item.wrappedKey, item.transferId));
  return { jws, record: readDelivery(jws).record };
}
