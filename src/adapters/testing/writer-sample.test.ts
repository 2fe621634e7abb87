import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../contract/types.js';
import type { MapContext, Mapper } from '../port.js';
import { writerSample } from './writer-sample.js';

const context: Omit<MapContext, 'now'> = { institutionId: 'ag-mika', canton: 'AG', settings: {} };
const record = { recordId: 'r-1' } as unknown as CaseRecord;

function mapperGiving(records: CaseRecord[], rejections = 0): Pick<Mapper, 'toContract' | 'fromContract'> {
  return {
    toContract: () => ({ records, rejections: Array.from({ length: rejections }, () => ({ nativeId: 'x', code: 'mapping.invalid', field: 'f', message: 'm' })) }) as never,
    fromContract: (rs, ctx, delivery) => rs.map(() => ({ name: `${delivery?.transferId}.json`, content: new TextEncoder().encode(JSON.stringify({ at: ctx.now().toISOString(), institution: ctx.institutionId })) })),
  };
}

describe('writerSample', () => {
  it('stops the clock at the sample day and names the delivery by it', () => {
    const sample = writerSample({ mapper: mapperGiving([record]), context, at: '2025-02-14T06:00:00Z', transferId: 'tr-1', inputs: () => [] });
    expect(sample.ctx.now().toISOString()).toBe('2025-02-14T06:00:00.000Z');
    expect(sample.delivery).toEqual({ transferId: 'tr-1', at: new Date('2025-02-14T06:00:00Z') });
    expect(sample.bodies(sample.rich())).toEqual([{ at: '2025-02-14T06:00:00.000Z', institution: 'ag-mika' }]);
    expect(sample.bodies(record, { ...sample.ctx, institutionId: 'ag-sd-baden' })).toEqual([{ at: '2025-02-14T06:00:00.000Z', institution: 'ag-sd-baden' }]);
  });

  it('refuses a rich sample that is not exactly one record without rejections', () => {
    expect(() => writerSample({ mapper: mapperGiving([record, record]), context, at: '2025-02-14T06:00:00Z', transferId: 't', inputs: () => [] }).rich()).toThrow('gives 2 records and 0 rejections');
    expect(() => writerSample({ mapper: mapperGiving([record], 1), context, at: '2025-02-14T06:00:00Z', transferId: 't', inputs: () => [] }).rich()).toThrow('gives 1 records and 1 rejections');
  });

  it('refuses a day that is not a time', () => {
    expect(() => writerSample({ mapper: mapperGiving([record]), context, at: '14.02.2025', transferId: 't', inputs: () => [] })).toThrow('is not an RFC 3339 time');
  });
});
