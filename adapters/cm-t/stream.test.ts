import { describe, expect, it } from 'vitest';
import { generateExport } from './generate.js';
import { streamExport } from './stream.js';
import { toContract } from './to-contract.js';
import { ctx, file, load, person, sampleFile } from './test-support.js';
import { chunksOf, collect, joinChunks } from '../../src/adapters/testing.js';

describe('CM-T export streamed row by row', () => {
  it.each(['minimal', 'rich', 'edge'])('%s streams, in small chunks, to what toContract gives', async (name) => {
    const input = sampleFile(name);
    const items = await collect(streamExport(chunksOf(input.content, 97), input.name, ctx));
    const whole = toContract([input], ctx);
    expect(items.map((i) => (i.kind === 'record' ? i.record : null))).toEqual(whole.records);
    expect(items.map((i) => (i.kind === 'record' ? i.stamp : null))).toEqual(whole.stamps);
  });

  it('yields a bad row as its rejection, in row order, and goes on', async () => {
    const sheet = load('rich', 'minimal', 'edge');
    person(sheet, '2207').set('Geschlecht', 'X');
    const items = await collect(streamExport(chunksOf(file(sheet).content, 1000), 'CMT_Export_20260301.csv', ctx));
    expect(items.map((i) => (i.kind === 'record' ? i.record.source.localPersonId : `rejected ${i.rejection.nativeId} ${i.rejection.error.details.nativeField}`))).toEqual([
      '1093',
      'rejected 2207 Geschlecht',
      '1980',
      '2011',
    ]);
  });
});

describe('generateExport, for the benchmark', () => {
  it('is deterministic per seed, Windows-1252, and starts with sep=;', async () => {
    const a = await joinChunks(generateExport({ rows: 30, seed: 7, batch: 8 }));
    expect(a.equals(await joinChunks(generateExport({ rows: 30, seed: 7, batch: 8 })))).toBe(true);
    expect(a.equals(await joinChunks(generateExport({ rows: 30, seed: 8, batch: 8 })))).toBe(false);
    expect(a.subarray(0, 7).toString('latin1')).toBe('sep=;\r\n');
    expect(a.includes(Buffer.from('Nationalit\u00e4t', 'latin1'))).toBe(true);
    expect(a.includes(Buffer.from('Nationalität', 'utf8'))).toBe(false);
  });

  it('gives 200 rows that all map, with the quirks CM-T files have', async () => {
    const items = await collect(streamExport(generateExport({ rows: 200, seed: 2026, batch: 64 }), 'CMT_Export_20260301.csv', ctx));
    expect(items.filter((i) => i.kind === 'rejection').map((i) => (i.kind === 'rejection' ? `${i.rejection.nativeId} ${i.rejection.error.code} ${i.rejection.error.details.nativeField}` : ''))).toEqual([]);
    const records = items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
    expect(records).toHaveLength(200);
    expect(new Set(records.map((r) => r.source.localPersonId)).size).toBe(200);
    expect(records[0]!.source.localPersonId).toBe('000001');
    expect(records.some((r) => r.integrationPlan?.measures?.some((m) => m.nativeCode === 'Velokurs'))).toBe(true);
    expect(records.some((r) => r.journal?.some((j) => j.text.includes('\n')))).toBe(true);
    expect(records.some((r) => /^\d{4}$/.test(r.person.dateOfBirth))).toBe(true);
  });
});
