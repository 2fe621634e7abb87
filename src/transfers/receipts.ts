import path from 'node:path';
import type { Adapter, ParsedReceipt } from '../adapters/port.js';
import { folderSettings } from '../adapters/files/capability.js';
import type { FileStore } from '../adapters/files/store.js';
import { PasserelleError } from '../errors.js';
import type { Institution } from '../policy/types.js';
import { zurichTimestamp } from '../time.js';
import type { Services } from './services.js';
import { jobIdOf } from './states.js';

/**
 * The later answers of a file or message system (Tutoris' quittung, KLIBnet's
 * Rückmeldung, a sedex receipt): each matched to its transfer, which it closes
 * (`delivered`), fails for good naming the native field, or sends round again; an interim
 * one is audited only. Read answers are moved to `processed`.
 */
export async function readReceipts(services: Services, institution: Institution, adapter: Adapter, store: FileStore): Promise<{ read: number; matched: number }> {
  const folders = folderSettings(institution.settings);
  if (!folders?.receipts || !adapter.receipts) return { read: 0, matched: 0 };
  const dir = folders.receipts;
  let read = 0;
  let matched = 0;
  for (const entry of await store.list(dir)) {
    if (!adapter.receipts.matches(entry.name)) continue;
    const file = path.posix.join(dir, entry.name);
    let answers: ParsedReceipt[];
    try {
      answers = await adapter.receipts.parse({ name: entry.name, content: await store.read(file) }, services.connections.mapContext(institution));
    } catch (error) {
      if (!(error instanceof PasserelleError) || error.retryable) throw error;
      services.logger.warn({ institution: institution.id, file: entry.name, code: error.code }, 'an answer file cannot be read; it is put aside');
      await store.move(file, path.posix.join(dir, 'quarantine', entry.name)).catch(() => undefined);
      continue;
    }
    read += 1;
    for (const answer of answers) if (await applyReceipt(services, institution, answer)) matched += 1;
    await store.move(file, path.posix.join(dir, 'processed', entry.name)).catch(() => undefined);
  }
  return { read, matched };
}

/**
 * True when the answer found its transfer. A transfer waiting for its answer is closed
 * (`delivered`), failed, or sent round again. An answer may also come after another closed
 * the transfer (a sedex receiver's report after the client's delivery receipt 100): an
 * acceptance or a refusal is added to the delivered transfer's receipt, which stays
 * delivered (final: the disclosure happened); a refusal is logged for operations.
 */
export async function applyReceipt(services: Services, target: Institution, answer: ParsedReceipt): Promise<boolean> {
  const { store, logger } = services;
  const transfer = await store.transferOfReceipt(target.id, answer.transferId);
  if (!transfer) {
    logger.warn({ institution: target.id, status: answer.status }, 'an answer names no transfer of this target');
    return false;
  }
  const audit = (step: string) => ({ kind: 'transfer.state', actor: `receipt:${target.system}`, data: { step, status: answer.status, ...(answer.nativeField ? { nativeField: answer.nativeField } : {}) } });
  const receipt = {
    at: zurichTimestamp(services.clock()),
    reference: answer.reference ?? transfer.receipt?.reference ?? '',
    status: answer.status,
    details: { ...(transfer.receipt?.details ?? {}), ...(answer.details ?? {}) },
  };
  const at = answer.nativeField ? ` at ${answer.nativeField}` : '';
  switch (answer.outcome) {
    case 'accepted':
      if (await store.transition(transfer.id, ['awaiting-receipt', 'retrying'], 'delivered', { receipt, error: null, receiptDueAt: null }, audit('receipt-accepted'))) return true;
      // Like an interim answer's entry, no state: the transfer stays delivered, and the DPO's report counts no second delivery.
      return (await store.amendReceipt(transfer.id, ['delivered'], receipt, audit('receipt-added'))) !== null;
    case 'rejected': {
      const refused = { code: 'receipt.rejected', message: `the target refused the import${at}` };
      if (await store.transition(transfer.id, ['awaiting-receipt', 'retrying'], 'failed', { receipt, receiptDueAt: null, error: refused }, audit('receipt-rejected'))) return true;
      // Delivered is final (the disclosure happened): the refusal goes into the receipt, for operations to follow up.
      const late = await store.amendReceipt(transfer.id, ['delivered'], receipt, audit('receipt-rejected-after-delivery'));
      if (late) logger.warn({ transferId: late.id, target: late.targetInstitutionId }, 'the target refused the case after its delivery: see the receipt');
      return late !== null;
    }
    case 'retry': {
      const moved = await store.transition(transfer.id, ['awaiting-receipt'], 'retrying', { receipt, receiptDueAt: null, error: { code: 'receipt.retry', message: 'the target asks for the delivery again' } }, audit('receipt-retry'), { unlessCancelRequested: true });
      if (moved) await services.queue.enqueue(moved.targetSystem, { jobId: jobIdOf(moved), transferId: moved.id }).catch(() => undefined);
      return moved !== null;
    }
    case 'interim':
      await store.appendAudit({ ...audit('receipt-interim'), transferId: transfer.id, personRef: transfer.personRef, institutionId: target.id });
      return true;
  }
}

/** Transfers whose answer did not come in time: delivered again, with the same transfer id. */
export async function redeliverOverdue(services: Services): Promise<number> {
  let n = 0;
  for (const transfer of await services.store.overdueReceipts(new Date(services.clock()).toISOString())) {
    const moved = await services.store.transition(
      transfer.id,
      ['awaiting-receipt'],
      'retrying',
      { receiptDueAt: null, error: { code: 'receipt.missing', message: 'the target did not answer in time; delivered again' } },
      { kind: 'transfer.state', actor: 'worker', data: { step: 'receipt-overdue' } },
      { unlessCancelRequested: true },
    );
    if (!moved) continue;
    await services.queue.enqueue(moved.targetSystem, { jobId: jobIdOf(moved), transferId: moved.id }).catch(() => undefined);
    n += 1;
  }
  return n;
}
