import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Adapter, MapContext, NativeInput } from '../adapters/port.js';
import type { DropOutcome, FileCapability, FileDrop } from '../adapters/files/capability.js';
import { folderSettings } from '../adapters/files/capability.js';
import type { Delivery } from '../adapters/files/rules.js';
import type { FileStore } from '../adapters/files/store.js';
import { PasserelleError, type ErrorDetails } from '../errors.js';
import type { CaseEvent } from '../contract/types.js';
import type { Institution } from '../policy/types.js';
import { acceptEvent } from './intake.js';
import { applyReceipt } from './receipts.js';
import type { Services } from './services.js';
import { eventsOfChanges, putSnapshot } from './snapshots.js';
import { withdrawDelivery } from './withdraw.js';

export interface DropFigures {
  deliveries: number;
  records: number;
  rejected: number;
  events: number;
  quarantined: number;
  waiting: number;
  /** Answers to the gateway's own deliveries found in the folder (`drop.answers`), and how many found their transfer. */
  answers: number;
  matched: number;
  /** Transfers cancelled because a delivery withdrew the one that raised them (`drop.withdraws`). */
  withdrawn: number;
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
 *
 * What else a folder carries, by the system's hooks (`FileDrop`): answers to the gateway's
 * own deliveries (applied like answer files, nothing imported); deliveries that withdraw
 * earlier ones (what those raised is cancelled, and one still to come is not imported);
 * and the answer a sender expects once its delivery is read (written to the outbox).
 */
export async function readDropFolder(services: Services, institution: Institution, adapter: Adapter, files: FileCapability, store: FileStore): Promise<DropFigures> {
  const figures: DropFigures = { deliveries: 0, records: 0, rejected: 0, events: 0, quarantined: 0, waiting: 0, answers: 0, matched: 0, withdrawn: 0 };
  const folders = folderSettings(institution.settings);
  const drop = files.drop;
  const rule = drop?.rule;
  if (!folders?.drop || !drop || !rule) return figures;
  const dir = folders.drop;
  const processed = folders.processed ?? path.posix.join(dir, 'processed');
  const quarantine = folders.quarantine ?? path.posix.join(dir, 'quarantine');
  const entries = await store.list(dir);
  for (const delivery of rule.group(entries)) {
    if (!delivery.complete) {
      figures.waiting += 1;
      continue;
    }
    const inputs: NativeInput[] = [];
    for (const name of delivery.files) inputs.push({ name, content: await store.read(path.posix.join(dir, name)) });
    const digest = digestOf(inputs);
    const move = async (to: string): Promise<void> => {
      for (const name of [...delivery.files, ...delivery.markers]) await store.move(path.posix.join(dir, name), path.posix.join(to, name)).catch(() => undefined);
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
    const picked = (report: Record<string, unknown>, read: { records: number; rejected: number; events: number } = { records: 0, rejected: 0, events: 0 }) =>
      services.store.sources.recordPickup({ institutionId: institution.id, deliveryId: delivery.id, digest, state: 'read', ...read, report });
    try {
      const ctx = services.connections.mapContext(institution);
      // Answers to what the gateway sent (a sedex report in the inbox) close transfers; they import nothing.
      const answers = drop.answers?.(inputs, ctx) ?? [];
      if (answers.length > 0) {
        let matched = 0;
        for (const answer of answers) if (await applyReceipt(services, institution, answer)) matched += 1;
        figures.answers += answers.length;
        figures.matched += matched;
        await picked({ answers: answers.length, matched });
        await move(processed);
        services.logger.info({ institution: institution.id, delivery: delivery.id, answers: answers.length, matched }, 'drop folder delivery read: answers to our deliveries');
        continue;
      }
      // Withdrawn before it came (the recall was read first): nothing of it is imported.
      const withdrawnBy = await services.store.withdrawnBy(institution.id, delivery.id);
      if (withdrawnBy !== null) {
        await picked({ withdrawnBy });
        await services.store.appendAudit({ kind: 'file.withdrawn', actor: `drop:${adapter.id}`, institutionId: institution.id, data: { delivery: delivery.id, withdrawnBy, before: 'read' } });
        await move(processed);
        services.logger.warn({ institution: institution.id, delivery: delivery.id, withdrawnBy }, 'drop folder delivery withdrawn before it was read: not imported');
        continue;
      }
      const withdrawals = await withdrawEarlier(services, institution, adapter, drop, inputs, ctx, delivery.id);
      figures.withdrawn += withdrawals.transfers;
      const read = await takeDelivery(services, institution, adapter, inputs, ctx, delivery.id);
      await respond(services, institution, store, drop, inputs, read.outcome, ctx, delivery.id);
      figures.records += read.records;
      figures.rejected += read.rejected.length;
      figures.events += read.events;
      await picked({ rejections: reportOf(read.rejected), ...(withdrawals.ids.length > 0 ? { withdraws: withdrawals.ids, withdrawn: withdrawals.transfers } : {}) }, { records: read.records, rejected: read.rejected.length, events: read.events });
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

/** The records of one delivery into snapshots, and its events into the flow, each remembering the delivery that raised it. */
async function takeDelivery(
  services: Services,
  institution: Institution,
  adapter: Adapter,
  inputs: NativeInput[],
  ctx: MapContext,
  deliveryId: string,
): Promise<{ records: number; rejected: { nativeId: string; error: PasserelleError }[]; events: number; outcome: DropOutcome }> {
  const mapped = await adapter.mapper.toContract(inputs, ctx);
  const own = adapter.mapper.eventsOf ? await adapter.mapper.eventsOf(inputs, ctx) : undefined;
  let events = 0;
  const transfersOf = new Map<string, string[]>();
  const options = { actor: `drop:${adapter.id}`, delivery: { institutionId: institution.id, id: deliveryId } };
  const take = async (event: CaseEvent): Promise<void> => {
    const result = await acceptEvent(services, event, options);
    transfersOf.set(event.case.localPersonId, [...(transfersOf.get(event.case.localPersonId) ?? []), ...result.transfers.map((t) => t.id)]);
    events += 1;
  };
  const derive = !own && adapter.mapper.changeEventId;
  // Snapshots first (a transfer of this source reads them), each change settled once its events are taken.
  for (const [i, record] of mapped.records.entries()) {
    const stamp = mapped.stamps?.[i];
    const update = await putSnapshot(services, institution, record, stamp, { events: Boolean(derive) });
    if (derive && update.changes.length > 0) {
      for (const event of eventsOfChanges(record, update.changes, stamp, adapter.mapper.changeEventId!.bind(adapter.mapper), services.clock)) await take(event);
    }
    await update.settle();
  }
  for (const event of own?.events ?? []) await take(event);
  const rejections = [...mapped.rejections, ...(own?.rejections ?? [])];
  const accepted = mapped.records.map((r) => ({ localPersonId: r.source.localPersonId, transferIds: [...new Set(transfersOf.get(r.source.localPersonId) ?? [])] }));
  return { records: mapped.records.length, rejected: rejections, events, outcome: { accepted, rejections } };
}

/** The earlier deliveries this one withdraws (a recall): recorded, and what they raised cancelled. */
async function withdrawEarlier(
  services: Services,
  institution: Institution,
  adapter: Adapter,
  drop: FileDrop,
  inputs: readonly NativeInput[],
  ctx: MapContext,
  deliveryId: string,
): Promise<{ ids: string[]; transfers: number }> {
  const ids = [...new Set(drop.withdraws?.(inputs, ctx) ?? [])].filter((id) => id !== deliveryId);
  let transfers = 0;
  for (const id of ids) {
    const done = await withdrawDelivery(services, institution, id, { deliveryId, actor: `drop:${adapter.id}` });
    const count = done.cancelled.length + done.afterDelivery.length + done.flagged.length;
    transfers += count;
    await services.store.appendAudit({
      kind: 'file.withdrawn',
      actor: `drop:${adapter.id}`,
      institutionId: institution.id,
      data: { delivery: id, withdrawnBy: deliveryId, cancelled: done.cancelled.length, afterDelivery: done.afterDelivery.length, flagged: done.flagged.length },
    });
    services.logger.info({ institution: institution.id, delivery: id, withdrawnBy: deliveryId, transfers: count }, 'drop folder delivery withdrawn by a later one');
  }
  return { ids, transfers };
}

/** The answer the sender expects (`drop.respond`), written once into the institution's outbox. */
async function respond(
  services: Services,
  institution: Institution,
  store: FileStore,
  drop: FileDrop,
  inputs: readonly NativeInput[],
  outcome: DropOutcome,
  ctx: MapContext,
  deliveryId: string,
): Promise<void> {
  if (!drop.respond) return;
  let files: NativeInput[];
  try {
    files = drop.respond(inputs, outcome, ctx, services.clock());
  } catch (error) {
    // The delivery was read all the same: an answer that cannot be written is reported, not a reason to quarantine it.
    if (!(error instanceof PasserelleError) || error.retryable) throw error;
    await services.store.appendAudit({ kind: 'file.unanswered', actor: 'drop', institutionId: institution.id, data: { delivery: deliveryId, code: error.code } });
    services.logger.warn({ institution: institution.id, delivery: deliveryId, code: error.code, field: error.details.field ?? null }, 'the sender expects an answer that cannot be written; fix the setting the code names');
    return;
  }
  if (files.length === 0) return;
  const outbox = folderSettings(institution.settings)?.outbox;
  if (!outbox) {
    services.logger.warn({ institution: institution.id, delivery: deliveryId, code: 'adapter.no-outbox' }, 'the sender expects an answer, but the institution has no outbox folder (settings.folders.outbox)');
    return;
  }
  // Names are the answer's own (the same when read again): a second read finds them there and leaves them.
  for (const file of files) await store.write(path.posix.join(outbox, file.name), file.content, { createOnly: true });
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
