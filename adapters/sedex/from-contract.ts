import { ConfigError, el, invalid, writing, type CaseRecord, type DeliveryNaming, type MapContext, type NativeInput } from '../../src/adapters/sdk.js';
import { exportMessageId, messageIdFor } from './ids.js';
import { participantOf, sedexSettings, type SedexSettings } from './settings.js';
import { caseElement } from './write-case.js';
import { messageFiles } from './write-message.js';

/**
 * A delivery through sedex: the transfer (its id names the message) and, when the core passes
 * it, the event the transfer answers (subMessageType, eventDate and `ct:trigger`) and the
 * recipient's participant id.
 */
export interface SedexDelivery extends DeliveryNaming {
  recipientId?: string;
}

/** The participant that sends for the records' institution: the table's, else this gateway's own. */
function senderOf(records: readonly CaseRecord[], settings: SedexSettings): string {
  let sender: string | undefined;
  for (const record of records) {
    writing(record, () => {
      const id = participantOf(settings, record.source.institutionId) ?? settings.participantId;
      if (id === undefined) {
        throw invalid('mapping.unknown-organisation', { field: 'source.institutionId', nativeField: 'eCH-0058:senderId' }, 'cannot be written: no sedex participant sends for the institution (settings.participants, settings.participantId)');
      }
      if (sender !== undefined && id !== sender) {
        throw invalid('mapping.unknown-organisation', { field: 'source.institutionId', nativeField: 'eCH-0058:senderId' }, 'cannot be written in the same message: another sedex participant sends for the institution');
      }
      sender = id;
    });
  }
  return sender!;
}

function recipientOf(ctx: MapContext, settings: SedexSettings, delivery: SedexDelivery | undefined): string {
  const id = delivery?.recipientId ?? settings.recipientId ?? participantOf(settings, ctx.institutionId);
  if (id === undefined) {
    throw new ConfigError('adapter.settings-invalid', 'settings.recipientId is not set and settings.participants names no participant for the target institution', { field: 'settings.recipientId' });
  }
  return id;
}

/** eCH-0058 `ourBusinessReferenceId` (at most 50 characters): the case number the records share. */
function businessReference(records: readonly CaseRecord[]): string | undefined {
  const ids = new Set(records.map((r) => r.source.localCaseId));
  const [only] = ids;
  if (ids.size !== 1 || only === undefined) return undefined;
  if (only.length > 50) {
    writing(records[0]!, () => {
      throw invalid('mapping.too-long', { field: 'source.localCaseId', nativeField: 'eCH-0058:ourBusinessReferenceId' }, 'cannot be written: longer than 50 characters');
    });
  }
  return only;
}

function trigger(event: SedexDelivery['event'], record: CaseRecord) {
  if (!event) return undefined;
  return writing(record, () => {
    const code = (v: string | undefined, field: string) => {
      if (v !== undefined && v.length > 60) throw invalid('mapping.too-long', { field, nativeField: `ct:trigger/@${field.split('.').at(-1)}` }, 'cannot be written: longer than 60 characters');
      return v;
    };
    return el('ct:trigger', {
      eventId: event.eventId,
      type: event.type,
      from: code(event.change?.from, 'change.from'),
      to: code(event.change?.to, 'change.to'),
      effectiveDate: event.change?.effectiveDate,
    });
  });
}

/**
 * Records → one sedex message: `data_<messageId>.xml`, then `envl_<messageId>.xml` (write them
 * in that order). With a delivery, the messageId is derived from the transfer id
 * (`messageIdFor`: the same transfer is the same message) and `businessProcessId` is the
 * transfer id; `messageDate` is the delivery's time (else the clock).
 */
export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: SedexDelivery): NativeInput[] {
  if (records.length === 0) return [];
  const settings = sedexSettings(ctx.settings);
  const senderId = senderOf(records, settings);
  const recipientId = recipientOf(ctx, settings, delivery);
  const cases = records.map((record) => writing(record, () => caseElement(record, settings)));
  const event = delivery?.event;
  const subMessageType = event?.type;
  const ourBusinessReferenceId = businessReference(records);
  return messageFiles({
    messageId: delivery ? messageIdFor(delivery.transferId) : exportMessageId(records.map((r) => r.recordId)),
    messageType: settings.messageType,
    messageClass: 0,
    senderId,
    recipientId,
    ...(delivery ? { businessProcessId: delivery.transferId } : {}),
    ...(ourBusinessReferenceId ? { ourBusinessReferenceId } : {}),
    ...(subMessageType ? { subMessageType } : {}),
    at: delivery?.at ?? ctx.now(),
    ...(event?.change?.effectiveDate ? { eventDate: event.change.effectiveDate } : {}),
    actionCode: '1',
    testDelivery: settings.testDelivery,
    responseExpected: true,
    body: el('ct:caseTransfer', {}, trigger(event, records[0]!), cases),
  });
}
