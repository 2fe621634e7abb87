import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/adapters/sdk.js';
import { eventsOf } from './events.js';
import { streamExport, type StreamItem } from './stream.js';
import { toContract } from './to-contract.js';
import { SAMPLES, bytesOf, ctx, edit, fixture, latin1, richAndPlain } from './test-support.js';
import { chunksOf } from '../../src/adapters/testing.js';

async function collect(bytes: Uint8Array, size: number, file = 'TUT_AIS_SH-KSA_20260401_061500.xml'): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  for await (const item of streamExport(chunksOf(bytes, size), file, ctx)) items.push(item);
  return items;
}

const records = (items: StreamItem[]) => items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
const events = (items: StreamItem[]) => items.flatMap((i) => (i.kind === 'event' ? [i.event] : []));
const rejections = (items: StreamItem[]) => items.flatMap((i) => (i.kind === 'rejection' ? [i.rejection] : []));

describe('streamExport: whole-canton exports one Klient at a time', () => {
  describe.each(SAMPLES)('sample %s', (name) => {
    it.each([1, 3, 7, 64])('gives toContract\'s records and eventsOf\'s events in chunks of %i bytes', async (size) => {
      const content = bytesOf(name);
      const items = await collect(content, size, name);
      expect(records(items)).toEqual(toContract([{ name, content }], ctx).records);
      expect(events(items)).toEqual(eventsOf([{ name, content }], ctx).events);
      expect(rejections(items)).toEqual([]);
    });
  });

  it('gives the same rejections, and each Klient\'s events before its record', async () => {
    const doc = edit(richAndPlain(), '<Geschlecht>W</Geschlecht>', '<Geschlecht>Q</Geschlecht>');
    const items = await collect(latin1(doc), 5);
    const expected = toContract([{ name: 'x.xml', content: latin1(doc) }], ctx);
    expect(records(items)).toEqual(expected.records);
    expect(rejections(items).map((r) => [r.nativeId, r.error.code, r.error.details.field])).toEqual(expected.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.field]));
    expect(items.map((i) => (i.kind === 'record' ? `record ${i.record.source.localPersonId}` : i.kind))).toEqual(['event', 'event', 'rejection', 'event', 'record 104512']);
  });

  it('stamps the records of a Voll export with its @Erstellt, not those of a Delta', async () => {
    const voll = fixture(SAMPLES[1]!).replace('Art="Delta"', 'Art="Voll"').replace(/<Mutationen>[\s\S]*?<\/Mutationen>/, '');
    const [item] = await collect(latin1(voll), 11);
    expect(item).toMatchObject({ kind: 'record', stamp: { version: '2026-03-09T06:15:00+01:00', occurredAt: '2026-03-09T06:15:00+01:00' } });
    const delta = await collect(bytesOf(SAMPLES[0]!), 11);
    expect(delta.find((i) => i.kind === 'record')).not.toHaveProperty('stamp');
  });

  it('refuses a file of another Mandant before any Klient, naming the file', async () => {
    const other = latin1(fixture(SAMPLES[2]!).replace('Mandant="SH-KSA"', 'Mandant="TG-ASF"'));
    const seen: StreamItem[] = [];
    const error = await (async () => {
      try {
        for await (const item of streamExport(chunksOf(other, 9), 'TUT_AIS_TG-ASF_20260314_061500.xml', ctx)) seen.push(item);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain('TUT_AIS_TG-ASF_20260314_061500.xml');
    expect(seen).toEqual([]);
  });
});
