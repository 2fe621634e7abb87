import type { Adapter } from '../../src/adapters/sdk.js';
import { eventsOf } from './events.js';
import { fromContract } from './from-contract.js';
import { receipts } from './receipts.js';
import { toContract } from './to-contract.js';

/** Diartis KiSS, Romandie edition: one XML file per UA and mutation, with its events; import files answered by an accusé. */
export const adapter: Adapter = {
  id: 'kiss', title: 'KiSS (Diartis, Romandie edition): XML file per UA and mutation, import files with accusé de réception',
  // An import leaves the numbers to KiSS (`@noPersonne`, `@noUA` empty): the source's
  // ids do not come back; the record keeps its recordId through `@idExterne`.
  capabilities: { read: true, listChanges: true, deliver: true, webhook: false, cannotCarry: ['source.localPersonId', 'source.localCaseId', 'person.householdId'] },
  mapper: { toContract, fromContract, eventsOf },
  receipts,
};
