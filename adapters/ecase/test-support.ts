// Helpers for the tests: a sample delivery as editable tables, written back as Ecase writes it.
import path from 'node:path';
import type { MapContext, NativeInput } from '../../src/adapters/sdk.js';
import { readCsv, writeCsv } from '../../src/adapters/sdk.js';
import { readSampleInputs } from '../../src/adapters/sdk.js';
import { parseFileName, TABLES, type Tabelle } from './layout.js';
import { SAMPLE_CONTEXT } from './testing.js';

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const STEM = 'ECASE_GR01_20240314_170000';
export const ctx: MapContext = { ...SAMPLE_CONTEXT, now: () => new Date('2026-03-02T07:00:00Z') };

export interface Sheet {
  header: string[];
  rows: string[][];
}
export type Sheets = Record<Tabelle, Sheet>;

export function sampleFiles(name: string): NativeInput[] {
  return readSampleInputs(FIXTURES, name);
}

export function load(name: string): Sheets {
  const out = {} as Sheets;
  for (const input of sampleFiles(name)) {
    const part = parseFileName(input.name)?.part;
    if (!part || !(TABLES as readonly string[]).includes(part)) continue;
    const csv = readCsv(input.content, { file: input.name, encoding: 'utf-8', trailingSeparator: true });
    out[part as Tabelle] = { header: csv.header, rows: csv.rows.map((r) => [...r.raw()].slice(0, csv.header.length)) };
  }
  return out;
}

/** 02-rich and 01-minimal share their stem: one delivery of two Faelle, the rich one first. */
export function twoCases(): Sheets {
  const a = load('02-rich');
  const b = load('01-minimal');
  for (const t of TABLES) a[t].rows.push(...b[t].rows);
  return a;
}

/** The row of `table` whose `column` is `value` (the first), to edit in place. */
export function row(sheets: Sheets, table: Tabelle, column: string, value: string): { set(column: string, value: string): void; cells: string[] } {
  const sheet = sheets[table];
  const i = sheet.header.indexOf(column);
  const found = sheet.rows.find((r) => r[i] === value);
  if (!found) throw new Error(`no ${table} row with ${column} ${value}`);
  return {
    cells: found,
    set(col: string, v: string) {
      const k = sheet.header.indexOf(col);
      if (k < 0) throw new Error(`no column ${table}.${col}`);
      found[k] = v;
    },
  };
}

export function files(sheets: Sheets, stem = STEM): NativeInput[] {
  return TABLES.map((t) => ({ name: `${stem}_${t}.csv`, content: writeCsv(sheets[t].header, sheets[t].rows, { encoding: 'utf-8', bom: true, trailingSeparator: true }) }));
}

/** A table's bytes as text, to edit what the table helpers cannot say (quoting, line ends). */
export function textOf(input: NativeInput): string {
  return new TextDecoder().decode(input.content);
}

export function withText(inputs: NativeInput[], table: Tabelle | 'Manifest', edit: (text: string) => string): NativeInput[] {
  return inputs.map((f) => (parseFileName(f.name)?.part === table ? { name: f.name, content: new TextEncoder().encode(edit(textOf(f))) } : f));
}
