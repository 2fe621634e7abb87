import { Readable } from 'node:stream';
import { parse as parseStream, type Options as ParseOptions } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { InputError } from '../../errors.js';
import { decodeText, encodeText, hasUtf8Bom, textDecoderFor, type TextEncodingName } from '../text/encoding.js';

/**
 * CSV as the canton tools write it (csv-parse does the parsing): a declared encoding,
 * `;` separators, an optional Excel `sep=;` first line, a trailing separator on every
 * line, quoted fields with line breaks. Values are trimmed; line breaks become `\n`.
 */
export interface CsvReadOptions {
  file: string;
  encoding: TextEncodingName;
  delimiter?: string;
  /** Every line, the header too, ends with the separator: drop that empty last column. */
  trailingSeparator?: boolean;
}

/** Where each column of a header is; built once per file, shared by its rows. */
export class CsvHeader {
  readonly index: ReadonlyMap<string, number>;
  constructor(readonly columns: readonly string[]) {
    const index = new Map<string, number>();
    columns.forEach((c, i) => {
      if (!index.has(c)) index.set(c, i);
    });
    this.index = index;
  }
}

export class CsvRow {
  constructor(
    private readonly header: CsvHeader,
    private readonly values: readonly string[],
    /** 1-based line where the record starts, for errors. */
    readonly line: number,
  ) {}

  /** The value of a column; undefined when the column does not exist or the cell is empty. */
  get(column: string): string | undefined {
    const index = this.header.index.get(column);
    return index === undefined ? undefined : this.cell(index);
  }

  /** The value of the cell at a position (trimmed, line breaks as `\n`); undefined when empty. */
  cell(index: number): string | undefined {
    const value = this.values[index];
    if (value === undefined) return undefined;
    const clean = value.replace(/\r\n?/g, '\n').trim();
    return clean === '' ? undefined : clean;
  }

  has(column: string): boolean {
    return this.header.index.has(column);
  }

  /** How many cells the line has: more or fewer than the header's columns is a misaligned row. */
  get width(): number {
    return this.values.length;
  }

  /** The header's column count, to compare with `width`. */
  get columns(): number {
    return this.header.columns.length;
  }

  /** The cells as read (for a hash of the row). */
  raw(): readonly string[] {
    return this.values;
  }
}

/**
 * The column where a row stops lining up with its header: the first missing one when it
 * has fewer cells, the last one when it has more (what follows an unquoted separator
 * lands there). Undefined when the row fits; empty surplus cells are tolerated.
 */
export function misfit(row: CsvRow, header: readonly string[]): { column: string; surplus: boolean } | undefined {
  const n = header.length;
  const last = header[n - 1];
  if (last === undefined) return undefined;
  if (row.width < n) return { column: header[row.width] ?? last, surplus: false };
  return row.raw().slice(n).some((v) => v.trim() !== '') ? { column: last, surplus: true } : undefined;
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

function options(o: CsvReadOptions): ParseOptions {
  return { delimiter: o.delimiter ?? ';', relax_column_count: true, skip_empty_lines: true, info: true, bom: false };
}

function refusal(error: unknown, o: CsvReadOptions): InputError {
  // csv-parse's messages quote the offending value: keep only where it happened.
  const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : undefined;
  return new InputError('csv.malformed', `${o.file}${line ? `:${line}` : ''}: is not well-formed CSV (an unclosed quote or a stray one)`, { field: 'file', file: o.file, ...(line ? { line } : {}) }, 422);
}

function withoutSepLine(text: string): string {
  return /^sep=.\r?\n/i.test(text) ? text.replace(/^sep=.\r?\n/i, '') : text;
}

function headerOf(values: string[], o: CsvReadOptions): string[] {
  const header = values.map((h) => h.trim());
  return o.trailingSeparator && header.at(-1) === '' ? header.slice(0, -1) : header;
}

/** A whole CSV file in memory. */
export function readCsv(bytes: Uint8Array, o: CsvReadOptions): CsvTable {
  const raw = decodeText(bytes, o.encoding, o.file);
  const text = withoutSepLine(raw);
  // Lines are counted in the file as it is, the `sep=` line included.
  const offset = text === raw ? 0 : 1;
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parseSync(text, options(o)) as unknown as typeof parsed;
  } catch (error) {
    throw refusal(error, o);
  }
  const [first, ...rest] = parsed;
  if (!first) return { header: [], rows: [] };
  const header = headerOf(first.record, o);
  const shared = new CsvHeader(header);
  // csv-parse counts the line a record ends on; the line it starts on follows the one before.
  let end = first.info.lines;
  const rows = rest.map((r) => {
    const row = new CsvRow(shared, r.record.length > header.length && o.trailingSeparator && r.record.at(-1) === '' ? r.record.slice(0, -1) : r.record, end + 1 + offset);
    end = r.info.lines;
    return row;
  });
  return { header, rows };
}

/** A CSV file streamed in constant memory: the header first, then each row. */
export async function* streamCsv(chunks: AsyncIterable<Uint8Array>, o: CsvReadOptions): AsyncGenerator<{ kind: 'header'; header: string[] } | { kind: 'row'; row: CsvRow }> {
  let sepOffset = 0;
  async function* text(): AsyncGenerator<string> {
    let decoder: ReturnType<typeof textDecoderFor> | undefined;
    // The first line is held back until it is whole: it may be Excel's `sep=` line.
    let head: string | undefined = '';
    for await (const chunk of chunks) {
      let bytes = chunk;
      if (!decoder) {
        decoder = textDecoderFor(hasUtf8Bom(bytes) ? 'utf-8' : o.encoding, o.file);
        if (hasUtf8Bom(bytes)) bytes = bytes.subarray(3);
      }
      const part = decoder.write(bytes);
      if (head === undefined) {
        if (part) yield part;
        continue;
      }
      head += part;
      if (!/\n/.test(head)) continue;
      const stripped = withoutSepLine(head);
      if (stripped !== head) sepOffset = 1;
      head = undefined;
      if (stripped) yield stripped;
    }
    const rest = (head ?? '') + (decoder?.end() ?? '');
    if (rest) yield head !== undefined ? withoutSepLine(rest) : rest;
  }
  const parser = Readable.from(text()).pipe(parseStream(options(o)));
  let header: string[] | undefined;
  let shared: CsvHeader | undefined;
  let end = 0;
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = headerOf(r.record, o);
        shared = new CsvHeader(header);
        yield { kind: 'header', header };
      } else {
        const values = r.record.length > header.length && o.trailingSeparator && r.record.at(-1) === '' ? r.record.slice(0, -1) : r.record;
        yield { kind: 'row', row: new CsvRow(shared!, values, end + 1 + sepOffset) };
      }
      end = r.info.lines;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw refusal(error, o);
  }
}

export interface CsvWriteOptions {
  encoding: TextEncodingName;
  delimiter?: string;
  bom?: boolean;
  trailingSeparator?: boolean;
  /** Excel's `sep=;` first line (CM-T). */
  sepLine?: boolean;
  /** CRLF unless said otherwise. */
  eol?: string;
}

/** Rows to CSV bytes; a field is quoted only when it holds the separator, a quote or a line break. */
export function writeCsv(header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[], o: CsvWriteOptions): Uint8Array {
  const delimiter = o.delimiter ?? ';';
  const eol = o.eol ?? '\r\n';
  const lines = [header, ...rows].map((r) => (o.trailingSeparator ? [...r.map((v) => (v === undefined ? '' : String(v))), ''] : r.map((v) => (v === undefined ? '' : String(v)))));
  const body = stringify(lines, { delimiter, record_delimiter: eol, quoted_match: /[\r\n"]/ });
  const text = `${o.sepLine ? `sep=${delimiter}${eol}` : ''}${body}`;
  const bytes = encodeText(text, o.encoding, { unmappable: 'transliterate' });
  if (!o.bom || o.encoding !== 'utf-8') return bytes;
  const out = new Uint8Array(bytes.byteLength + 3);
  out.set([0xef, 0xbb, 0xbf], 0);
  out.set(bytes, 3);
  return out;
}
