import type { NativeInput } from '../port.js';
import { readCsv, type CsvReadOptions } from '../tabular/csv.js';
import { readXlsx } from '../tabular/xlsx.js';
import type { XmlElement } from '../xml/element.js';
import { parseXml, type XmlReadOptions } from '../xml/reader.js';

// The values a written file holds (texts, attribute values, cells), without the format's
// own names (elements, columns), for the kit's check that nothing withheld shows in them.

function ofElement(e: XmlElement): string[] {
  return [...Object.values(e.attributes), e.text, ...e.children.flatMap(ofElement)].filter((v) => v !== '');
}

/** Every attribute value and text of XML files. */
export function xmlValues(files: readonly NativeInput[], options: Omit<XmlReadOptions, 'file'> = {}): string[] {
  return files.flatMap((f) => ofElement(parseXml(f.content, { ...options, file: f.name })));
}

/** Every cell below the header of CSV files. */
export function csvValues(files: readonly NativeInput[], options: Omit<CsvReadOptions, 'file'>): string[] {
  return files.flatMap((f) => readCsv(f.content, { ...options, file: f.name }).rows.flatMap((row) => row.raw().filter((v) => v !== '')));
}

/** Every cell value of XLSX workbooks, every sheet (the hidden lists too). */
export function xlsxValues(files: readonly NativeInput[]): string[] {
  return files.flatMap((f) =>
    readXlsx(f.content, f.name).sheets.flatMap((sheet) =>
      [...sheet.rows.values()].flatMap((row) => [...row.values()].flatMap((cell) => (cell.value === undefined ? [] : [String(cell.value)]))),
    ),
  );
}
