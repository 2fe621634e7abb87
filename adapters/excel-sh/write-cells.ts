import { dottedAhv, toExcelSerial, type OrganisationMap } from '../../src/adapters/sdk.js';
import type { XlsxCell } from '../../src/adapters/sdk.js';

// Contract values as the tool's cells: dates as serials (1900 system) with the tool's
// formats, percentages as fractions, ids and codes as text.

export type Row = Map<string, XlsxCell>;

export const DATE_FORMAT = 'dd.mm.yyyy';
export const TIMESTAMP_FORMAT = 'dd.mm.yyyy hh:mm';
export const PERCENT_FORMAT = '0%';

export function put(row: Row, header: string, cell: XlsxCell | undefined): void {
  if (cell && cell.value !== undefined && cell.value !== '') row.set(header, cell);
}

export const textCell = (value: string | undefined): XlsxCell | undefined => (value === undefined ? undefined : { value });
export const numberCell = (value: number | undefined): XlsxCell | undefined => (value === undefined ? undefined : { value });
export const dateCell = (date: string | undefined): XlsxCell | undefined => (date === undefined ? undefined : { value: toExcelSerial(date, false), numFmt: DATE_FORMAT });
export const percentCell = (value: number | undefined): XlsxCell | undefined => (value === undefined ? undefined : { value: value / 100, numFmt: PERCENT_FORMAT });

/** Zurich wall time to the minute: the tool keeps no seconds (the reader would round them). */
export function timestampCell(timestamp: string): XlsxCell {
  const minute = timestamp.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):\d{2}(\.\d+)?/, '$1:00');
  return { value: Math.round(toExcelSerial(minute, false) * 1440) / 1440, numFmt: TIMESTAMP_FORMAT };
}

/** A partial date of birth is text (`1997`, `03.2001`); a full one a date serial. */
export function birthDateCell(date: string): XlsxCell {
  const [y, m, d] = date.split('-');
  if (d !== undefined) return dateCell(date)!;
  return { value: m === undefined ? y! : `${m}.${y}` };
}

/** `7563381027460` → `756.3381.0274.60`, as staff type it. */
export function ahvText(vn: string | undefined): string | undefined {
  return vn && dottedAhv(vn);
}

/** A registry id as its Stelle label; ids without one are written bare (FORMAT.md). */
export function stelle(orgs: OrganisationMap, institutionId: string | undefined): string | undefined {
  return institutionId === undefined ? undefined : (orgs.nativeOf(institutionId) ?? institutionId);
}
