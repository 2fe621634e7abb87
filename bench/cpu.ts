/**
 * CPU per record, in this process: each adapter's mapping of its rich sample against a
 * bare parse of the same bytes with the parser the SDK reads them with (JSON.parse, saxes,
 * csv-parse, exceljs), and
 * `decide()` on the rich NFAM record with the shipped policies.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import { listSamples, readSampleInputs } from '../src/adapters/samples.js';
import type { Adapter, NativeInput } from '../src/adapters/sdk.js';
import { loadPolicyBundle } from '../src/policy/bundle.js';
import { decide } from '../src/policy/engine.js';
import { report, round, type Figure } from './support.js';

const REPO = path.resolve(import.meta.dirname, '..');
const MS = Number(process.env.BENCH_CPU_MS ?? 1500);

/** NFAM and every adapter that maps files. */
export const MAPPED = ['nfam', 'tutoris', 'cm-t', 'excel-sh', 'ecase', 'klibnet', 'kiss', 'sedex'] as const;

async function adapterOf(id: string): Promise<Adapter> {
  return ((await import(path.join(REPO, 'adapters', id, 'index.ts'))) as { adapter: Adapter }).adapter;
}

/** The largest sample's files (the rich one), in the order the mapper reads them. */
async function richInputs(id: string): Promise<NativeInput[]> {
  if (id === 'sedex') {
    // A message is its envelope, then its data file.
    const support = (await import(path.join(REPO, 'adapters/sedex/test-support.ts'))) as { inputs: (s: unknown) => NativeInput[]; sample: (n: string) => unknown; RICH: string };
    return support.inputs(support.sample(support.RICH));
  }
  const dir = path.join(REPO, 'adapters', id, 'fixtures');
  const size = (inputs: NativeInput[]): number => inputs.reduce((n, i) => n + i.content.byteLength, 0);
  return listSamples(dir)
    .map((name) => readSampleInputs(dir, name))
    .reduce((a, b) => (size(b) > size(a) ? b : a));
}

/** The institution the adapter's samples were written for (its `testing.ts`). */
async function sampleOf(id: string): Promise<{ institutionId: string; canton: string; settings: Readonly<Record<string, unknown>> }> {
  return ((await import(path.join(REPO, 'adapters', id, 'testing.ts'))) as { SAMPLE_CONTEXT: { institutionId: string; canton: string; settings: Readonly<Record<string, unknown>> } }).SAMPLE_CONTEXT;
}

/** What any reader of these bytes must do at the least: parse them, nothing more. */
async function bareParse(inputs: readonly NativeInput[]): Promise<void> {
  for (const input of inputs) {
    const name = input.name.toLowerCase();
    if (name.endsWith('.json')) JSON.parse(Buffer.from(input.content).toString('utf8'));
    else if (name.endsWith('.xml')) new SaxesParser({ xmlns: true }).write(Buffer.from(input.content).toString('utf8')).close();
    else if (name.endsWith('.csv')) parseCsv(Buffer.from(input.content), { delimiter: [';', ','], relax_column_count: true, bom: true });
    else if (name.endsWith('.xlsx')) await new ExcelJS.Workbook().xlsx.load(Buffer.from(input.content) as unknown as ArrayBuffer);
    else throw new Error(`no bare parser for ${input.name}`);
  }
}

async function timed(fn: () => unknown | Promise<unknown>): Promise<number> {
  // Warmed up first: the figure is of compiled code, as a running gateway has it.
  for (let i = 0; i < 20; i += 1) await fn();
  let runs = 0;
  const started = performance.now();
  while (runs < 5 || performance.now() - started < MS) {
    await fn();
    runs += 1;
  }
  return (performance.now() - started) / runs;
}

export async function mappingFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const id of MAPPED) {
    const adapter = await adapterOf(id);
    const inputs = await richInputs(id);
    const ctx = { ...(await sampleOf(id)), now: () => new Date('2026-03-02T09:00:00Z') };
    const bytes = inputs.reduce((n, i) => n + i.content.byteLength, 0);
    const records = adapter.mapper.toContract(inputs, ctx).records.length;
    if (records === 0) throw new Error(`${id}: the rich sample maps to no record`);
    const mapMs = await timed(() => adapter.mapper.toContract(inputs, ctx));
    const parseMs = await timed(() => bareParse(inputs));
    const mbs = (ms: number): number => round(bytes / 1e6 / (ms / 1000), 2);
    figures.push(report({ figure: `mapping.${id}`, value: mbs(mapMs), unit: 'MB/s', baseline: { what: 'bare parse of the same bytes', value: mbs(parseMs) }, ratio: round(parseMs / mapMs, 3), bytes, records }));
  }
  return figures;
}

export async function decisionFigure(): Promise<Figure> {
  const bundle = await loadPolicyBundle(path.join(REPO, 'policies'));
  const nfam = await adapterOf('nfam');
  const [record] = nfam.mapper.toContract(readSampleInputs(path.join(REPO, 'adapters/nfam/fixtures'), 'rich'), { ...(await sampleOf('nfam')), now: () => new Date() }).records;
  const recipient = bundle.institution('be-koeniz');
  if (!record || !recipient) throw new Error('the rich NFAM record or be-koeniz is missing');
  const at = new Date('2026-03-02T09:00:00Z');
  const ms = await timed(() => decide({ record, recipient, purpose: 'case-transfer', at, bundle }));
  return report({ figure: 'decide', value: round(1000 / ms), unit: 'decisions/s', microsecondsEach: round(ms * 1000, 1) });
}
