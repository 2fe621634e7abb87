import { invalid, type At } from './reject.js';

/**
 * An integer as systems write it: a number, or text with Swiss thousands apostrophes or
 * blanks (`1'254'880`). Absent when blank; a fraction or anything else rejects.
 */
export function integer(value: string | number | null | undefined, where: At, range?: { min?: number; max?: number }): number | undefined {
  if (value === null || value === undefined) return undefined;
  let n: number;
  if (typeof value === 'number') n = value;
  else {
    const raw = value.trim().replace(/['’\s]/g, '');
    if (raw === '') return undefined;
    if (!/^[+-]?\d+$/.test(raw)) throw invalid('mapping.invalid-number', where, 'is not a whole number');
    n = Number(raw);
  }
  if (!Number.isSafeInteger(n)) throw invalid('mapping.invalid-number', where, 'is not a whole number');
  return inRange(n, where, range);
}

/** A decimal with a point or a Swiss decimal comma (`1,5`); apostrophes allowed. */
export function decimal(value: string | number | null | undefined, where: At, range?: { min?: number; max?: number }): number | undefined {
  if (value === null || value === undefined) return undefined;
  let n: number;
  if (typeof value === 'number') n = value;
  else {
    const raw = value.trim().replace(/['’\s]/g, '').replace(',', '.');
    if (raw === '') return undefined;
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw)) throw invalid('mapping.invalid-number', where, 'is not a number');
    n = Number(raw);
  }
  if (!Number.isFinite(n)) throw invalid('mapping.invalid-number', where, 'is not a number');
  return inRange(n, where, range);
}

/**
 * A percentage as an integer 0–100 from what systems write: `60`, `60%`, or a fraction
 * `0.6` when `fraction` is set (spreadsheets and SharePoint store 60 % as 0.6).
 */
export function percent(value: string | number | null | undefined, where: At, options: { fraction?: boolean; min?: number; max?: number } = {}): number | undefined {
  if (value === null || value === undefined) return undefined;
  const raw = typeof value === 'number' ? value : value.trim().replace(/%$/, '').trim();
  if (raw === '') return undefined;
  const n = decimal(raw, where);
  if (n === undefined) return undefined;
  const scaled = options.fraction ? Math.round(n * 10_000) / 100 : n;
  if (!Number.isInteger(scaled)) throw invalid('mapping.invalid-number', where, 'is not a whole percentage');
  return inRange(scaled, where, { min: options.min ?? 0, max: options.max ?? 100 });
}

function inRange(n: number, where: At, range?: { min?: number; max?: number }): number {
  if (range?.min !== undefined && n < range.min) throw invalid('mapping.out-of-range', where, `is below ${range.min}`);
  if (range?.max !== undefined && n > range.max) throw invalid('mapping.out-of-range', where, `is above ${range.max}`);
  return n;
}

/** An integer as its plain decimal text: spreadsheets give `1234.0` or `1.234E+5` for ids typed as numbers. */
export function integerText(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  const raw = value.trim();
  return raw === '' ? undefined : raw;
}
