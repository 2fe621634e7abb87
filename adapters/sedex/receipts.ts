import path from 'node:path';
import { InputError, parseXml, xsDateTime, type MapContext, type NativeInput, type ParsedReceipt, type ReceiptReader, type XmlElement } from '../../src/adapters/sdk.js';
import { transferIdOfMessage } from './ids.js';
import { caseResultsOf, readHeader } from './message.js';
import { NS, value } from './native.js';
import { sedexSettings } from './settings.js';

type Meaning = 'delivered' | 'sent' | 'expires-soon' | 'retry' | 'failed' | 'unknown';

/**
 * A sedex status code (FORMAT "Receipt"): 100 delivered; 601 sent and 701 expires soon are
 * interim; 400–404 and 501 are transmission faults the sedex client retries itself, so they
 * are interim too (`meaning: retry`); 200–204, 300–313 and 330 fail the transfer. A code the
 * FORMAT does not list changes nothing (`unknown`).
 */
export function statusOf(code: number): { outcome: ParsedReceipt['outcome']; meaning: Meaning } {
  if (code === 100) return { outcome: 'accepted', meaning: 'delivered' };
  if (code === 601) return { outcome: 'interim', meaning: 'sent' };
  if (code === 701) return { outcome: 'interim', meaning: 'expires-soon' };
  if ((code >= 400 && code <= 404) || code === 501) return { outcome: 'interim', meaning: 'retry' };
  if ((code >= 200 && code <= 204) || (code >= 300 && code <= 313) || code === 330) return { outcome: 'rejected', meaning: 'failed' };
  return { outcome: 'interim', meaning: 'unknown' };
}

function refused(file: string, what: string): InputError {
  return new InputError('sedex.not-a-receipt', `${file}: ${what}`, { field: 'file', file }, 422);
}

/** An eCH-0090 receipt (v2, as the sedex client writes them; v1 read alike), one per recipient. */
function sedexReceipt(root: XmlElement, file: string, messageType: number): ParsedReceipt[] {
  const t = (local: string) => value(root.textOf(local));
  const code = Number(t('statusCode'));
  const messageId = t('messageId');
  if (!Number.isInteger(code) || messageId === undefined) throw refused(file, 'eCH-0090:statusCode and eCH-0090:messageId are required');
  // The receipts folder is shared by every application of the sedex client, and receipts of
  // our own responses (class 1) concern no transfer.
  if (Number(t('messageType')) !== messageType || Number(t('messageClass')) !== 0) return [];
  const transferId = transferIdOfMessage(messageId);
  if (transferId === undefined) return [];
  const { outcome, meaning } = statusOf(code);
  let eventDate: string | undefined;
  try {
    eventDate = xsDateTime(t('eventDate'), { field: 'eventDate', nativeField: 'eCH-0090:eventDate' });
  } catch {
    eventDate = undefined;
  }
  const details: Record<string, string | number> = { meaning, messageId };
  for (const [key, v] of [['recipientId', t('recipientId')], ['eventDate', eventDate], ['statusInfo', t('statusInfo')?.slice(0, 255)]] as const) if (v !== undefined) details[key] = v;
  return [{ transferId, outcome, status: String(code), ...(outcome === 'rejected' ? { nativeField: 'eCH-0090:statusCode' } : {}), details }];
}

/** A positive (action 9) or negative (8) report of the receiving gateway: one receipt per ct:caseResult. */
function report(root: XmlElement, file: string, messageType: number): ParsedReceipt[] {
  const header = readHeader(root, file);
  if (header.action !== 'positive-report' && header.action !== 'negative-report') return [];
  if (header.messageType !== String(messageType)) return [];
  const transferId = transferIdOfMessage(header.referenceMessageId ?? '');
  if (transferId === undefined) return [];
  const base = { action: header.action, messageId: header.messageId, ...(header.testDelivery ? { testDelivery: 'true' } : {}) };
  const results = caseResultsOf(root);
  if (results.length === 0) {
    const accepted = header.action === 'positive-report';
    return [{ transferId, outcome: accepted ? 'accepted' : 'rejected', status: accepted ? 'accepted' : 'rejected', details: base }];
  }
  return results.map((r) => {
    const nativeField = r.result === 'rejected' ? fieldOfReason(r.reason) : undefined;
    return {
      transferId,
      outcome: r.result,
      status: r.result,
      ...(r.receiverCaseId ? { reference: r.receiverCaseId } : {}),
      ...(nativeField ? { nativeField } : {}),
      details: { ...base, localPersonId: r.localPersonId, ...(r.reason ? { reason: r.reason.slice(0, 500) } : {}) },
    };
  });
}

/** `reasonOf`'s form, `<code>: <contract path> (<native field>)`: a Passerelle receiver names the field it refused. */
const REASON = /^[a-z][\w.-]*: [\w.[\]-]* \(([^()\s]+)\)$/;

/** The native field a negative report's reason names, when the receiver wrote it as `reasonOf` does; other text names none. */
export function fieldOfReason(reason: string | undefined): string | undefined {
  return reason === undefined ? undefined : REASON.exec(reason.trim())?.[1];
}

const RECEIPT_FILE = /^receipt.*\.xml$/i;

/**
 * The answers a message of the inbox carries: a class-1 report of the receiving gateway
 * gives its receipts, a transfer none (`[]`; it is mapped). This is what the drop folder
 * reader must call before mapping a delivery for a report to reach its transfer: it
 * arrives in `inbox/` like a transfer, not in `receipts/`.
 */
export function answersIn(inputs: readonly NativeInput[], ctx: MapContext): ParsedReceipt[] {
  const data = inputs.find((input) => path.basename(input.name).startsWith('data_'));
  return data ? receipts.parse(data, ctx) : [];
}

/**
 * Answers to what the gateway sent: the sedex client's receipts in `receipts/` (`matches`), and
 * the receiving gateway's reports, which arrive as messages of class 1 in `inbox/`: their data
 * file goes to `parse` too (`answersIn`). Each names its transfer through the messageId
 * (`transferIdOfMessage`). Receipts of other message types or of our own responses give nothing.
 */
export const receipts: ReceiptReader = {
  matches: (fileName) => RECEIPT_FILE.test(path.basename(fileName)),
  parse(input: NativeInput, ctx: MapContext): ParsedReceipt[] {
    const { messageType } = sedexSettings(ctx.settings);
    const root = parseXml(input.content, { file: input.name });
    if (root.local === 'receipt' && (root.ns === NS.ech0090v2 || root.ns === NS.ech0090v1)) return sedexReceipt(root, input.name, messageType);
    if (root.local === 'delivery' && root.ns === NS.ct) return report(root, input.name, messageType);
    throw refused(input.name, 'is neither an eCH-0090 receipt nor a case-transfer response');
  },
};
