import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import { excelDate, excelLocalTimestamp, parseDate } from '../mapping/dates.js';
import { decimal } from '../mapping/numbers.js';
import { invalid, type At } from '../mapping/reject.js';

/**
 * XLSX workbooks as plain data (exceljs does the zip and the XML). Cells keep what the
 * file holds: text (shared, inline, rich-text runs joined), numbers, booleans; a date is
 * its raw serial in the workbook's own date system (`date1904`), never a JS Date, so the
 * caller applies the flag with `excelDate`. The same model is read and written.
 */
export type XlsxValue = string | number | boolean;

export interface XlsxCell {
  /** Text, number (date serials too) or boolean; a formula's cached result; absent when empty. */
  value?: XlsxValue;
  formula?: string;
  /** `#N/A` and the like. */
  error?: string;
  /** The number format (`dd.mm.yyyy`, `0%`): what tells a date serial from a number. */
  numFmt?: string;
  font?: { bold?: boolean; size?: number };
}

/** A drop-down or other validation over a range (`H4:H500`), `formulae` as Excel has them (`L_Status`). */
export interface XlsxValidation {
  sqref: string;
  type: string;
  formulae: string[];
  allowBlank?: boolean;
  showInputMessage?: boolean;
  showErrorMessage?: boolean;
}

export interface XlsxSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Row number → column number → cell, both 1-based. */
  rows: Map<number, Map<number, XlsxCell>>;
  merges: string[];
  validations: XlsxValidation[];
  /** Frozen panes: rows above and columns left of the split. */
  frozen?: { rows: number; columns: number };
  widths: Map<number, number>;
}

export interface XlsxBook {
  date1904: boolean;
  created?: Date;
  modified?: Date;
  creator?: string;
  title?: string;
  sheets: XlsxSheet[];
  /** Defined names (`L_Status` → `Listen!$E$2:$E$10`). */
  names: { name: string; ranges: string[] }[];
}

export function newSheet(name: string, state: XlsxSheet['state'] = 'visible'): XlsxSheet {
  return { name, state, rows: new Map(), merges: [], validations: [], widths: new Map() };
}

export function sheetNamed(book: XlsxBook, name: string): XlsxSheet | undefined {
  return book.sheets.find((s) => s.name === name);
}

export function cellAt(sheet: XlsxSheet, row: number, column: number): XlsxCell | undefined {
  return sheet.rows.get(row)?.get(column);
}

export function setCell(sheet: XlsxSheet, row: number, column: number, cell: XlsxCell | undefined): void {
  let cells = sheet.rows.get(row);
  if (!cells) sheet.rows.set(row, (cells = new Map()));
  if (cell === undefined) cells.delete(column);
  else cells.set(column, cell);
}

/** 1 → `A`, 27 → `AA`. */
export function columnLetter(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

// ---- Reading and writing, synchronously -------------------------------------------------

/** Reads a workbook; one that is no readable XLSX is an InputError naming the file only. */
export function readXlsx(bytes: Uint8Array, file: string): XlsxBook {
  const reply = call({ op: 'read', bytes });
  if (!reply.ok) throw new InputError('xlsx.unreadable', `${file}: is not a readable XLSX workbook`, { field: 'file', file }, 422);
  return fromExcelModel(reply.result as ExcelBookModel);
}

/** Writes a workbook; the same book gives the same bytes (zip entry dates are the book's `modified`). */
export function writeXlsx(book: XlsxBook): Uint8Array {
  const reply = call({ op: 'write', book });
  if (!reply.ok) throw new Error(`xlsx: the workbook could not be written (${reply.message})`);
  return reply.result as Uint8Array;
}

// exceljs only reads and writes asynchronously, while the mapper port is synchronous: a
// worker thread runs exceljs and this thread blocks on a shared counter until it answers.
interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  message?: string;
}

interface Bridge {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  next: number;
}

const TIMEOUT_MS = 120_000;
let bridge: Bridge | undefined;

function start(): Bridge {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const exceljs = createRequire(import.meta.url).resolve('exceljs');
  const worker = new Worker(EXCEL_WORKER, { eval: true, workerData: { exceljs, port: port2, signal }, transferList: [port2] });
  // Neither may keep the process alive: the thread only ever waits for the next request.
  worker.unref();
  port1.unref();
  return { worker, port: port1, signal, next: 1 };
}

function call(request: { op: 'read'; bytes: Uint8Array } | { op: 'write'; book: XlsxBook }): Reply {
  bridge ??= start();
  const b = bridge;
  const id = b.next++;
  b.port.postMessage({ id, ...request });
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const seen = Atomics.load(b.signal, 0);
    const received = receiveMessageOnPort(b.port);
    if (received) {
      const reply = received.message as Reply;
      if (reply.id === id) return reply;
      continue; // the late answer of a request that timed out
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      void b.worker.terminate();
      bridge = undefined;
      throw new Error('xlsx: the workbook worker did not answer in time');
    }
    Atomics.wait(b.signal, 0, seen, left);
  }
}

// ---- exceljs' model → plain data ---------------------------------------------------------

interface ExcelCellModel {
  address: string;
  type: number;
  value?: unknown;
  formula?: string;
  sharedFormula?: string;
  result?: unknown;
  text?: unknown;
  style?: { numFmt?: string; font?: { bold?: boolean; size?: number } };
}

interface ExcelSheetModel {
  name: string;
  state?: string;
  rows?: { number: number; cells?: ExcelCellModel[] }[];
  merges?: string[];
  dataValidations?: Record<string, (Omit<XlsxValidation, 'sqref'> & { formulae?: unknown[] }) | undefined>;
  views?: { state?: string; xSplit?: number; ySplit?: number }[];
  cols?: { min: number; max: number; width?: number }[];
}

interface ExcelBookModel {
  date1904: boolean;
  created?: Date;
  modified?: Date;
  creator?: string;
  title?: string;
  names?: { name: string; ranges: string[] }[];
  sheets: ExcelSheetModel[];
}

const MERGE = 1;
const DAY_MS = 86_400_000;

function fromExcelModel(model: ExcelBookModel): XlsxBook {
  const date1904 = model.date1904;
  const sheets = model.sheets.map((s): XlsxSheet => {
    const sheet = newSheet(s.name, s.state === 'hidden' || s.state === 'veryHidden' ? s.state : 'visible');
    for (const row of s.rows ?? []) {
      for (const c of row.cells ?? []) {
        if (c.type === MERGE) continue; // a merged area's other cells show the first one's value
        const cell = cellOf(c, date1904);
        if (cell) setCell(sheet, row.number, columnOf(c.address), cell);
      }
    }
    sheet.merges = [...(s.merges ?? [])];
    sheet.validations = validationRanges(s.dataValidations ?? {});
    const view = s.views?.[0];
    if (view?.state === 'frozen') sheet.frozen = { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 };
    for (const col of s.cols ?? []) for (let c = col.min; c <= col.max; c++) if (col.width !== undefined) sheet.widths.set(c, col.width);
    return sheet;
  });
  return { date1904, created: model.created, modified: model.modified, creator: model.creator, title: model.title, sheets, names: model.names ?? [] };
}

function cellOf(c: ExcelCellModel, date1904: boolean): XlsxCell | undefined {
  const formula = c.formula ?? c.sharedFormula;
  const raw = plain(formula !== undefined ? c.result : c.value, date1904);
  const cell: XlsxCell = {};
  if (raw !== undefined && typeof raw === 'object') cell.error = raw.error;
  else if (raw !== undefined) cell.value = raw;
  if (formula !== undefined) cell.formula = formula;
  if (c.style?.numFmt) cell.numFmt = c.style.numFmt;
  const font = c.style?.font;
  // Only what sets a cell apart from the default (Calibri 11) is kept.
  const size = font?.size !== undefined && font.size !== 11 ? font.size : undefined;
  if (font?.bold || size !== undefined) cell.font = { ...(font?.bold ? { bold: true } : {}), ...(size !== undefined ? { size } : {}) };
  return cell.value === undefined && cell.formula === undefined && cell.error === undefined ? undefined : cell;
}

/** A value as exceljs gives it → text, number or boolean; exceljs' Dates back to the file's serial. */
function plain(value: unknown, date1904: boolean): XlsxValue | { error: string } | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // exceljs converts with the workbook's flag; undoing it with the same flag gives the raw serial.
  if (value instanceof Date) return Math.round((value.getTime() / DAY_MS + 25569 - (date1904 ? 1462 : 0)) * DAY_MS) / DAY_MS;
  const v = value as { richText?: { text?: string }[]; text?: unknown; error?: string };
  if (Array.isArray(v.richText)) return v.richText.map((run) => run.text ?? '').join('');
  if (v.text !== undefined) return plain(v.text, date1904); // a hyperlink's text
  if (typeof v.error === 'string') return { error: v.error };
  return undefined;
}

function columnOf(address: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(address)?.[0] ?? '') n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** exceljs spreads a validation over every cell: back to one range per column run. */
function validationRanges(byCell: NonNullable<ExcelSheetModel['dataValidations']>): XlsxValidation[] {
  const groups = new Map<string, { rule: Omit<XlsxValidation, 'sqref'>; cells: [number, number][] }>();
  for (const [address, v] of Object.entries(byCell)) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!v || !m) continue;
    const rule = { type: v.type, formulae: (v.formulae ?? []).map(String), allowBlank: v.allowBlank, showInputMessage: v.showInputMessage, showErrorMessage: v.showErrorMessage };
    const key = JSON.stringify(rule);
    const group = groups.get(key) ?? { rule, cells: [] };
    group.cells.push([columnOf(m[1]!), Number(m[2])]);
    groups.set(key, group);
  }
  const out: XlsxValidation[] = [];
  for (const { rule, cells } of groups.values()) {
    cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let start = cells[0];
    for (let i = 1; i <= cells.length; i++) {
      const [prev, cur] = [cells[i - 1]!, cells[i]];
      if (cur && start && cur[0] === prev[0] && cur[1] === prev[1] + 1) continue;
      if (start) out.push({ sqref: range(start, prev), ...compactRule(rule) });
      start = cur;
    }
  }
  return out.sort((a, b) => columnOf(a.sqref) - columnOf(b.sqref) || a.sqref.localeCompare(b.sqref));
}

const range = (a: [number, number], b: [number, number]): string =>
  a[1] === b[1] ? `${columnLetter(a[0])}${a[1]}` : `${columnLetter(a[0])}${a[1]}:${columnLetter(b[0])}${b[1]}`;

function compactRule(rule: Omit<XlsxValidation, 'sqref'>): Omit<XlsxValidation, 'sqref'> {
  return Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as Omit<XlsxValidation, 'sqref'>;
}

// ---- Cell values as contract values --------------------------------------------------------

/** Text of a cell as people read it: text trimmed (CRLF → LF), whole numbers without `.0` or exponent. */
export function cellText(cell: XlsxCell | undefined): string | undefined {
  const v = cell?.value;
  if (v === undefined) return undefined;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const t = v.replace(/\r\n?/g, '\n').trim();
  return t === '' ? undefined : t;
}

/** An id typed as number or text (`540213`, `'540213'`): a number must be whole. */
export function cellId(cell: XlsxCell | undefined, where: At): string | undefined {
  const v = cell?.value;
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw invalid('mapping.invalid-id', where, 'is not a whole number');
  return cellText(cell);
}

/** A date: a serial in the book's date system, or typed text `d.m.yyyy` / `yyyy-mm-dd`. */
export function cellDate(cell: XlsxCell | undefined, date1904: boolean, where: At): string | undefined {
  const v = cell?.value;
  if (typeof v === 'number') return excelDate(v, date1904, where);
  if (typeof v === 'boolean') throw invalid('mapping.invalid-date', where, 'is not a date');
  return parseDate(cellText(cell), where);
}

/** A date-time serial (local time, rounded to the minute); anything but a number rejects. */
export function cellTimestamp(cell: XlsxCell | undefined, date1904: boolean, where: At): string | undefined {
  const v = cell?.value;
  if (v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
  if (typeof v !== 'number') throw invalid('mapping.invalid-date', where, 'is not a date-time serial number');
  return excelLocalTimestamp(v, date1904, where);
}

/** A number cell, or text holding a number (`2,5`). */
export function cellNumber(cell: XlsxCell | undefined, where: At): number | undefined {
  const v = cell?.value;
  if (typeof v === 'boolean') throw invalid('mapping.invalid-number', where, 'is not a number');
  return decimal(typeof v === 'number' ? v : cellText(cell), where);
}

// ---- Tables: a header row, then one record per row -------------------------------------------

/** One data row of a sheet, its cells found by header text (column order varies by tool version). */
export class XlsxRow {
  constructor(
    readonly sheet: string,
    /** 1-based row number, for messages. */
    readonly row: number,
    private readonly columns: ReadonlyMap<string, number>,
    private readonly cells: ReadonlyMap<number, XlsxCell>,
  ) {}

  cell(header: string): XlsxCell | undefined {
    const column = this.columns.get(header);
    return column === undefined ? undefined : this.cells.get(column);
  }

  text(header: string): string | undefined {
    return cellText(this.cell(header));
  }

  /** The cell in a column by number, whatever its header (a `Total` in column A). */
  cellIn(column: number): XlsxCell | undefined {
    return this.cells.get(column);
  }

  /** `Sheet!Header`, the native field of rejections. */
  field(header: string): string {
    return `${this.sheet}!${header}`;
  }
}

export interface XlsxTable {
  /** Header text → column number (the first column of a header that appears twice). */
  columns: ReadonlyMap<string, number>;
  rows: XlsxRow[];
}

/** The rows below `headerRow` that hold a value; rows `skip` picks (a `Total` row) are left out. */
export function readTable(sheet: XlsxSheet, headerRow: number, skip?: (row: XlsxRow) => boolean): XlsxTable {
  const columns = new Map<string, number>();
  for (const [column, cell] of [...(sheet.rows.get(headerRow) ?? new Map<number, XlsxCell>())].sort((a, b) => a[0] - b[0])) {
    const header = cellText(cell)?.replace(/\s+/g, ' ');
    if (header !== undefined && !columns.has(header)) columns.set(header, column);
  }
  const rows: XlsxRow[] = [];
  for (const number of [...sheet.rows.keys()].filter((r) => r > headerRow).sort((a, b) => a - b)) {
    const cells = sheet.rows.get(number)!;
    if (![...cells.values()].some((c) => cellText(c) !== undefined)) continue;
    const row = new XlsxRow(sheet.name, number, columns, cells);
    if (!skip?.(row)) rows.push(row);
  }
  return { columns, rows };
}

// ---- The worker: exceljs, asynchronous, behind the synchronous calls above -------------------

// Plain JavaScript, evaluated in the worker thread (it cannot load this TypeScript module).
// Reading posts exceljs' own model; writing builds the workbook with exceljs' API, then
// re-stamps the zip entries with the book's date so the same book gives the same bytes.
const EXCEL_WORKER = String.raw`
const { workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const { port, signal, exceljs } = workerData;
const ExcelJS = require(exceljs);
const JSZip = createRequire(exceljs)('jszip');

async function read(bytes) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return {
    date1904: Boolean(wb.properties && wb.properties.date1904),
    created: wb.created, modified: wb.modified, creator: wb.creator, title: wb.title,
    names: wb.definedNames.model,
    sheets: wb.worksheets.map((ws) => {
      const m = ws.model;
      return { name: m.name, state: m.state, rows: m.rows, merges: m.merges, dataValidations: m.dataValidations, views: m.views, cols: m.cols };
    }),
  };
}

async function write(book) {
  const wb = new ExcelJS.Workbook();
  const stamp = book.modified || book.created || new Date(Date.UTC(1980, 0, 1));
  wb.properties.date1904 = Boolean(book.date1904);
  wb.created = book.created || stamp;
  wb.modified = stamp;
  wb.creator = book.creator || '';
  wb.lastModifiedBy = book.creator || '';
  if (book.title) wb.title = book.title;
  wb.calcProperties.fullCalcOnLoad = true;
  for (const s of book.sheets) {
    const views = s.frozen ? [{ state: 'frozen', xSplit: s.frozen.columns, ySplit: s.frozen.rows }] : [];
    const ws = wb.addWorksheet(s.name, { state: s.state, views });
    for (const [column, width] of s.widths) ws.getColumn(column).width = width;
    for (const [r, cells] of s.rows) {
      for (const [c, cell] of cells) {
        const target = ws.getCell(r, c);
        if (cell.formula !== undefined) target.value = { formula: cell.formula, result: cell.value };
        else if (cell.error !== undefined) target.value = { error: cell.error };
        else target.value = cell.value === undefined ? null : cell.value;
        if (cell.numFmt) target.numFmt = cell.numFmt;
        if (cell.font) target.font = { name: 'Calibri', family: 2, size: 11, ...cell.font };
      }
    }
    for (const m of s.merges) ws.mergeCells(m);
    for (const v of s.validations) {
      const { sqref, ...rule } = v;
      ws.dataValidations.add(sqref, rule);
    }
  }
  for (const n of book.names) for (const r of n.ranges) wb.definedNames.add(r, n.name);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  zip.forEach((_path, entry) => { entry.date = stamp; });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

port.on('message', async (request) => {
  let reply;
  try {
    const result = request.op === 'read' ? await read(request.bytes) : await write(request.book);
    reply = { id: request.id, ok: true, result };
  } catch (error) {
    // exceljs' messages may quote cell content: only the kind of failure leaves the thread.
    reply = { id: request.id, ok: false, message: error && error.name ? String(error.name) : 'Error' };
  }
  port.postMessage(reply);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;
