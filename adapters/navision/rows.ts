import { invalid, ordered, SORTING, sortKey, sub, type At } from '../../src/adapters/sdk.js';
import { navDate, type NavRow } from './native.js';

// Orders and periods of NAV's lists, shared by the card's lists and the sub-queries.

/**
 * Native rows in contract order, each with its native index `j`: by a sort key (a date,
 * an instant), then `Entry_No` (quirk 9: NAV serves entries in `Entry_No` order, not by
 * date). A key that cannot be read is blank and so sorts after the dated rows, by
 * `Entry_No`; mapping the row then rejects it.
 */
export function chronological(rows: readonly NavRow[], keyOf: (row: NavRow) => string | undefined): { row: NavRow; j: number }[] {
  const entry = (row: NavRow): string => (typeof row.Entry_No === 'number' ? String(row.Entry_No).padStart(12, '0') : '');
  return ordered(rows, SORTING, { keyOf: (row) => `${sortKey(() => keyOf(row))}|${entry(row)}` }).map(({ value: row, nativeIndex: j }) => ({ row, j }));
}

/** A date field as a sort key. */
export const dateKey =
  (name: string) =>
  (row: NavRow): string | undefined =>
    typeof row[name] === 'string' ? (row[name] as string) : undefined;

/** `Date_Debut`/`Date_Fin` of a row; an end before the start is an impossible date. */
export function periodOf(row: NavRow, base: At, fromField: string, toField: string): { from: string | undefined; to: string | undefined } {
  const fromAt = sub(base, fromField, 'Date_Debut');
  const toAt = sub(base, toField, 'Date_Fin');
  const from = navDate(row.Date_Debut, fromAt);
  const to = navDate(row.Date_Fin, toAt);
  if (from !== undefined && to !== undefined && to < from) throw invalid('mapping.invalid-date', toAt, 'is before Date_Debut');
  return { from, to };
}

