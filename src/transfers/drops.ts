import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Adapter, NativeInput } from '../adapters/port.js';
import type { FileCapability } from '../adapters/files/capability.js';
import { folderSettings } from '../adapters/files/capability.js';
import type { Delivery } from '../adapters/files/rules.js';
import type { FileStore } from '../adapters/files/store.js';
import { PasserelleError, type ErrorDetails } from '../errors.js';
import type { Institution } from '../policy/types.js';
import { acceptEvent } from './intake.js';
import type { Services } from './services.js';
import { eventsOfChanges, putSnapshot } from './snapshots.js';

export interface DropFigures {
  deliveries: number;
  records: number;
  rejected: number;
  events: number;
  quarantined: number;
  waiting: number;
}

const digestOf = (inputs: readonly NativeInput[]): string => {
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(input.name).update('\u0000').update(input.content).update('\u0000');
  return `sha256:${hash.digest('hex')}`;
};

/** What a rejection report keeps: code, fields and native id, never a value. */
function reportOf(rejections: readonly { nativeId: string; error: PasserelleError }[]): Record<string, unknown>[] {
  return rejections.slice(0, 500).map((r) => ({ nativeId: r.nativeId, code: r.error.code, field: r.error.details.field ?? null, nativeField: r.error.details.nativeField ?? null }));
}

/**
 * Reads every complete delivery of one institution's drop folder, once: recorded in the
 * store by name and digest (a restart neither misses nor repeats it), its records kept
 * as snapshots, its events (the format's own, or those of snapshot changes) taken like any
 * other event, then the files moved to `processed`. A delivery that cannot be read (an
 * XML bomb, a broken encoding) goes to `quarantine` with a report; the others go on.
 */
export async function readDropFolder(services: Services, institution: Institution, adapter: Adapter, files: FileCapability, store: FileStore): Promise<DropFigures> {
  const figures: DropFigures = { deliveries: 0, records: 0, rejected: 0, events: 0, quarantined: 0, waiting: 0 };
  const folders = folderSettings(institution.settings);
  const rule = files.drop?.rule;
  if (!folders?.drop || !rule) return figures;
  const drop = folders.drop;
  const processed = folders.processed ?? path.posix.join(drop, 'processed');
  const quarantine = folders.quarantine ?? path.posix.join(drop, 'quarantine');
  const entries = await store.list(drop);
  for (const delivery of rule.group(entries)) {
    if (!delivery.complete) {
      figures.waiting += 1;
      continue;
    }
    const inputs: NativeInput[] = [];
    for (const name of delivery.files) inputs.push({ name, content: await store.read(path.posix.join(drop, name)) });
    const digest = digestOf(inputs);
    const move = async (to: string): Promise<void> => {
      for (const name of [...delivery.files, ...delivery.markers]) await store.move(path.posix.join(drop, name), path.posix.join(to, name)).catch(() => undefined);
    };
    if (await services.store.sources.pickedUp(institution.id, delivery.id, digest)) {
      await move(processed);
      continue;
    }
    const check = rule.check?.(inputs);
    if (check && !check.complete) {
      figures.waiting += 1;
      await reportWaiting(services, institution, delivery, entries, rule.reportAfterMs, check.reason);
      continue;
    }
    figures.deliveries += 1;
    try {
      const read = await takeDelivery(services, institution, adapter, inputs);
      figures.records += read.records;
      figures.rejected += read.rejected.length;
      figures.events += read.events;
      await services.store.sources.recordPickup({ institutionId: institution.id, deliveryId: delivery.id, digest, state: 'read', records: read.records, rejected: read.rejected.length, events: read.events, report: { rejections: reportOf(read.rejected) } });
      await move(processed);
      services.logger.info({ institution: institution.id, delivery: delivery.id, records: read.records, rejected: read.rejected.length, events: read.events }, 'drop folder delivery read');
    } catch (error) {
      if (!(error instanceof PasserelleError) || error.retryable) throw error;
      // The delivery itself is broken: put aside with a report; the folder's others go on.
      figures.quarantined += 1;
      const report = { code: error.code, message: error.message, ...(error.details.field ? { field: error.details.field } : {}) };
      await store.write(path.posix.join(quarantine, `${delivery.id}.report.json`), new TextEncoder().encode(JSON.stringify(report, null, 2)));
      await move(quarantine);
      await services.store.sources.recordPickup({ institutionId: institution.id, deliveryId: delivery.id, digest, state: 'quarantined', records: 0, rejected: 0, events: 0, report });
      await services.store.appendAudit({ kind: 'file.quarantined', actor: `drop:${adapter.id}`, institutionId: institution.id, data: { delivery: delivery.id, code: error.code } });
      services.logger.warn({ institution: institution.id, delivery: delivery.id, code: error.code }, 'drop folder delivery quarantined');
    }
  }
  return figures;
}

/** The records of one delivery into snapshots, and its events into the flow. */
async function takeDelivery(services: Services, institution: Institution, adapter: Adapter, inputs: NativeInput[]): Promise<{ records: number; rejected: { nativeId: string; error: PasserelleError }[]; events: number }> {
  const ctx = services.connections.mapContext(institution);
  const mapped = await adapter.mapper.toContract(inputs, ctx);
  const own = adapter.mapper.eventsOf ? await adapter.mapper.eventsOf(inputs, ctx) : undefined;
  let events = 0;
  const derive = !own && adapter.mapper.changeEventId;
  // Snapshots first (a transfer of this source reads them), each change settled once its events are taken.
  for (const [i, record] of mapped.records.entries()) {
    const stamp = mapped.stamps?.[i];
    const update = await putSnapshot(services, institution, record, stamp, { events: Boolean(derive) });
    if (derive && update.changes.length > 0) {
      for (const event of eventsOfChanges(record, update.changes, stamp, adapter.mapper.changeEventId!.bind(adapter.mapper), services.clock)) {
        await acceptEvent(services, event, { actor: `drop:${adapter.id}` });
        events += 1;
      }
    }
    await update.settle();
  }
  for (const event of own?.events ?? []) {
    await acceptEvent(services, event, { actor: `drop:${adapter.id}` });
    events += 1;
  }
  return { records: mapped.records.length, rejected: [...mapped.rejections, ...(own?.rejections ?? [])], events };
}

const reported = new Set<string>();

async function reportWaiting(services: Services, institution: Institution, delivery: Delivery, entries: readonly { name: string; modifiedAt: number }[], afterMs: number | undefined, reason: string): Promise<void> {
  if (!afterMs) return;
  const newest = Math.max(...entries.filter((e) => delivery.files.includes(e.name)).map((e) => e.modifiedAt));
  const key = `${institution.id}:${delivery.id}`;
  if (Date.now() - newest < afterMs || reported.has(key)) return;
  reported.add(key);
  const details: ErrorDetails = { delivery: delivery.id, reason };
  await services.store.appendAudit({ kind: 'file.incomplete', actor: 'drop', institutionId: institution.id, data: details });
  services.logger.warn({ institution: institution.id, delivery: delivery.id, reason }, 'a drop folder delivery stays incomplete past its waiting time');
}
