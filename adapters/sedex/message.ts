import { xsBoolean, InputError, parseXml, Reject, xsDate, xsDateTime, type NativeInput, type XmlElement } from '../../src/adapters/sdk.js';
import { ACTIONS, type SedexAction } from './codes.js';
import { NS, value } from './native.js';

/** The eCH-0090 envelope (`envl_<id>.xml`). Timestamps in Zurich time. */
export interface SedexEnvelope {
  messageId: string;
  messageType: number;
  /** 0 a transfer, 1 a response to one of ours. */
  messageClass: number;
  referenceMessageId?: string;
  senderId: string;
  recipientIds: string[];
  eventDate: string;
  messageDate: string;
}

/** The eCH-0058 header of the data file. */
export interface SedexHeader {
  senderId: string;
  recipientIds: string[];
  messageId: string;
  referenceMessageId?: string;
  businessProcessId?: string;
  ourBusinessReferenceId?: string;
  yourBusinessReferenceId?: string;
  messageType: string;
  subMessageType?: string;
  messageDate: string;
  eventDate?: string;
  action: SedexAction;
  actionCode: string;
  testDelivery: boolean;
  responseExpected?: boolean;
}

/** `ct:trigger` as written (checked per case by events.ts). */
export interface SedexTrigger {
  eventId?: string;
  type?: string;
  from?: string;
  to?: string;
  effectiveDate?: string;
}

/** One `ct:caseResult` of a positive or negative report. */
export interface CaseResult {
  localPersonId: string;
  result: 'accepted' | 'rejected';
  receiverCaseId?: string;
  /** Text of the result: why (never personal data when Passerelle wrote it). */
  reason?: string;
}

/** What the transport needs to act on a message before (or instead of) mapping it. */
export interface SedexMessage {
  envelope: SedexEnvelope;
  header: SedexHeader;
  trigger?: SedexTrigger;
  /** The ids of each `ct:case` (transfers), for answers to messages that import nothing. */
  cases: { localPersonId?: string; localCaseId?: string }[];
  /** The `ct:caseResult`s (responses). */
  results: CaseResult[];
}

/** A parsed message: what `messageOf` gives, plus the data file's root for mapping. */
export interface ReadMessage {
  info: SedexMessage;
  data: XmlElement;
  dataFile: string;
}

function refused(code: string, file: string, what: string, details: Record<string, string> = {}): InputError {
  return new InputError(code, `${file}: ${what}`, { field: 'file', file, ...details }, 422);
}

/** A required header or envelope value; its absence refuses the whole message. */
function need<T>(v: T | undefined, file: string, nativeField: string): T {
  if (v === undefined || (typeof v === 'string' && v === '')) throw refused('sedex.missing-field', file, `${nativeField} is required`, { nativeField });
  return v;
}

/** Runs a value parser; a bad value refuses the whole message, naming the field. */
function parsed<T>(file: string, nativeField: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof Reject) throw refused('sedex.invalid-field', file, `${nativeField} is malformed (${error.code})`, { nativeField });
    throw error;
  }
}

const place = (nativeField: string) => ({ field: nativeField, nativeField });

function parseRoot(input: NativeInput): XmlElement {
  return parseXml(input.content, { file: input.name });
}

/** Finds envelope and data file among the inputs by their root element, whatever their order. */
function sortInputs(inputs: readonly NativeInput[]): { envelope: { input: NativeInput; root: XmlElement }; data: { input: NativeInput; root: XmlElement } } {
  let envelope: { input: NativeInput; root: XmlElement } | undefined;
  let data: { input: NativeInput; root: XmlElement } | undefined;
  for (const input of inputs) {
    const root = parseRoot(input);
    const isEnvelope = root.local === 'envelope' && (root.ns === NS.ech0090v1 || root.ns === NS.ech0090v2);
    const isData = root.local === 'delivery' && root.ns === NS.ct;
    if (!isEnvelope && !isData) throw refused('sedex.not-a-message-file', input.name, 'is neither an eCH-0090 envelope nor a case-transfer data file');
    if ((isEnvelope && envelope) || (isData && data)) throw refused('sedex.several-messages', input.name, 'one message is one envelope and one data file');
    if (isEnvelope) envelope = { input, root };
    else data = { input, root };
  }
  if (!envelope) throw refused('sedex.incomplete-message', data?.input.name ?? 'message', 'has no envelope (envl_<id>.xml)');
  if (!data) throw refused('sedex.incomplete-message', envelope.input.name, 'has no data file (data_<id>.xml)');
  return { envelope, data };
}

export function readEnvelope(root: XmlElement, file: string): SedexEnvelope {
  const t = (local: string) => value(root.textOf(local));
  const int = (local: string) =>
    parsed(file, `eCH-0090:${local}`, () => {
      const raw = need(t(local), file, `eCH-0090:${local}`);
      if (!/^[+-]?\d+$/.test(raw)) throw new Reject('mapping.invalid-number', local, local, 'is not an integer');
      return Number(raw);
    });
  const time = (local: string) => parsed(file, `eCH-0090:${local}`, () => need(xsDateTime(t(local), place(`eCH-0090:${local}`)), file, `eCH-0090:${local}`));
  const reference = t('referenceMessageId');
  return {
    messageId: need(t('messageId'), file, 'eCH-0090:messageId'),
    messageType: int('messageType'),
    messageClass: int('messageClass'),
    ...(reference ? { referenceMessageId: reference } : {}),
    senderId: need(t('senderId'), file, 'eCH-0090:senderId'),
    recipientIds: need(nonEmpty(root.all('recipientId').map((r) => value(r.text)).filter((r): r is string => r !== undefined)), file, 'eCH-0090:recipientId'),
    eventDate: time('eventDate'),
    messageDate: time('messageDate'),
  };
}

const nonEmpty = <T>(items: T[]): T[] | undefined => (items.length > 0 ? items : undefined);

/** The eCH-0058 header of a data file (a response's data file is read alone by receipts.ts). */
export function readHeader(data: XmlElement, file: string): SedexHeader {
  const header = data.child('deliveryHeader');
  if (!header) throw refused('sedex.missing-field', file, 'ct:deliveryHeader is required', { nativeField: 'ct:deliveryHeader' });
  const t = (local: string) => value(header.textOf(local));
  const optional = (local: string) => {
    const v = t(local);
    return v === undefined ? {} : { [local]: v };
  };
  const actionCode = need(t('action'), file, 'eCH-0058:action');
  const action = (ACTIONS as Readonly<Record<string, SedexAction>>)[actionCode];
  if (!action) throw refused('sedex.invalid-field', file, 'eCH-0058:action is not an eCH-0058 action code', { nativeField: 'eCH-0058:action' });
  const testDelivery = parsed(file, 'eCH-0058:testDeliveryFlag', () => need(xsBoolean(t('testDeliveryFlag'), place('eCH-0058:testDeliveryFlag')), file, 'eCH-0058:testDeliveryFlag'));
  const responseExpected = parsed(file, 'eCH-0058:responseExpected', () => xsBoolean(t('responseExpected'), place('eCH-0058:responseExpected')));
  const eventDate = parsed(file, 'eCH-0058:eventDate', () => xsDate(t('eventDate'), place('eCH-0058:eventDate')));
  const result: SedexHeader = {
    senderId: need(t('senderId'), file, 'eCH-0058:senderId'),
    recipientIds: header.all('recipientId').map((r) => value(r.text)).filter((r): r is string => r !== undefined),
    messageId: need(t('messageId'), file, 'eCH-0058:messageId'),
    ...optional('referenceMessageId'),
    ...optional('businessProcessId'),
    ...optional('ourBusinessReferenceId'),
    ...optional('yourBusinessReferenceId'),
    messageType: need(t('messageType'), file, 'eCH-0058:messageType'),
    ...optional('subMessageType'),
    messageDate: parsed(file, 'eCH-0058:messageDate', () => need(xsDateTime(t('messageDate'), place('eCH-0058:messageDate')), file, 'eCH-0058:messageDate')),
    ...(eventDate ? { eventDate } : {}),
    action,
    actionCode,
    testDelivery,
    ...(responseExpected === undefined ? {} : { responseExpected }),
  };
  // A correction replaces, a recall cancels, a report answers: each names the message it is about.
  if (['recall', 'correction', 'negative-report', 'positive-report'].includes(action)) need(result.referenceMessageId, file, 'eCH-0058:referenceMessageId');
  return result;
}

function triggerOf(data: XmlElement): SedexTrigger | undefined {
  const trigger = data.child('caseTransfer')?.child('trigger');
  if (!trigger) return undefined;
  const out: SedexTrigger = {};
  for (const key of ['eventId', 'type', 'from', 'to', 'effectiveDate'] as const) {
    const v = value(trigger.attr(key));
    if (v !== undefined) out[key] = v;
  }
  return out;
}

export function caseResultsOf(data: XmlElement): CaseResult[] {
  const response = data.child('caseTransferResponse');
  return (response?.all('caseResult') ?? []).flatMap((r) => {
    const localPersonId = value(r.attr('localPersonId'));
    const result = value(r.attr('result'));
    if (!localPersonId || (result !== 'accepted' && result !== 'rejected')) return [];
    const receiverCaseId = value(r.attr('receiverCaseId'));
    const reason = value(r.text);
    return [{ localPersonId, result, ...(receiverCaseId ? { receiverCaseId } : {}), ...(reason ? { reason } : {}) }];
  });
}

/** `<personIdCategory>:<personId>` of a `ct:case`'s eCH-0044 localPersonId (quirk 4). */
export function localPersonIdOf(c: XmlElement): string | undefined {
  const id = c.path('person', 'personIdentification', 'localPersonId');
  const category = value(id?.textOf('personIdCategory'));
  const personId = value(id?.textOf('personId'));
  return category && personId ? `${category}:${personId}` : undefined;
}

/** Reads and checks a message: envelope and data file, whose messageId and senderId must agree. */
export function readMessage(inputs: readonly NativeInput[]): ReadMessage {
  const { envelope, data } = sortInputs(inputs);
  const env = readEnvelope(envelope.root, envelope.input.name);
  const header = readHeader(data.root, data.input.name);
  for (const key of ['messageId', 'senderId'] as const) {
    if (env[key] !== header[key]) {
      throw refused('sedex.envelope-mismatch', data.input.name, `eCH-0058:${key} differs from the envelope's eCH-0090:${key}: the message is rejected`, {
        nativeField: `eCH-0058:${key}`,
        messageId: env.messageId,
      });
    }
  }
  const trigger = triggerOf(data.root);
  const cases = (data.root.child('caseTransfer')?.all('case') ?? []).map((c) => {
    const localPersonId = localPersonIdOf(c);
    const localCaseId = value(c.path('source', 'localCaseId')?.text);
    return { ...(localPersonId ? { localPersonId } : {}), ...(localCaseId ? { localCaseId } : {}) };
  });
  const info: SedexMessage = { envelope: env, header, ...(trigger ? { trigger } : {}), cases, results: caseResultsOf(data.root) };
  return { info, data: data.root, dataFile: data.input.name };
}

/**
 * The envelope and header of a message (inputs: its envelope and data file, any order), for the
 * transport to act on recalls, corrections, responses and test deliveries. Throws an InputError
 * naming the file and field when the files cannot be read or disagree.
 */
export function messageOf(inputs: readonly NativeInput[]): SedexMessage {
  return readMessage(inputs).info;
}

/** The envelope alone, for the transport's first look (message type and class) before the data file. */
export function envelopeOf(input: NativeInput): SedexEnvelope {
  const root = parseRoot(input);
  if (root.local !== 'envelope' || (root.ns !== NS.ech0090v1 && root.ns !== NS.ech0090v2)) {
    throw refused('sedex.not-a-message-file', input.name, 'is not an eCH-0090 envelope');
  }
  return readEnvelope(root, input.name);
}
