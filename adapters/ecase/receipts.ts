import type { MapContext, NativeInput, ParsedReceipt, ReceiptReader } from '../../src/adapters/sdk.js';
import { baseName, InputError, readCsv } from '../../src/adapters/sdk.js';
import { COLUMNS, TABLES } from './layout.js';

const QUITTUNG = /^(ECASE_IMPORT_[A-Za-z0-9-]+_\d{8}_\d{6})_Quittung\.csv$/;
const COLUMNS_OF_QUITTUNG = ['Datei', 'Zeile', 'ExterneID', 'Status', 'Meldung', 'FallNr'];

// `Tabelle.Spalte` a Meldung may name; its own words may hold values, so only this is kept.
const FIELDS = new Set(TABLES.flatMap((t) => [...COLUMNS[t], ...(t === 'Faelle' ? ['ExterneID'] : [])].map((c) => `${t}.${c}`)));

function fieldNamed(meldung: string | undefined): string | undefined {
  return meldung?.match(/\b[A-Za-z]+\.[A-Za-z_]+\b/g)?.find((w) => FIELDS.has(w));
}

/**
 * Ecase's answer to an import (FORMAT.md "Write"), `import/quittung/<stem>_Quittung.csv`.
 * Each `Faelle` line is the answer for one delivered record: `OK` or `WARNUNG` accept it
 * with the FallNr Ecase gave; `FEHLER` fails this attempt only (`retry`: delivered again).
 * Ecase's names have no room
 * for a transfer id: `transferId` is the delivery's stem, which the transport maps back
 * to the transfer it wrote under that name; `details.recordId` is the line's ExterneID.
 */
export const receipts: ReceiptReader = {
  matches: (fileName) => QUITTUNG.test(baseName(fileName)),
  parse(input: NativeInput, _ctx: MapContext): ParsedReceipt[] {
    const stem = QUITTUNG.exec(baseName(input.name))?.[1];
    if (!stem) throw new InputError('ecase.not-a-receipt', `${input.name} is no Ecase Quittung`, { field: 'file', file: input.name }, 422);
    const csv = readCsv(input.content, { file: input.name, encoding: 'utf-8', trailingSeparator: true });
    const absent = COLUMNS_OF_QUITTUNG.find((c) => !csv.header.includes(c));
    if (absent) throw new InputError('ecase.column-missing', `${input.name}: has no column ${absent}`, { field: 'file', file: input.name }, 422);
    const others = csv.rows.filter((r) => !/_Faelle\.csv$/.test(r.get('Datei') ?? ''));
    const otherErrors = others.filter((r) => r.get('Status')?.toUpperCase() === 'FEHLER').length;
    return csv.rows
      .filter((r) => /_Faelle\.csv$/.test(r.get('Datei') ?? ''))
      .map((r): ParsedReceipt => {
        const status = (r.get('Status') ?? '').toUpperCase();
        const details: Record<string, string | number> = { file: r.get('Datei') ?? '', line: r.get('Zeile') ?? '', recordId: r.get('ExterneID') ?? '' };
        if (otherErrors > 0) details.errorsInOtherTables = otherErrors;
        const nativeField = fieldNamed(r.get('Meldung'));
        const fallNr = r.get('FallNr');
        if ((status === 'OK' || status === 'WARNUNG') && fallNr !== undefined) {
          return { transferId: stem, outcome: 'accepted', status, reference: fallNr, details };
        }
        if (status === 'FEHLER') return { transferId: stem, outcome: 'retry', status, ...(nativeField ? { nativeField } : {}), details };
        // Any other word (or OK without a FallNr) is not an answer the gateway can act on.
        return { transferId: stem, outcome: 'interim', status: status || 'LEER', details };
      });
  },
};
