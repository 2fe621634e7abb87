import { el, wallToInstant, writeXml, zurichDate, zurichTimestamp, type NativeInput, type XmlOut } from '../../src/adapters/sdk.js';
import { NS } from './native.js';

/** What the gateway writes in `sendingApplication` (eCH-0058: at most 30/30/10 characters). */
export const SENDING_APPLICATION = { manufacturer: 'Passerelle', product: 'passerelle-gateway', productVersion: '1.0.0' } as const;

export interface OutgoingMessage {
  messageId: string;
  messageType: number;
  messageClass: 0 | 1;
  referenceMessageId?: string;
  senderId: string;
  recipientId: string;
  businessProcessId?: string;
  ourBusinessReferenceId?: string;
  yourBusinessReferenceId?: string;
  subMessageType?: string;
  /** The instant the message is written (messageDate of header and envelope). */
  at: Date;
  /** The day the event happened (`YYYY-MM-DD`), for the header's eventDate and the envelope's. */
  eventDate?: string;
  actionCode: '1' | '8' | '9';
  testDelivery: boolean;
  responseExpected?: boolean;
  body?: XmlOut;
}

/** A Zurich calendar day as the envelope's xs:dateTime: its local midnight with the offset. */
function midnight(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return zurichTimestamp(new Date(wallToInstant(y, m, d, 0, 0, 0)));
}

function header(m: OutgoingMessage): XmlOut {
  const t = (name: string, v: string | number | boolean | undefined) => (v === undefined ? undefined : el(`eCH-0058:${name}`, {}, String(v)));
  return el(
    'ct:deliveryHeader',
    {},
    t('senderId', m.senderId),
    t('recipientId', m.recipientId),
    t('messageId', m.messageId),
    t('referenceMessageId', m.referenceMessageId),
    t('businessProcessId', m.businessProcessId),
    t('ourBusinessReferenceId', m.ourBusinessReferenceId),
    t('yourBusinessReferenceId', m.yourBusinessReferenceId),
    t('messageType', m.messageType),
    t('subMessageType', m.subMessageType),
    el(
      'eCH-0058:sendingApplication',
      {},
      t('manufacturer', SENDING_APPLICATION.manufacturer),
      t('product', SENDING_APPLICATION.product),
      t('productVersion', SENDING_APPLICATION.productVersion),
    ),
    // No subject or comment: sedex clients log them, and a subject tends to name the person.
    t('messageDate', zurichTimestamp(m.at)),
    t('eventDate', m.eventDate),
    t('action', m.actionCode),
    t('testDeliveryFlag', m.testDelivery),
    t('responseExpected', m.responseExpected),
  );
}

function envelope(m: OutgoingMessage): XmlOut {
  const t = (name: string, v: string | number | undefined) => (v === undefined ? undefined : el(`eCH-0090:${name}`, {}, String(v)));
  return el(
    'eCH-0090:envelope',
    { 'xmlns:eCH-0090': NS.ech0090v1, version: '1.0' },
    t('messageId', m.messageId),
    t('messageType', m.messageType),
    t('messageClass', m.messageClass),
    t('referenceMessageId', m.referenceMessageId),
    t('senderId', m.senderId),
    t('recipientId', m.recipientId),
    t('eventDate', midnight(m.eventDate ?? zurichDate(m.at))),
    t('messageDate', zurichTimestamp(m.at)),
  );
}

/**
 * The two files of a message, in the order they must appear in `outbox/`: the data file,
 * then the envelope (the sedex client takes a message once its envelope is there).
 */
export function messageFiles(m: OutgoingMessage): NativeInput[] {
  const data = el(
    'ct:delivery',
    { 'xmlns:ct': NS.ct, 'xmlns:eCH-0058': NS.ech0058, 'xmlns:eCH-0044': NS.ech0044, version: '1.0' },
    header(m),
    m.body,
  );
  return [
    { name: `data_${m.messageId}.xml`, content: writeXml(data) },
    { name: `envl_${m.messageId}.xml`, content: writeXml(envelope(m)) },
  ];
}
