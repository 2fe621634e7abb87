import { InputError, streamXml, zurichTimestamp, type CaseRecord, type MapContext, type RecordStamp, type Rejection } from '../../src/adapters/sdk.js';
import { ROOT, XML_OPTIONS, checkComplete, headOf, type Head } from './head.js';
import { settingsOf } from './native.js';
import { mapUe, type UeContext } from './ue.js';

export type StreamedItem = { kind: 'record'; record: CaseRecord; stamp: RecordStamp } | { kind: 'rejection'; rejection: Rejection };

/**
 * A whole-canton export read in constant memory: the `Kopf` first, then one UE at a
 * time, mapped exactly as `toContract` maps it. Records are yielded as their UE is read;
 * if the file turns out incomplete (fewer UEs than `Kopf/AnzahlUE`), the stream ends with
 * an InputError, and a consumer must not treat the persons it missed as gone.
 */
export async function* streamExport(chunks: AsyncIterable<Uint8Array>, file: string, ctx: MapContext): AsyncGenerator<StreamedItem> {
  const settings = settingsOf(ctx);
  const extractedAt = zurichTimestamp(ctx.now());
  let head: Head | undefined;
  let ueCtx: UeContext | undefined;
  let seen = 0;
  for await (const event of streamXml(chunks, { file, depth: 2, ...XML_OPTIONS })) {
    if (event.kind === 'open') {
      if (event.element.local !== ROOT) throw new InputError('klibnet.not-an-export', `${file}: root is not ${ROOT}`, { field: 'root', file }, 422);
      continue;
    }
    const element = event.element;
    if (element.local === 'Kopf') {
      head = headOf(element, file, settings);
      if (!head.stichtag || !head.erstelltAm) throw new InputError('klibnet.invalid-header', `${file}: Kopf/Stichtag and Kopf/ErstelltAm are required`, { field: 'Kopf', file }, 422);
      ueCtx = { head, settings, institutionId: ctx.institutionId, canton: ctx.canton, extractedAt };
      continue;
    }
    if (element.local !== 'UE') continue;
    if (!ueCtx) throw new InputError('klibnet.invalid-header', `${file}: Kopf must come before the first UE`, { field: 'Kopf', file }, 422);
    seen += 1;
    const result = mapUe(element, ueCtx);
    const stamps = result.stamps ?? [];
    for (const [i, record] of result.records.entries()) yield { kind: 'record', record, stamp: stamps[i]! };
    for (const rejection of result.rejections) yield { kind: 'rejection', rejection };
  }
  if (!head) throw new InputError('klibnet.invalid-header', `${file}: Kopf is missing`, { field: 'Kopf', file }, 422);
  checkComplete(head, seen);
}
