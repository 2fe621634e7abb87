import type { CaseRecord, MapContext, RecordStamp, Rejection } from '../../src/adapters/sdk.js';
import { mapRecords, streamCsv } from '../../src/adapters/sdk.js';
import { READ, rowMapper } from './to-contract.js';

export type ExportItem = { kind: 'record'; record: CaseRecord; stamp: RecordStamp } | { kind: 'rejection'; rejection: Rejection };

/**
 * A nightly export streamed row by row in constant memory (50,000 persons and more): each
 * row maps exactly as `toContract` maps it, and comes out as a record with its stamp or
 * as its rejections, in row order.
 */
export async function* streamExport(chunks: AsyncIterable<Uint8Array>, file: string, ctx: MapContext): AsyncGenerator<ExportItem> {
  let mapper: ReturnType<typeof rowMapper> | undefined;
  for await (const part of streamCsv(chunks, { file, ...READ })) {
    if (part.kind === 'header') {
      mapper = rowMapper(part.header, file, ctx);
      continue;
    }
    if (!mapper) continue;
    const result = mapRecords([part.row], mapper.map, mapper.options);
    for (const rejection of result.rejections) yield { kind: 'rejection', rejection };
    // One stamp per record, in the same order.
    for (let i = 0; i < result.records.length; i += 1) yield { kind: 'record', record: result.records[i]!, stamp: result.stamps![i]! };
  }
}
