import type { Adapter } from '../../src/adapters/sdk.js';
import { eventsOf } from './events.js';
import { fromContract } from './from-contract.js';
import { inboxRule } from './inbox.js';
import { receipts } from './receipts.js';
import { SETTINGS_SCHEMA } from './settings.js';
import { toContract } from './to-contract.js';

/**
 * sedex: case transfers between cantons and with federal offices as eCH-0090 envelope plus
 * data file (eCH-0058 header, eCH-0044 person, the project's case-transfer schema), through
 * the sedex client's folders: `inbox/` read, `outbox/` written, `receipts/` answered.
 */
export const adapter: Adapter = {
  id: 'sedex', title: 'sedex messages (eCH-0090 envelope, eCH-0058 header, case-transfer data file)',
  // No case can be asked for: cases arrive as messages in the inbox (polled like a change feed).
  capabilities: { read: false, listChanges: true, deliver: true, webhook: false, cannotCarry: ['residence.asylumApplicationDate'] },
  mapper: { toContract, fromContract, eventsOf },
  receipts,
  files: {
    // `data_<id>.xml` and `envl_<id>.xml`, whole once the envelope (written last) is there;
    // messages of other applications are left in the inbox.
    drop: { rule: inboxRule },
    // fromContract gives the data file first, the envelope last: the client takes a message once its envelope appears.
    outbox: true,
    // The sedex client answers every message itself, 100 once delivered or 204 once it
    // expired after 30 days undelivered. Sent again sooner, the same messageId would be
    // refused as a duplicate (201) and fail the transfer: the window only catches a lost message.
    receiptWindowMs: 31 * 24 * 60 * 60_000,
  },
  settingsSchema: SETTINGS_SCHEMA,
};

export { messageOf, envelopeOf, type SedexMessage, type SedexEnvelope, type SedexHeader, type CaseResult } from './message.js';
export { responseMessage, reasonOf, type ResponseInput } from './response.js';
export { answersIn, fieldOfReason } from './receipts.js';
export { inboxRule, isCaseTransfer } from './inbox.js';
export { messageIdFor, transferIdOfMessage } from './ids.js';
export { validateXml, type SedexSchema } from './xsd.js';
export type { SedexDelivery } from './from-contract.js';
