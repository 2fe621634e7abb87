import { at, InputError, invalid, localMidnightUtc, Reject, zurichTimestamp, type NativeInput, type RecordStamp } from '../../src/adapters/sdk.js';
import { cellAt, cellDate, cellText, readTable, readXlsx, sheetNamed, type XlsxBook, type XlsxRow, type XlsxSheet } from '../../src/adapters/sdk.js';
import { CHILD_HEADER_ROW, CHILD_SHEETS, PERSONEN, PERSONEN_HEADER_ROW, type ChildSheet } from './layout.js';

/** One workbook: a full snapshot of the office's cases. */
export interface Snapshot {
  file: string;
  date1904: boolean;
  /** The version stamp of every person in it, or why there is none. */
  stamp: RecordStamp | Reject;
  persons: XlsxRow[];
  /** Child rows by Pers-Nr, in sheet order. */
  children: Readonly<Record<ChildSheet, ReadonlyMap<string, XlsxRow[]>>>;
}

/** The office's exports; the transport reads these names only (lock files `~$…` and others are not exports). */
export function isExportFile(name: string): boolean {
  return /^AIS_Fallliste_SH_\d{4}-\d{2}-\d{2}\.xlsx$/.test(name);
}

export function readSnapshot(input: NativeInput): Snapshot {
  const book = readXlsx(input.content, input.name);
  const personen = sheetNamed(book, PERSONEN);
  if (!personen) throw new InputError('excel-sh.no-personen', `${input.name}: has no sheet ${PERSONEN}`, { field: 'file', file: input.name }, 422);
  const persons = readTable(personen, headerRowOf(personen, PERSONEN_HEADER_ROW), isTotal).rows;
  const children = {} as Record<ChildSheet, Map<string, XlsxRow[]>>;
  for (const name of CHILD_SHEETS) children[name] = byPerson(book, name);
  return { file: input.name, date1904: book.date1904, stamp: stampOfBook(book, personen), persons, children };
}

/** The closing `Total` row (A = `Total`, formulas below the data). */
const isTotal = (row: XlsxRow): boolean => /^total$/i.test(cellText(row.cellIn(1)) ?? '');

/** The header row: the one holding `Pers-Nr` near the top (the tool's row, unless a title row was added or removed). */
function headerRowOf(sheet: XlsxSheet, expected: number): number {
  for (let r = 1; r <= 10; r++) {
    const cells = sheet.rows.get(r);
    if (cells && [...cells.values()].some((c) => cellText(c) === 'Pers-Nr')) return r;
  }
  return expected;
}

function byPerson(book: XlsxBook, name: ChildSheet): Map<string, XlsxRow[]> {
  const out = new Map<string, XlsxRow[]>();
  const sheet = sheetNamed(book, name);
  if (!sheet) return out;
  for (const row of readTable(sheet, headerRowOf(sheet, CHILD_HEADER_ROW), isTotal).rows) {
    // A child row without a known Pers-Nr belongs to nobody in this workbook: not a person to map or reject.
    const persNr = row.text('Pers-Nr');
    if (persNr === undefined) continue;
    out.set(persNr, [...(out.get(persNr) ?? []), row]);
  }
  return out;
}

/**
 * The version of the snapshot: the `Stand:` date of row 2 (occurred at its Zurich
 * midnight); without one, the workbook's own modification (else creation) time.
 */
function stampOfBook(book: XlsxBook, personen: XlsxSheet): RecordStamp | Reject {
  const where = at('source', `${PERSONEN}!Stand:`);
  try {
    const stand = standDate(personen, book.date1904, where);
    if (stand) return { version: stand, occurredAt: zurichTimestamp(new Date(localMidnightUtc(stand))) };
  } catch (error) {
    if (error instanceof Reject) return error;
    throw error;
  }
  const own = book.modified ?? book.created;
  if (own && !Number.isNaN(own.getTime())) {
    const ts = zurichTimestamp(own);
    return { version: ts, occurredAt: ts };
  }
  return invalid('mapping.required', where, 'is empty and the workbook has no date of its own');
}

function standDate(sheet: XlsxSheet, date1904: boolean, where: ReturnType<typeof at>): string | undefined {
  for (const r of [1, 2, 3]) {
    for (const [column, cell] of [...(sheet.rows.get(r) ?? new Map())].sort((a, b) => a[0] - b[0])) {
      const text = cellText(cell);
      if (!text?.startsWith('Stand:')) continue;
      const inline = text.slice('Stand:'.length).trim();
      if (inline) return cellDate({ value: inline }, date1904, where);
      return cellDate(cellAt(sheet, r, column + 1), date1904, where);
    }
  }
  return undefined;
}
