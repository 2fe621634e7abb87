import { OrganisationMap, writing, zurichDate, zurichTimestamp, type CaseRecord, type DeliveryNaming, type MapContext, type NativeInput } from '../../src/adapters/sdk.js';
import { columnLetter, newSheet, setCell, writeXlsx, type XlsxBook, type XlsxSheet } from '../../src/adapters/sdk.js';
import { CHILD_HEADER_ROW, CHILD_SHEETS, COLUMNS, LISTEN, LISTS, PERSONEN, PERSONEN_HEADER_ROW, TITLE, VALIDATION_LAST_ROW, type Column } from './layout.js';
import { SYSTEM } from './to-contract.js';
import { dateCell } from './write-cells.js';
import { childRows, personenRow, type Writer } from './write-rows.js';
import type { Row } from './write-cells.js';

/**
 * Contract → the tool's workbook, one person per workbook, in the tool's layout: all
 * sheets, the hidden `Listen` with its named lists, the drop-downs. With a delivery it is
 * named `Passerelle_<Pers-Nr or recordId>_<yyyyMMddHHmmss>.xlsx` (Zurich time of the delivery).
 */
export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[] {
  const orgs = OrganisationMap.fromSettings(ctx.settings);
  const stellen = Object.keys((ctx.settings.organisations as Record<string, string> | undefined) ?? {});
  return records.map((record) =>
    writing(record, () => {
      const own = record.source.system === SYSTEM;
      // A case from another system has no Pers-Nr here yet: its record id joins the sheets.
      const persNr = own ? record.source.localPersonId : record.recordId;
      const writer: Writer = { orgs, own, persNr, documentIds: new Set((record.documents ?? []).map((d) => d.id)) };
      const at = delivery?.at ?? new Date(record.source.extractedAt);
      const book = workbook(record, writer, stellen, at);
      const stamp = delivery ? `_${zurichTimestamp(delivery.at).slice(0, 19).replace(/\D/g, '')}` : '';
      return { name: `Passerelle_${persNr.replace(/[^\w.-]/g, '_')}${stamp}.xlsx`, content: writeXlsx(book) };
    }),
  );
}

function workbook(record: CaseRecord, writer: Writer, stellen: readonly string[], at: Date): XlsxBook {
  const personen = sheetWith(PERSONEN, COLUMNS[PERSONEN], PERSONEN_HEADER_ROW, [personenRow(record, writer)]);
  setCell(personen, 1, 1, { value: TITLE, font: { bold: true, size: 14 } });
  personen.merges.push('A1:J1');
  setCell(personen, 2, 1, { value: 'Stand:' });
  // The data are as of their extraction.
  setCell(personen, 2, 2, dateCell(zurichDate(new Date(record.source.extractedAt))));
  const first = PERSONEN_HEADER_ROW + 1;
  const einreise = columnLetter(COLUMNS[PERSONEN].findIndex((c) => c.header === 'Einreise') + 1);
  setCell(personen, first, COLUMNS[PERSONEN].length, { formula: `IF(${einreise}${first}="","",DATEDIF(${einreise}${first},TODAY(),"Y"))` });
  setCell(personen, first + 2, 1, { value: 'Total' });
  setCell(personen, first + 2, 2, { formula: `COUNTA(B${first}:B${first})`, value: 1 });
  for (const [column, width] of [[1, 14], [2, 10], [6, 18], [7, 16]] as const) personen.widths.set(column, width);
  const children = childRows(record, writer);
  const sheets = [personen, ...CHILD_SHEETS.map((name) => sheetWith(name, COLUMNS[name], CHILD_HEADER_ROW, children[name]))];
  const listen = listenSheet(stellen);
  return { date1904: false, created: at, modified: at, creator: 'Passerelle', title: 'AIS Fallliste', sheets: [...sheets, listen.sheet], names: listen.names };
}

function sheetWith(name: string, columns: readonly Column[], headerRow: number, rows: readonly Row[]): XlsxSheet {
  const sheet = newSheet(name);
  columns.forEach((column, i) => {
    setCell(sheet, headerRow, i + 1, { value: column.header, font: { bold: true } });
    if (column.list) {
      const letter = columnLetter(i + 1);
      sheet.validations.push({
        sqref: `${letter}${headerRow + 1}:${letter}${VALIDATION_LAST_ROW}`,
        type: 'list',
        formulae: [column.list],
        allowBlank: true,
        showInputMessage: true,
        showErrorMessage: true,
      });
    }
  });
  rows.forEach((row, r) => columns.forEach((column, c) => setCell(sheet, headerRow + 1 + r, c + 1, row.get(column.header))));
  sheet.frozen = { rows: headerRow, columns: 0 };
  return sheet;
}

/** The hidden lists; `L_Stelle` holds the installation's Stelle labels. */
function listenSheet(stellen: readonly string[]): { sheet: XlsxSheet; names: XlsxBook['names'] } {
  const sheet = newSheet(LISTEN, 'hidden');
  const names: XlsxBook['names'] = [];
  LISTS.forEach((list, i) => {
    const labels = list.header === 'Stelle' ? stellen : list.labels;
    const letter = columnLetter(i + 1);
    setCell(sheet, 1, i + 1, { value: list.header });
    labels.forEach((label, k) => setCell(sheet, 2 + k, i + 1, { value: label }));
    names.push({ name: `L_${list.header}`, ranges: [`${LISTEN}!$${letter}$2:$${letter}$${1 + Math.max(labels.length, 1)}`] });
  });
  return { sheet, names };
}
