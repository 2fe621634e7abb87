import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Adapter, NativeInput } from '../adapters/port.js';
import type { Config } from '../config.js';
import { InputError } from '../errors.js';
import { createGateway } from '../gateway.js';
import type { Services } from '../transfers/services.js';
import { putSnapshot } from '../transfers/snapshots.js';

export interface ImportSummary {
  files: number;
  imported: number;
  unchanged: number;
  rejected: number;
  /** Rejections by code and contract path (never a value), most frequent first. */
  reasons: { code: string; field: string; count: number }[];
  seconds: number;
  recordsPerSecond: number;
  peakRssMb: number;
}

async function filesOf(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new InputError('cli.file-not-found', `no such file or folder: ${target}`, { field: 'files' });
  if (info.isFile()) return [target];
  return (await readdir(target)).filter((f) => !f.startsWith('.')).sort().map((f) => path.join(target, f));
}

async function* chunks(file: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) yield new Uint8Array(chunk as Buffer);
}

/**
 * Bulk onboarding: a whole export streamed into snapshots, in constant memory, without
 * raising events (it is where the sources stand, not what changed). A terminal gets a
 * progress bar, anything else a plain line every 5,000 records.
 */
export async function importExport(config: Config, options: { adapter: string; institution: string; target: string; out: (line: string) => void; err: (line: string) => void; tty: boolean }): Promise<ImportSummary> {
  const gateway = await createGateway(config, { logger: (await import('../logger.js')).createLogger({ level: 'warn' }) });
  try {
    const services = gateway.services;
    const institution = services.bundle.institution(options.institution);
    if (!institution) throw new InputError('institution.unknown', `institution "${options.institution}" is not in the policy bundle`, { field: 'institution' });
    const adapter = services.registry.get(options.adapter);
    if (institution.system !== adapter.id) throw new InputError('cli.invalid-option', `institution "${institution.id}" runs ${institution.system}, not ${adapter.id}`, { field: 'adapter' });
    const files = await filesOf(options.target);
    const total = (await Promise.all(files.map((f) => stat(f).then((s) => s.size)))).reduce((a, b) => a + b, 0);
    const started = Date.now();
    const summary: ImportSummary = { files: files.length, imported: 0, unchanged: 0, rejected: 0, reasons: [], seconds: 0, recordsPerSecond: 0, peakRssMb: 0 };
    const reasons = new Map<string, number>();
    let peak = 0;
    const bar = options.tty && !process.env.NO_COLOR ? new cliProgress.SingleBar({ format: 'importing [{bar}] {percentage}% | {imported} records, {rejected} rejected', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
    bar?.start(100, 0, { imported: 0, rejected: 0 });
    let read = 0;
    const progress = (): void => {
      peak = Math.max(peak, process.memoryUsage().rss);
      const done = summary.imported + summary.unchanged;
      if (bar) bar.update(total > 0 ? Math.min(100, Math.round((read / total) * 100)) : 0, { imported: done, rejected: summary.rejected });
      else if (done > 0 && done % 5000 === 0) options.err(`imported ${done} records, ${summary.rejected} rejected`);
    };
    for (const file of files) {
      const size = (await stat(file)).size;
      for await (const item of itemsOf(adapter, services, institution.id, file)) {
        if (item.kind === 'record') {
          const update = await putSnapshot(services, institution, item.record, item.stamp, { events: false });
          if (update.changed) summary.imported += 1;
          else summary.unchanged += 1;
        } else if (item.kind === 'rejection') {
          summary.rejected += 1;
          const key = `${item.rejection.error.code}\u0000${item.rejection.error.details.field ?? ''}`;
          reasons.set(key, (reasons.get(key) ?? 0) + 1);
        }
        progress();
      }
      read += size;
      progress();
    }
    bar?.stop();
    summary.seconds = Math.round((Date.now() - started) / 100) / 10;
    summary.recordsPerSecond = Math.round((summary.imported + summary.unchanged) / Math.max(0.001, (Date.now() - started) / 1000));
    summary.peakRssMb = Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576);
    summary.reasons = [...reasons].map(([k, count]) => ({ code: k.split('\u0000')[0]!, field: k.split('\u0000')[1]!, count })).sort((a, b) => b.count - a.count).slice(0, 50);
    options.out(JSON.stringify(summary));
    return summary;
  } finally {
    await gateway.close();
  }
}

type Item = { kind: 'record'; record: import('../contract/types.js').CaseRecord; stamp?: import('../adapters/port.js').RecordStamp } | { kind: 'rejection'; rejection: import('../adapters/port.js').Rejection } | { kind: 'event' };

/** A file's records one by one: streamed where the adapter can, else mapped whole. */
async function* itemsOf(adapter: Adapter, services: Services, institutionId: string, file: string): AsyncGenerator<Item> {
  const institution = services.bundle.institution(institutionId)!;
  const ctx = services.connections.mapContext(institution);
  if (adapter.files?.stream) {
    for await (const item of adapter.files.stream(chunks(file), path.basename(file), ctx)) yield item as Item;
    return;
  }
  const parts: Uint8Array[] = [];
  for await (const c of chunks(file)) parts.push(c);
  const input: NativeInput = { name: path.basename(file), content: new Uint8Array(Buffer.concat(parts)) };
  const result = await adapter.mapper.toContract([input], ctx);
  for (const [i, record] of result.records.entries()) yield { kind: 'record', record, ...(result.stamps?.[i] ? { stamp: result.stamps[i] } : {}) };
  for (const rejection of result.rejections) yield { kind: 'rejection', rejection };
}
