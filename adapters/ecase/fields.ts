import type { At } from '../../src/adapters/sdk.js';
import { at, invalid, parseDate, RowReader } from '../../src/adapters/sdk.js';
import { misfit, type CsvRow as Cells } from '../../src/adapters/sdk.js';
import { NO, YES } from './codes.js';
import type { Tabelle } from './layout.js';

/**
 * A row and the contract object it feeds: `path` is the object's contract path with its
 * index (`journal[2]`; `''` for the record itself), so each column's `At` names both sides.
 */
export class Place extends RowReader {
  constructor(
    readonly table: Tabelle,
    readonly header: readonly string[],
    row: Cells,
    readonly path: string,
  ) {
    super(row, (column, field) => at(path && field ? `${path}.${field}` : path || field, `${table}.${column}`), { date: (value, where) => parseDate(value, where), yes: YES, no: NO });
    const off = misfit(row, header);
    if (off) {
      // The cells after a break are shifted: none of the row can be trusted.
      const where = at(path || 'source', `${table}.${off.column}`);
      throw invalid('mapping.malformed-row', where, off.surplus ? 'has more cells than the header has columns' : 'is missing: the row has fewer cells than the header');
    }
  }
}

/** ISO 3166-1 alpha-2 as Ecase writes it: two capitals (`XX` stateless); anything else rejects. */
export function country(value: string | undefined, where: At): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[A-Z]{2}$/.test(value)) throw invalid('mapping.invalid-code', where, 'is not two capital letters (ISO 3166-1 alpha-2)');
  return value;
}

/** ISO 639-1, else 639-3, as Ecase writes it: 2–3 lower-case letters. */
export function language(value: string | undefined, where: At): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[a-z]{2,3}$/.test(value)) throw invalid('mapping.invalid-code', where, 'is not 2-3 lower-case letters (ISO 639)');
  return value;
}
