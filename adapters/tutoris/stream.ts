import { streamXml, type CaseEvent, type CaseRecord, type MapContext, type RecordStamp, type Rejection } from '../../src/adapters/sdk.js';
import { mutationEvents } from './events.js';
import { headerOf, type FileHeader } from './export-file.js';
import type { KlientEnv } from './klient.js';
import { settingsOf } from './settings.js';
import { envOf, mapKlienten } from './to-contract.js';

export type StreamItem =
  | { kind: 'record'; record: CaseRecord; stamp?: RecordStamp }
  | { kind: 'rejection'; rejection: Rejection }
  | { kind: 'event'; event: CaseEvent };

/**
 * A whole-canton export read in constant memory, one `Klient` at a time: its events
 * (Mutationen), then its record or its rejections. The mapping is `toContract`'s. A
 * Voll export's records carry the export's `@Erstellt` as their stamp (the time of the
 * snapshot they resynchronise). The root is checked before any Klient is read: a file
 * of another Mandant throws, naming the file.
 */
export async function* streamExport(chunks: AsyncIterable<Uint8Array>, file: string, ctx: MapContext): AsyncGenerator<StreamItem> {
  const settings = settingsOf(ctx);
  let header: FileHeader | undefined;
  let env: KlientEnv | undefined;
  let stamp: RecordStamp | undefined;
  let position = 0;
  for await (const event of streamXml(chunks, { file, depth: 2 })) {
    if (event.kind === 'open') {
      if (event.depth !== 1) continue;
      header = headerOf(event.element, file, settings);
      env = envOf(ctx, settings);
      stamp = header.art === 'Voll' && header.createdAt ? { version: header.createdAt, occurredAt: header.createdAt } : undefined;
      continue;
    }
    if (!header || !env || event.element.local !== 'Klient') continue;
    const klient = event.element;
    const found = mutationEvents(klient, position, header, settings, ctx);
    for (const e of found.events) yield { kind: 'event', event: e };
    for (const rejection of found.rejections) yield { kind: 'rejection', rejection };
    const mapped = mapKlienten([{ klient, position }], env);
    for (const record of mapped.records) yield stamp ? { kind: 'record', record, stamp } : { kind: 'record', record };
    for (const rejection of mapped.rejections) yield { kind: 'rejection', rejection };
    position += 1;
  }
}
