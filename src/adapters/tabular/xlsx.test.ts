import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { excelDate } from '../mapping/dates.js';
import { Reject } from '../mapping/reject.js';
import { cellAt, cellDate, cellId, cellNumber, cellText, cellTimestamp, columnLetter, newSheet, readTable, readXlsx, setCell, sheetNamed, writeXlsx, type XlsxBook } from './xlsx.js';
import { thrown } from '../testing.js';

interface Zip {
  file(path: string): { async(type: 'string'): Promise<string> } | null;
  file(path: string, data: string): void;
  generateAsync(options: { type: 'uint8array' }): Promise<Uint8Array>;
}
// exceljs' own zip library, for building a workbook exceljs cannot write (inline strings).
const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as { loadAsync(data: Uint8Array): Promise<Zip> };

const here = { field: 'person.arrivalDate', nativeField: 'Personen!Einreise' };
const DAY = Date.UTC(2024, 2, 15);

async function excelBook(date1904: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  const ws = wb.addWorksheet('Daten', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.getCell('A1').value = 'Pers-Nr';
  ws.getCell('B1').value = 'Name';
  ws.getCell('C1').value = 'Datum';
  ws.getCell('D1').value = 'Zeitpunkt';
  ws.getCell('E1').value = 'Anzahl';
  ws.getCell('A2').value = 540213;
  ws.getCell('B2').value = { richText: [{ text: 'Roj', font: { bold: true } }, { text: 'în' }] };
  ws.getCell('C2').value = new Date(DAY);
  ws.getCell('C2').numFmt = 'dd.mm.yyyy';
  ws.getCell('D2').value = new Date(DAY + (16 * 3600 + 9 * 60 + 59.999) * 1000);
  ws.getCell('D2').numFmt = 'dd.mm.yyyy hh:mm';
  ws.getCell('E2').value = { formula: 'A2*2', result: 1080426 };
  ws.getCell('A4').value = 'Total';
  ws.mergeCells('B4:C4');
  ws.getCell('B4').value = 'Summe';
  // exceljs has data validations but its types do not say so.
  (ws as unknown as { dataValidations: { add(range: string, rule: object): void } }).dataValidations.add('B2:B20', { type: 'list', allowBlank: true, formulae: ['L_Namen'] });
  const lists = wb.addWorksheet('Listen', { state: 'hidden' });
  lists.getCell('A1').value = 'Namen';
  lists.getCell('A2').value = 'Rojîn';
  wb.definedNames.add('Listen!$A$2:$A$2', 'L_Namen');
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('xlsx: reading workbooks as plain data', () => {
  let book1900: XlsxBook;
  let book1904: XlsxBook;
  beforeAll(async () => {
    book1900 = readXlsx(await excelBook(false), 'a.xlsx');
    book1904 = readXlsx(await excelBook(true), 'b.xlsx');
  });

  it('gives raw serials in the workbook’s own date system (exceljs applies date1904; the reader undoes it)', () => {
    const [a, b] = [book1900, book1904].map((book) => sheetNamed(book, 'Daten')!);
    expect([book1900.date1904, book1904.date1904]).toEqual([false, true]);
    expect(cellAt(a!, 2, 3)).toEqual({ value: 45366, numFmt: 'dd.mm.yyyy' });
    expect(cellAt(b!, 2, 3)).toEqual({ value: 45366 - 1462, numFmt: 'dd.mm.yyyy' });
    expect(excelDate(cellAt(a!, 2, 3)!.value as number, false, here)).toBe('2024-03-15');
    expect(excelDate(cellAt(b!, 2, 3)!.value as number, true, here)).toBe('2024-03-15');
    expect(cellDate(cellAt(b!, 2, 3), true, here)).toBe('2024-03-15');
    expect(cellTimestamp(cellAt(b!, 2, 4), true, here)).toBe('2024-03-15T16:10:00+01:00');
  });

  it('joins rich-text runs, keeps formulas with their cached result, and leaves merged cells to their first cell', () => {
    const s = sheetNamed(book1900, 'Daten')!;
    expect(cellAt(s, 2, 2)).toEqual({ value: 'Rojîn' });
    expect(cellAt(s, 2, 5)).toEqual({ value: 1080426, formula: 'A2*2' });
    expect([cellText(cellAt(s, 4, 2)), cellAt(s, 4, 3)]).toEqual(['Summe', undefined]);
    expect(s.merges).toEqual(['B4:C4']);
  });

  it('reads inline strings, plain and in runs', async () => {
    const zip = await JSZip.loadAsync(await excelBook(false));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file(
      'xl/worksheets/sheet1.xml',
      xml
        .replace(/<c r="A1"[^>]*>.*?<\/c>/, '<c r="A1" t="inlineStr"><is><t>Pers-Nr</t></is></c>')
        .replace(/<c r="B2"[^>]*>.*?<\/c>/, '<c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t>Roj</t></r><r><t>în</t></r></is></c>'),
    );
    const s = sheetNamed(readXlsx(await zip.generateAsync({ type: 'uint8array' }), 'c.xlsx'), 'Daten')!;
    expect([cellText(cellAt(s, 1, 1)), cellText(cellAt(s, 2, 2))]).toEqual(['Pers-Nr', 'Rojîn']);
  });

  it('gives validations as ranges, defined names, hidden sheets and frozen panes', () => {
    const s = sheetNamed(book1900, 'Daten')!;
    expect(s.validations).toEqual([{ sqref: 'B2:B20', type: 'list', formulae: ['L_Namen'], allowBlank: true }]);
    expect(s.frozen).toEqual({ rows: 1, columns: 0 });
    expect(sheetNamed(book1900, 'Listen')!.state).toBe('hidden');
    expect(book1900.names).toEqual([{ name: 'L_Namen', ranges: ['Listen!$A$2'] }]); // exceljs writes a one-cell range as its cell
  });

  it('reads a table by header text, skipping empty rows and the rows `skip` picks', () => {
    const table = readTable(sheetNamed(book1900, 'Daten')!, 1, (row) => cellText(row.cellIn(1)) === 'Total');
    expect(table.rows.map((r) => [r.row, r.text('Pers-Nr'), r.text('Name'), r.field('Datum')])).toEqual([[2, '540213', 'Rojîn', 'Daten!Datum']]);
    expect(readTable(sheetNamed(book1900, 'Daten')!, 1).rows.map((r) => r.row)).toEqual([2, 4]);
  });

  it('refuses bytes that are no workbook, naming the file only', () => {
    expect(() => readXlsx(new TextEncoder().encode('Name;Vorname\nAsfaha;Mebrahtu'), 'liste.xlsx')).toThrow(InputError);
    try {
      readXlsx(new TextEncoder().encode('Asfaha'), 'liste.xlsx');
    } catch (error) {
      expect((error as InputError).message).toBe('liste.xlsx: is not a readable XLSX workbook');
    }
  });
});

describe('xlsx: writing workbooks', () => {
  function sample(): XlsxBook {
    const data = newSheet('Daten');
    setCell(data, 1, 1, { value: 'Datum', font: { bold: true } });
    setCell(data, 2, 1, { value: 43904, numFmt: 'dd.mm.yyyy' });
    setCell(data, 2, 2, { value: 'ja' });
    setCell(data, 2, 3, { formula: 'COUNTA(A2:A2)', value: 1 });
    data.validations.push({ sqref: 'B2:B500', type: 'list', formulae: ['L_JaNein'], allowBlank: true, showErrorMessage: true });
    data.merges.push('D1:F1');
    data.frozen = { rows: 1, columns: 0 };
    data.widths.set(1, 14);
    const lists = newSheet('Listen', 'hidden');
    setCell(lists, 1, 1, { value: 'ja' });
    setCell(lists, 2, 1, { value: 'nein' });
    const at = new Date('2026-03-01T07:15:00Z');
    return { date1904: true, created: at, modified: at, sheets: [data, lists], names: [{ name: 'L_JaNein', ranges: ['Listen!$A$1:$A$2'] }] };
  }

  it('writes what it reads back: raw serials in the 1904 system, formulas, validations, names, layout', () => {
    const back = readXlsx(writeXlsx(sample()), 'x.xlsx');
    const data = sheetNamed(back, 'Daten')!;
    expect(back.date1904).toBe(true);
    expect(cellAt(data, 2, 1)).toEqual({ value: 43904, numFmt: 'dd.mm.yyyy' });
    expect(cellAt(data, 1, 1)).toEqual({ value: 'Datum', font: { bold: true } });
    expect(cellAt(data, 2, 3)).toEqual({ value: 1, formula: 'COUNTA(A2:A2)' });
    expect(data.validations).toEqual([{ sqref: 'B2:B500', type: 'list', formulae: ['L_JaNein'], allowBlank: true, showErrorMessage: true }]);
    expect([data.merges, data.frozen, data.widths.get(1)]).toEqual([['D1:F1'], { rows: 1, columns: 0 }, 14]);
    expect(sheetNamed(back, 'Listen')!.state).toBe('hidden');
    expect(back.names).toEqual([{ name: 'L_JaNein', ranges: ['Listen!$A$1:$A$2'] }]);
    expect(back.modified).toEqual(new Date('2026-03-01T07:15:00Z'));
  });

  it('writes the same bytes for the same book', () => {
    expect(Buffer.from(writeXlsx(sample())).equals(Buffer.from(writeXlsx(sample())))).toBe(true);
  });
});

describe('xlsx: cell values', () => {
  const rejects = (fn: () => unknown): Reject => thrown(Reject, fn);

  it('writes whole numbers without .0 or exponent, trims text', () => {
    expect([cellText({ value: 7564802177658 }), cellText({ value: 540213 }), cellText({ value: 2.5 }), cellText({ value: '  a\r\nb ' }), cellText({ value: ' ' }), cellText(undefined)]).toEqual([
      '7564802177658',
      '540213',
      '2.5',
      'a\nb',
      undefined,
      undefined,
    ]);
  });

  it('reads ids typed as numbers or text; a fraction is no id', () => {
    expect([cellId({ value: 540213 }, here), cellId({ value: '540213' }, here)]).toEqual(['540213', '540213']);
    expect(rejects(() => cellId({ value: 540213.5 }, here)).code).toBe('mapping.invalid-id');
  });

  it('reads dates as serials or typed text; date-times only as serials', () => {
    expect([cellDate({ value: 45366 }, false, here), cellDate({ value: '5.3.2024' }, false, here), cellDate(undefined, false, here)]).toEqual(['2024-03-15', '2024-03-05', undefined]);
    expect(rejects(() => cellDate({ value: '31.04.2022' }, false, here)).code).toBe('mapping.invalid-date');
    expect(cellTimestamp({ value: 45366.5 }, false, here)).toBe('2024-03-15T12:00:00+01:00');
    expect(rejects(() => cellTimestamp({ value: '15.03.2024 12:00' }, false, here)).code).toBe('mapping.invalid-date');
    expect(rejects(() => cellDate({ value: true }, false, here)).code).toBe('mapping.invalid-date');
  });

  it('reads numbers from number cells and typed text', () => {
    expect([cellNumber({ value: 2.5 }, here), cellNumber({ value: '2,5' }, here), cellNumber(undefined, here)]).toEqual([2.5, 2.5, undefined]);
    expect(rejects(() => cellNumber({ value: 'zwei' }, here)).code).toBe('mapping.invalid-number');
  });

  it('names columns as Excel does', () => {
    expect([1, 26, 27, 45, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AS', 'AAA']);
  });
});
