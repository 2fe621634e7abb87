import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidAhv13 } from '../../src/adapters/sdk.js';
import { eventsOf } from './events.js';
import { generateExport } from './generate.js';
import { streamExport } from './stream.js';
import { toContract } from './to-contract.js';
import { ctx } from './test-support.js';
import { expectText } from '../../src/adapters/testing.js';

async function bytes(options: Parameters<typeof generateExport>[0]): Promise<{ content: Uint8Array; chunks: number[] }> {
  const parts: Uint8Array[] = [];
  for await (const chunk of generateExport(options)) parts.push(chunk);
  return { content: new Uint8Array(Buffer.concat(parts)), chunks: parts.map((p) => p.byteLength) };
}

describe('generateExport: a Voll export for benchmarks', () => {
  it('gives 200 persons that map with zero rejections, and no events', async () => {
    const { content } = await bytes({ persons: 200, mandant: 'SH-KSA', seed: 42 });
    const name = 'TUT_AIS_SH-KSA_20260315_000500.xml';
    const result = toContract([{ name, content }], ctx);
    expect(result.rejections.map((r) => `${r.nativeId} ${r.error.code} ${String(r.error.details.field)}`)).toEqual([]);
    expect(result.records).toHaveLength(200);
    expect(new Set(result.records.map((r) => r.recordId)).size).toBe(200);
    expect(new Set(result.records.map((r) => r.source.localCaseId)).size).toBe(200);
    expect(eventsOf([{ name, content }], ctx)).toEqual({ events: [], rejections: [] });
    const vns = result.records.flatMap((r) => (r.person.vn ? [r.person.vn] : []));
    expect(vns.length).toBeGreaterThan(100);
    expect(vns.every(isValidAhv13)).toBe(true);
  });

  it('is plausible: Tutoris quirks, several origins, phases and statuses, plans and journals', async () => {
    const { content } = await bytes({ persons: 200, mandant: 'SH-KSA', seed: 42 });
    const xml = Buffer.from(content).toString('latin1');
    expect(xml.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>\n<TutorisExport Version="7.4" Mandant="SH-KSA" Art="Voll" Erstellt="15.03.2026 00:05:00">')).toBe(true);
    expectText(xml, { holds: [/&#\d+;/, /<Geburtsdatum>00\.00\.\d{4}<\/Geburtsdatum>/, /<Einreise>\d\.\d{1,2}\.\d{4}<\/Einreise>|<Einreise>\d{1,2}\.\d\.\d{4}<\/Einreise>/, '<![CDATA['] });
    const records = toContract([{ name: 'g.xml', content }], ctx).records;
    const distinct = <T>(f: (r: (typeof records)[number]) => T) => new Set(records.map(f)).size;
    expect(distinct((r) => r.person.nationality)).toBeGreaterThanOrEqual(5);
    expect(distinct((r) => r.responsibility.phase)).toBeGreaterThanOrEqual(3);
    expect(distinct((r) => r.residence.statusHistory.at(-1)!.status)).toBeGreaterThanOrEqual(5);
    expect(records.filter((r) => r.integrationPlan).length).toBeGreaterThan(40);
    expect(records.filter((r) => r.journal).length).toBeGreaterThan(80);
    expect(records.every((r) => r.residence.statusHistory.every((s, i, all) => i === 0 || s.from > all[i - 1]!.from))).toBe(true);
    expect(records.every((r) => (r.journal ?? []).every((j) => j.at < '2026-03-15'))).toBe(true);
  });

  it('is deterministic from its seed and streams in bounded chunks', async () => {
    const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const a = await bytes({ persons: 300, mandant: 'SH-KSA', seed: 7 });
    const b = await bytes({ persons: 300, mandant: 'SH-KSA', seed: 7 });
    const c = await bytes({ persons: 300, mandant: 'SH-KSA', seed: 8 });
    expect(digest(a.content)).toBe(digest(b.content));
    expect(digest(a.content)).not.toBe(digest(c.content));
    expect(a.chunks.length).toBeGreaterThan(5);
    expect(Math.max(...a.chunks)).toBeLessThan(80 * 1024);
  });

  it('feeds streamExport directly, for the Mandant asked', async () => {
    let records = 0;
    for await (const item of streamExport(generateExport({ persons: 250, mandant: 'SH-KSA', seed: 3 }), 'g.xml', ctx)) {
      expect(item.kind).toBe('record');
      records += 1;
    }
    expect(records).toBe(250);
    const { content } = await bytes({ persons: 1, mandant: 'TG-ASF', seed: 3 });
    expect(Buffer.from(content).toString('latin1')).toContain('Mandant="TG-ASF"');
  });
});
