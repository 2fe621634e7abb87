// Helpers for the tests: a sample export as an editable table, written back as CM-T writes it.
import path from 'node:path';
import type { MapContext, NativeInput } from '../../src/adapters/sdk.js';
import { readCsv, writeCsv } from '../../src/adapters/sdk.js';
import { readSampleInputs } from '../../src/adapters/sdk.js';
import { SAMPLE_CONTEXT } from './testing.js';

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const ctx: MapContext = { ...SAMPLE_CONTEXT, now: () => new Date('2026-03-02T07:00:00Z') };

export interface Sheet {
  header: string[];
  rows: string[][];
}

export const sampleFile = (name: string): NativeInput => readSampleInputs(FIXTURES, name)[0]!;

export function load(...names: string[]): Sheet {
  const sheet: Sheet = { header: [], rows: [] };
  for (const name of names) {
    const input = sampleFile(name);
    const csv = readCsv(input.content, { file: input.name, encoding: 'windows-1252' });
    sheet.header = csv.header;
    sheet.rows.push(...csv.rows.map((r) => [...r.raw()]));
  }
  return sheet;
}

/** The row whose Personen-ID is `id`, to edit by column. */
export function person(sheet: Sheet, id: string): { set(column: string, value: string): void; get(column: string): string } {
  const found = sheet.rows.find((r) => r[0] === id);
  if (!found) throw new Error(`no row ${id}`);
  const at = (column: string): number => {
    const k = sheet.header.indexOf(column);
    if (k < 0) throw new Error(`no column ${column}`);
    return k;
  };
  return { set: (column, value) => void (found[at(column)] = value), get: (column) => found[at(column)]! };
}

export function file(sheet: Sheet, name = 'CMT_Export_20260301.csv'): NativeInput {
  return { name, content: writeCsv(sheet.header, sheet.rows, { encoding: 'windows-1252', sepLine: true }) };
}
