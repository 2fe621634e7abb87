import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MapResult, NativeInput } from '../../src/adapters/sdk.js';
import { cellAt, cellText, readXlsx, setCell, sheetNamed, writeXlsx, type XlsxBook, type XlsxCell, type XlsxSheet } from '../../src/adapters/sdk.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';

// Tests build their workbooks by editing a fixture in memory, cell by header.

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2026-01-15T10:00:00Z') };

const books = new Map<string, XlsxBook>();

/** A fixture's workbook, a fresh copy each time (tests edit it). */
export function fixture(name: string): XlsxBook {
  let book = books.get(name);
  if (!book) books.set(name, (book = readXlsx(bytesOf(name), `${name}.xlsx`)));
  return structuredClone(book);
}

export function bytesOf(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, `${name}.xlsx`)));
}

export function sheet(book: XlsxBook, name: string): XlsxSheet {
  const found = sheetNamed(book, name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

export const headerRowOf = (name: string): number => (name === 'Personen' ? 3 : 1);

export function columnOf(s: XlsxSheet, header: string): number {
  for (const [column, cell] of s.rows.get(headerRowOf(s.name)) ?? []) if (cellText(cell) === header) return column;
  throw new Error(`no column ${header} in ${s.name}`);
}

/** Sets the cell of `header` in data row `index` (0-based) of a sheet; `undefined` empties it. */
export function set(book: XlsxBook, name: string, index: number, header: string, value: XlsxCell['value'] | XlsxCell | undefined): void {
  const s = sheet(book, name);
  const cell = value === undefined || typeof value !== 'object' ? (value === undefined ? undefined : { value }) : value;
  setCell(s, headerRowOf(name) + 1 + index, columnOf(s, header), cell);
}

export function get(book: XlsxBook, name: string, index: number, header: string): XlsxCell | undefined {
  const s = sheet(book, name);
  return cellAt(s, headerRowOf(name) + 1 + index, columnOf(s, header));
}

/** rich.xlsx with minimal.xlsx's person as a second Personen row (row 5, above the Total row). */
export function richAndMinimal(): XlsxBook {
  const book = fixture('rich');
  const other = sheet(fixture('minimal'), 'Personen');
  const target = sheet(book, 'Personen');
  for (const [column, cell] of other.rows.get(4) ?? []) setCell(target, 5, columnOf(target, cellText(cellAt(other, 3, column))!), cell);
  return book;
}

export function input(book: XlsxBook, name = 'AIS_Fallliste_SH_2024-03-15.xlsx'): NativeInput {
  return { name, content: writeXlsx(book) };
}

export function map(...books: XlsxBook[]): MapResult {
  return toContract(
    books.map((b) => input(b)),
    ctx,
  );
}
