import type { Adapter } from '../../src/adapters/sdk.js';
import { changeEventId } from './events.js';
import { fromContract } from './from-contract.js';
import { receipts } from './receipts.js';
import { toContract } from './to-contract.js';

export { isCompleteExport } from './head.js';
export { streamExport, type StreamedItem } from './stream.js';
export { stampOf, changeEventId } from './events.js';

/** Diartis KLIBnet with the Asyl module: nightly XML exports per database, import files answered by a Rückmeldung. */
export const adapter: Adapter = {
  id: 'klibnet', title: 'KLIBnet (Diartis, Asyl module): XML export per database, import files with Rückmeldung',
  // An import leaves the numbers to KLIBnet (`PersNr`, `UENr` empty): the ids of the
  // source do not come back; the record keeps its recordId through `FremdId`.
  capabilities: { read: true, listChanges: true, deliver: true, webhook: false, cannotCarry: ['source.localPersonId', 'source.localCaseId', 'person.householdId'] },
  mapper: { toContract, fromContract, changeEventId },
  receipts,
};
