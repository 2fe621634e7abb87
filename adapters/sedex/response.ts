import { ConfigError, el, type MapContext, type NativeInput, type Rejection } from '../../src/adapters/sdk.js';
import { responseMessageId } from './ids.js';
import type { SedexMessage } from './message.js';
import { sedexSettings } from './settings.js';
import { messageFiles } from './write-message.js';

/** The receiving gateway's verdict on one case of a message it received. */
export interface ResponseInput {
  localPersonId: string;
  result: 'accepted' | 'rejected';
  /** The id of what the receiver created (its case number). */
  receiverCaseId?: string;
  /** Why: never personal data (`reasonOf` builds it from a rejection's code and fields). */
  reason?: string;
}

/** A rejection as a reason the sender can act on: code and fields, never the value. */
export function reasonOf(rejection: Rejection): string {
  const { code, details } = rejection.error;
  return `${code}: ${String(details.field ?? '')} (${String(details.nativeField ?? '')})`;
}

/**
 * The receiving gateway's answer to a message (FORMAT "Receipt"): messageClass 1, referenceMessageId
 * = the received messageId, header action 9 (positive report: every case accepted) or 8 (negative
 * report), body `ct:caseTransferResponse/ct:caseResult` per case. The sender is
 * `settings.participantId`, else the message's only recipient. Files: data, then envelope.
 */
export function responseMessage(message: SedexMessage, results: readonly ResponseInput[], ctx: MapContext, at: Date): NativeInput[] {
  const settings = sedexSettings(ctx.settings);
  const recipients = message.envelope.recipientIds;
  const senderId = settings.participantId ?? (recipients.length === 1 ? recipients[0] : undefined);
  if (senderId === undefined) {
    throw new ConfigError('adapter.settings-invalid', 'settings.participantId is needed to answer a message addressed to several participants', { field: 'settings.participantId' });
  }
  const positive = results.length > 0 && results.every((r) => r.result === 'accepted');
  const body =
    results.length === 0
      ? undefined
      : el(
          'ct:caseTransferResponse',
          {},
          results.map((r) => el('ct:caseResult', { localPersonId: r.localPersonId, result: r.result, receiverCaseId: r.receiverCaseId }, r.reason)),
        );
  return messageFiles({
    messageId: responseMessageId(message.envelope.senderId, message.envelope.messageId),
    messageType: message.envelope.messageType,
    messageClass: 1,
    referenceMessageId: message.envelope.messageId,
    senderId,
    recipientId: message.envelope.senderId,
    ...(message.header.businessProcessId ? { businessProcessId: message.header.businessProcessId } : {}),
    ...(message.header.ourBusinessReferenceId ? { yourBusinessReferenceId: message.header.ourBusinessReferenceId } : {}),
    at,
    actionCode: positive ? '9' : '8',
    testDelivery: message.header.testDelivery,
    ...(body ? { body } : {}),
  });
}
