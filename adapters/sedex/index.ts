import { defineAdapter } from '../../src/adapters/sdk.js';
import { eventsOf } from './events.js';
import { fromContract } from './from-contract.js';
import { inboxRule } from './inbox.js';
import { messageOf } from './message.js';
import { answersIn, receipts } from './receipts.js';
import { reasonOf, responseMessage } from './response.js';
import { SETTINGS_SCHEMA } from './settings.js';
import { toContract } from './to-contract.js';

/**
 * sedex: case transfers between cantons and with federal offices as eCH-0090 envelope plus
 * data file (eCH-0058 header, eCH-0044 person, the project's case-transfer schema), through
 * the sedex client's folders: `inbox/` read, `outbox/` written, `receipts/` answered.
 */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: { toContract, fromContract, eventsOf },
  receipts,
  files: {
    // `data_<id>.xml` and `envl_<id>.xml`, whole once the envelope (written last) is there;
    // messages of other applications are left in the inbox.
    drop: {
      rule: inboxRule,
      // The receiving gateway's reports (class 1) come into the inbox too: they answer our transfers.
      answers: answersIn,
      // A recall (action 3) withdraws the message it names: the inbox's delivery ids are message ids.
      withdraws: (inputs) => {
        const { header } = messageOf(inputs);
        return header.action === 'recall' && header.referenceMessageId ? [header.referenceMessageId] : [];
      },
      // A transfer (class 0) bringing cases is answered: positive when every case was taken, else negative.
      respond: (inputs, outcome, ctx, at) => {
        const message = messageOf(inputs);
        if (message.envelope.messageClass !== 0 || message.header.action === 'recall' || message.header.responseExpected === false) return [];
        const accepted = outcome.accepted.map((a) => ({ localPersonId: a.localPersonId, result: 'accepted' as const, ...(a.transferIds.length === 1 ? { receiverCaseId: a.transferIds[0]! } : {}) }));
        return responseMessage(message, [...accepted, ...outcome.rejections.map((r) => ({ localPersonId: r.nativeId, result: 'rejected' as const, reason: reasonOf(r) }))], ctx, at);
      },
    },
  },
  settingsSchema: SETTINGS_SCHEMA,
});

export { messageOf, envelopeOf, type SedexMessage, type SedexEnvelope, type SedexHeader, type CaseResult } from './message.js';
export { responseMessage, reasonOf, type ResponseInput } from './response.js';
export { answersIn, fieldOfReason } from './receipts.js';
export { inboxRule, isCaseTransfer } from './inbox.js';
export { messageIdFor, transferIdOfMessage } from './ids.js';
export { validateXml, type SedexSchema } from './xsd.js';
export type { SedexDelivery } from './from-contract.js';
