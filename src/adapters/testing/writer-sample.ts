import type { CaseRecord } from '../../contract/types.js';
import type { DeliveryNaming, MapContext, Mapper, NativeInput } from '../port.js';

/**
 * An adapter's rich sample as the tests of its writer take it: the record its source gave
 * on the sample's day, and the JSON bodies a delivery of a record writes. One per adapter,
 * so that each writer test does not rebuild the context, the delivery and the parsing.
 */
export interface WriterSample {
  /** The sample's context, its clock stopped at the sample's day. */
  readonly ctx: MapContext;
  readonly delivery: DeliveryNaming;
  readonly mapper: Pick<Mapper, 'toContract' | 'fromContract'>;
  /** The rich record, mapped anew on each call (tests edit it). */
  rich(): CaseRecord;
  /** The JSON bodies of a delivery of `record`, in the order the writer gives them; `ctx` for another institution. */
  bodies(record: CaseRecord, ctx?: MapContext): Record<string, unknown>[];
}

export interface WriterSampleOptions {
  mapper: Pick<Mapper, 'toContract' | 'fromContract'>;
  context: Omit<MapContext, 'now'>;
  /** The sample's day (RFC 3339): the context's clock and the delivery's time. */
  at: string;
  transferId: string;
  /** The rich sample's native inputs, read anew on each call. */
  inputs: () => NativeInput[];
}

export function writerSample(o: WriterSampleOptions): WriterSample {
  const at = new Date(o.at);
  if (Number.isNaN(at.getTime())) throw new Error(`writerSample: "${o.at}" is not an RFC 3339 time`);
  const ctx: MapContext = { ...o.context, now: () => at };
  const delivery: DeliveryNaming = { transferId: o.transferId, at };
  return {
    ctx,
    delivery,
    mapper: o.mapper,
    rich: () => {
      const { records, rejections } = o.mapper.toContract(o.inputs(), ctx);
      if (records.length !== 1 || rejections.length > 0) throw new Error(`writerSample: the rich sample gives ${records.length} records and ${rejections.length} rejections, not one record`);
      return records[0]!;
    },
    bodies: (record, context = ctx) => o.mapper.fromContract([record], context, delivery).map((input) => JSON.parse(new TextDecoder().decode(input.content)) as Record<string, unknown>),
  };
}
