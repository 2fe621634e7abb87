import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, type CaseRecord } from '../../src/adapters/sdk.js';
import { generateExport } from './generate.js';
import { isCompleteExport, streamExport, type StreamedItem } from './index.js';
import { ASYL, FIXTURES, FLUE, ctx, fixtureText, inputOf, mapText, swap } from './test-kit.js';
import { toContract } from './to-contract.js';
import { chunksOf, collect, joinChunks } from '../../src/adapters/testing.js';

const recordsOf = (items: StreamedItem[]): CaseRecord[] => items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));

describe('KLIBnet streaming reader', () => {
  it.each([FLUE, ASYL])('gives %s exactly what toContract gives, with the stamps', async (name) => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, name)));
    const items = await collect(streamExport(chunksOf(bytes, 500), name, ctx));
    const whole = toContract([{ name, content: bytes }], ctx);
    expect(recordsOf(items)).toEqual(whole.records);
    expect(items.flatMap((i) => (i.kind === 'record' ? [i.stamp] : []))).toEqual(whole.stamps);
  });

  it('yields a rejection in its place and goes on', async () => {
    const xml = swap(fixtureText(FLUE), '<Name>Haidari</Name>', '<Name/>');
    const items = await collect(streamExport(chunksOf(inputOf(xml).content, 300), FLUE, ctx));
    expect(items.map((i) => (i.kind === 'record' ? i.record.source.localPersonId : i.rejection.nativeId))).toEqual(['FLUE-30118', '2021.0113/30117']);
  });

  it('ends with an InputError when the file holds fewer UEs than Kopf/AnzahlUE', async () => {
    const xml = swap(fixtureText(FLUE), '<AnzahlUE>1</AnzahlUE>', '<AnzahlUE>2</AnzahlUE>');
    await expect(collect(streamExport(chunksOf(inputOf(xml).content, 300), FLUE, ctx))).rejects.toMatchObject({ code: 'klibnet.incomplete-export' });
  });

  it('maps 100 generated households with no rejection, one record per person', async () => {
    const items = await collect(streamExport(generateExport({ households: 100, seed: 7 }), 'KLIB_FLUE_SROL_20260309.xml', ctx));
    expect(items.filter((i) => i.kind === 'rejection')).toEqual([]);
    const records = recordsOf(items);
    expect(new Set(records.map((r) => r.person.householdId)).size).toBe(100);
    expect(records.length).toBeGreaterThan(100);
  });

  it.each(['ASYL', 'WSH'] as const)('maps generated %s households with no rejection', async (database) => {
    const items = await collect(streamExport(generateExport({ households: 30, seed: 11, database }), `KLIB_${database}_SROL_20260309.xml`, ctx));
    expect(items.filter((i) => i.kind === 'rejection')).toEqual([]);
  });

  it('generates the same bytes for the same seed, and a complete export', async () => {
    const [a, b, c] = await Promise.all([joinChunks(generateExport({ households: 20, seed: 3 })), joinChunks(generateExport({ households: 20, seed: 3 })), joinChunks(generateExport({ households: 20, seed: 4 }))]);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(isCompleteExport(a, 'gen.xml')).toBe(true);
    expect(toContract([{ name: 'KLIB_FLUE_SROL_20260309.xml', content: a }], ctx).rejections).toEqual([]);
  });
});

describe('KLIBnet completion rule', () => {
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, FLUE)));

  it('holds for a file that parses and holds Kopf/AnzahlUE UEs', () => {
    expect(isCompleteExport(bytes, FLUE)).toBe(true);
  });

  it('fails for a file still being written, or with fewer UEs than announced', () => {
    expect(isCompleteExport(bytes.subarray(0, bytes.length - 200), FLUE)).toBe(false);
    expect(isCompleteExport(inputOf(swap(fixtureText(FLUE), '<AnzahlUE>1</AnzahlUE>', '<AnzahlUE>2</AnzahlUE>')).content, FLUE)).toBe(false);
  });

  it('makes toContract refuse an incomplete file and one of another Mandant, naming the file only', () => {
    const refused = (xml: string) => {
      try {
        mapText(xml);
      } catch (error) {
        return error as InputError;
      }
      throw new Error('expected a refusal');
    };
    const incomplete = refused(swap(fixtureText(FLUE), '<AnzahlUE>1</AnzahlUE>', '<AnzahlUE>3</AnzahlUE>'));
    expect(incomplete).toBeInstanceOf(InputError);
    expect(incomplete.code).toBe('klibnet.incomplete-export');
    const foreign = refused(swap(fixtureText(FLUE), '<Mandant>SROL</Mandant>', '<Mandant>ZUG</Mandant>'));
    expect(foreign.code).toBe('klibnet.unknown-mandant');
    expect(foreign.message).not.toContain('ZUG');
  });
});
