import type { MapContext, NativeInput, ParsedReceipt, ReceiptReader } from '../../src/adapters/sdk.js';
import { baseName, InputError, readCsv } from '../../src/adapters/sdk.js';
import { HEADER } from './layout.js';

const PROTOKOLL = /^(CMT_Import_\d{14})_Protokoll\.csv$/;
const COLUMNS = ['Zeile', 'Personen-ID', 'Fall-Nr', 'Ergebnis', 'Meldung'];

/**
 * CM-T's protocol of an import (FORMAT.md "Write"): `CMT_Import_<stamp>_Protokoll.csv`,
 * one line per imported row. `NEU` or `AKTUALISIERT` accept it with the ids CM-T gave
 * (reference = Fall-Nr); `FEHLER` fails this attempt, to be delivered again (`retry`).
 * The file name has no room for a transfer id: `transferId` is the
 * import's name without `.csv`, which the transport maps back to the transfer it wrote.
 * Meldung is free text that may quote values: only a column it names is kept.
 */
export const receipts: ReceiptReader = {
  matches: (fileName) => PROTOKOLL.test(baseName(fileName)),
  parse(input: NativeInput, _ctx: MapContext): ParsedReceipt[] {
    const stem = PROTOKOLL.exec(baseName(input.name))?.[1];
    if (!stem) throw new InputError('cm-t.not-a-receipt', `${input.name} is no CM-T import protocol`, { field: 'file', file: input.name }, 422);
    const csv = readCsv(input.content, { file: input.name, encoding: 'windows-1252' });
    const absent = COLUMNS.find((c) => !csv.header.includes(c));
    if (absent) throw new InputError('cm-t.column-missing', `${input.name}: has no column ${absent}`, { field: 'file', file: input.name }, 422);
    return csv.rows.map((r): ParsedReceipt => {
      const status = (r.get('Ergebnis') ?? '').toUpperCase();
      const details: Record<string, string | number> = { line: r.get('Zeile') ?? '', personId: r.get('Personen-ID') ?? '' };
      const fallNr = r.get('Fall-Nr');
      if ((status === 'NEU' || status === 'AKTUALISIERT') && fallNr !== undefined) return { transferId: stem, outcome: 'accepted', status, reference: fallNr, details };
      if (status === 'FEHLER') {
        const nativeField = columnNamed(r.get('Meldung'));
        return { transferId: stem, outcome: 'retry', status, ...(nativeField ? { nativeField } : {}), details };
      }
      return { transferId: stem, outcome: 'interim', status: status || 'LEER', details };
    });
  },
};

// Longest first, so that `Status1_von` wins over `Status1`.
const HEADER_WORDS = [...HEADER].sort((a, b) => b.length - a.length);

// A CM-T column a Meldung may name (`Massnahme2_Status`, `Geburtsdatum`).
function columnNamed(meldung: string | undefined): string | undefined {
  if (meldung === undefined) return undefined;
  return HEADER_WORDS.find((c) => new RegExp(`(^|[^\\wäöü])${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\wäöü])`).test(meldung));
}

