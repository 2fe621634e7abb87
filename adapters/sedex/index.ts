import type { Adapter } from '../../src/adapters/sdk.js';
import { eventsOf } from './events.js';
import { fromContract } from './from-contract.js';
import { receipts } from './receipts.js';
import { toContract } from './to-contract.js';

/**
 * sedex: case transfers between cantons and with federal offices as eCH-0090 envelope plus
 * data file (eCH-0058 header, eCH-0044 person, the project's case-transfer schema). The
 * mapping only: the folder transport (outbox/inbox/receipts) comes later.
 */
export const adapter: Adapter = {
  id: 'sedex', title: 'sedex messages (eCH-0090 envelope, eCH-0058 header, case-transfer data file)',
  // No case can be asked for: cases arrive as messages in the inbox (polled like a change feed).
  capabilities: { read: false, listChanges: true, deliver: true, webhook: false, cannotCarry: ['residence.asylumApplicationDate'] },
  mapper: { toContract, fromContract, eventsOf },
  receipts,
};

export { messageOf, envelopeOf, type SedexMessage, type SedexEnvelope, type SedexHeader, type CaseResult } from './message.js';
export { responseMessage, reasonOf, type ResponseInput } from './response.js';
export { messageIdFor, transferIdOfMessage } from './ids.js';
export { validateXml, type SedexSchema } from './xsd.js';
export type { SedexDelivery } from './from-contract.js';
