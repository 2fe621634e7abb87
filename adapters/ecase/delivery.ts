import type { MapContext, NativeInput } from '../../src/adapters/sdk.js';
import { InputError, integer, readCsv, textSetting } from '../../src/adapters/sdk.js';
import type { CsvRow as Cells } from '../../src/adapters/sdk.js';
import { COLUMNS, isTable, MANIFEST, parseFileName, TABLES, type Tabelle } from './layout.js';

export interface Table {
  file: string;
  header: readonly string[];
  rows: readonly Cells[];
}

export interface Delivery {
  stem: string;
  mandant: string;
  tables: Readonly<Record<Tabelle, Table>>;
}

const READ = { encoding: 'utf-8', trailingSeparator: true } as const;

function readTable(input: NativeInput, table: Tabelle): Table {
  const csv = readCsv(input.content, { file: input.name, ...READ });
  for (const column of COLUMNS[table]) {
    if (!csv.header.includes(column)) {
      throw new InputError('ecase.column-missing', `${input.name}: has no column ${table}.${column}`, { field: 'file', file: input.name, nativeField: `${table}.${column}` }, 422);
    }
  }
  return { file: input.name, header: csv.header, rows: csv.rows.map((row) => row) };
}

/** The Mandant an institution's settings declare (`settings.mandant`). */
export function mandantSetting(settings: Readonly<Record<string, unknown>>): string | undefined {
  return settings.mandant === undefined ? undefined : textSetting(settings, 'mandant', 'must be the Ecase Mandant (e.g. GR01)');
}

/**
 * The files of one delivery, by table. A file that is no table of it, a second delivery's
 * file, another Mandant than the settings', a missing table or column refuse the whole
 * input: none of these is a defect of one case. The manifest is `deliveryStatus`'s.
 */
export function readDelivery(inputs: readonly NativeInput[], ctx: MapContext): Delivery {
  const found = new Map<Tabelle, Table>();
  let stem: string | undefined;
  let mandant = '';
  for (const input of inputs) {
    const name = parseFileName(input.name);
    if (!name || (name.part !== MANIFEST && !isTable(name.part))) {
      throw new InputError('ecase.unknown-file', `${input.name} is no table of an Ecase delivery`, { field: 'file', file: input.name }, 422);
    }
    if (stem !== undefined && name.stem !== stem) {
      throw new InputError('ecase.mixed-delivery', `${input.name} belongs to another delivery than ${stem}`, { field: 'file', file: input.name }, 422);
    }
    stem = name.stem;
    mandant = name.mandant;
    if (isTable(name.part)) found.set(name.part, readTable(input, name.part));
  }
  if (stem === undefined) throw new InputError('ecase.empty-delivery', 'the delivery holds no files', { field: 'file' }, 422);
  const expected = mandantSetting(ctx.settings);
  if (expected !== undefined && expected !== mandant) {
    throw new InputError('ecase.other-mandant', `${stem}: Mandant ${mandant} is not this institution's (${expected})`, { field: 'file', file: stem }, 422);
  }
  const tables = {} as Record<Tabelle, Table>;
  for (const table of TABLES) {
    const t = found.get(table);
    if (!t) throw new InputError('ecase.table-missing', `${stem}: the delivery has no ${table} file`, { field: 'file', file: `${stem}_${table}.csv` }, 422);
    tables[table] = t;
  }
  return { stem, mandant, tables };
}

export type DeliveryStatus = { complete: true } | { complete: false; reason: string };

/**
 * Whether a delivery folder may be read (FORMAT.md "Transport"): the manifest is there and
 * each file it lists is there with as many records as it says (a quoted line break is
 * within one record). Pure: the drop-folder machinery calls it on each look and, when a
 * delivery stays incomplete for 30 minutes, reports the reason (names and counts only).
 */
export function deliveryStatus(files: readonly { name: string; content: Uint8Array }[]): DeliveryStatus {
  const manifests = files.filter((f) => parseFileName(f.name)?.part === MANIFEST);
  if (manifests.length === 0) return { complete: false, reason: 'no manifest yet' };
  if (manifests.length > 1) return { complete: false, reason: 'more than one manifest: one delivery per folder' };
  const manifest = manifests[0]!;
  let entries: { file: string; count: number }[];
  try {
    const csv = readCsv(manifest.content, { file: manifest.name, ...READ });
    entries = csv.rows.map((row) => {
      const file = row.get('Datei');
      if (file === undefined) throw new Error('a manifest line without Datei');
      return { file, count: integer(row.get('Zeilen'), { field: 'Zeilen', nativeField: 'Manifest.Zeilen' }, { min: 0 }) ?? Number.NaN };
    });
  } catch {
    return { complete: false, reason: `${manifest.name} cannot be read yet` };
  }
  const listed = new Set(entries.map((e) => parseFileName(e.file)?.part));
  const unlisted = TABLES.find((t) => !listed.has(t));
  if (unlisted) return { complete: false, reason: `${manifest.name} does not list the ${unlisted} file` };
  for (const { file, count } of entries) {
    if (Number.isNaN(count)) return { complete: false, reason: `${manifest.name} gives no count for ${file}` };
    const present = files.find((f) => (f.name.split(/[\\/]/).at(-1) ?? f.name) === file);
    if (!present) return { complete: false, reason: `${file} is not there yet` };
    let rows: number;
    try {
      rows = readCsv(present.content, { file, ...READ }).rows.length;
    } catch {
      return { complete: false, reason: `${file} is not well-formed CSV yet` };
    }
    if (rows !== count) return { complete: false, reason: `${file} holds ${rows} of the ${count} records the manifest lists` };
  }
  return { complete: true };
}
