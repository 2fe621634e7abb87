import path from 'node:path';
import type { Adapter, CaseRef, Connection, DeliveryRequest, MapContext, NativeInput, Receipt } from '../adapters/port.js';
import { folderSettings } from '../adapters/files/capability.js';
import type { FileStore } from '../adapters/files/store.js';
import { openFileStore } from '../adapters/files/transports.js';
import { ConfigError, MappingError, PasserelleError, UpstreamError } from '../errors.js';
import type { Institution } from '../policy/types.js';
import { zurichTimestamp } from '../time.js';
import type { Services } from './services.js';
import { readSnapshot } from './snapshots.js';

/** A delivery whose answer comes later: what it was called, and how long to wait for it. */
export interface AwaitingReceipt {
  awaiting: { ref: string; windowMs: number };
}

/** The folder store of an institution's file transport (`settings.transport`: local, sftp or webdav; local unless said). */
export function fileStoreOf(institution: Institution, env: Readonly<Record<string, string | undefined>>): FileStore {
  return openFileStore(institution.id, institution.settings, env);
}

/** The longest common start of the written files' names, without extension or trailing separators: what answers name a delivery by. */
export function deliveryRefOf(names: readonly string[]): string {
  const stems = names.map((n) => n.replace(/\.[^.]+$/, ''));
  let prefix = stems[0] ?? '';
  for (const s of stems.slice(1)) while (!s.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.replace(/[_.-]+$/, '');
}

/**
 * The import files of a delivery. A writer is a function of the record alone, so what it
 * cannot write now it never will: an error it did not mean (a part the policy withheld
 * that the writer takes for granted) fails the delivery for good instead of being retried.
 */
function writeFiles(adapter: Adapter, request: DeliveryRequest, ctx: MapContext, at: Date): NativeInput[] {
  try {
    return adapter.mapper.fromContract([request.record], ctx, { transferId: request.transferId, at, ...(request.event ? { event: request.event } : {}) });
  } catch (error) {
    if (error instanceof PasserelleError) throw error;
    const withheld = [...new Set(request.decision.withheld.flatMap((w) => ('category' in w ? [w.category] : [])))].join(', ');
    throw new MappingError(
      'mapping.writer-failed',
      `the ${adapter.id} writer cannot write this record${withheld ? ` (the policy withheld: ${withheld})` : ''}; nothing was written. The adapter needs a fix for records without these parts`,
      { field: 'record', nativeField: adapter.id, nativeId: request.record.source.localCaseId },
    );
  }
}

/**
 * The connection of a file-based system: a transfer reads the person's snapshot (what its
 * exports last said), and a delivery writes the import files into the outbox, atomically
 * and in their order, to be answered later.
 */
export function fileConnection(services: Services, institution: Institution, adapter: Adapter, ctx: MapContext, store: FileStore): Connection {
  return {
    async read(ref: CaseRef) {
      const record = await readSnapshot(services, institution.id, ref.localPersonId);
      if (!record) {
        throw new UpstreamError('snapshot.missing', 'the gateway holds no export of this person from this system yet; it is read from the next delivery of its drop folder', { retryable: true });
      }
      return { record };
    },
    async deliver(request: DeliveryRequest): Promise<Receipt> {
      const folders = folderSettings(institution.settings);
      if (!folders?.outbox || !adapter.files?.outbox) {
        throw new ConfigError('adapter.no-outbox', `institution "${institution.id}" has no outbox folder (settings.folders.outbox)`, { field: `institutions.${institution.id}.settings.folders.outbox` });
      }
      const files = writeFiles(adapter, request, ctx, services.clock());
      // Write-once names (they carry the transfer): a delivery again finds its file there and leaves it.
      const written = [];
      for (const file of files) written.push(await store.write(path.posix.join(folders.outbox, file.name), file.content, { createOnly: true }));
      const names = files.map((f) => f.name);
      const etags = written.flatMap((w) => (w.etag ? [w.etag] : []));
      const receipt: Receipt & Partial<AwaitingReceipt> = {
        at: zurichTimestamp(services.clock()),
        reference: names.join(', ').slice(0, 500),
        status: 'written',
        details: { files: names.length, alreadyThere: written.filter((w) => !w.created).length, ...(etags.length ? { etag: etags.join(', ') } : {}) },
      };
      if (adapter.receipts && folders.receipts) receipt.awaiting = { ref: deliveryRefOf(names), windowMs: adapter.files.receiptWindowMs ?? 30 * 60_000 };
      return receipt;
    },
  };
}
