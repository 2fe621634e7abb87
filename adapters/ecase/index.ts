import type { Adapter } from '../../src/adapters/sdk.js';
import { changeEventId } from './events.js';
import { fromContract } from './from-contract.js';
import { receipts } from './receipts.js';
import { toContract } from './to-contract.js';

export { deliveryStatus, type DeliveryStatus } from './delivery.js';
export { parseFileName } from './layout.js';

/** Infogate Ecase (GR, TG): a delivery of related CSV tables with a manifest, both ways. */
export const adapter: Adapter = {
  id: 'ecase', title: 'Infogate Ecase (GR, TG): CSV tables with a manifest, SFTP export and import',
  capabilities: { read: true, listChanges: true, deliver: true, webhook: false, cannotCarry: ['person.householdId'] },
  mapper: { toContract, fromContract, changeEventId },
  receipts,
};
