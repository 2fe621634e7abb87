import { el, invalid, requiredToWrite, type XmlOut } from '../../src/adapters/sdk.js';
import { NO_STATE_WRITTEN } from './codes.js';

// Small writers for KLIBnet's element-per-column layout.

/** An element with a value, or nothing when the value is absent (the reader reads both the same). */
export function opt(name: string, value: string | number | undefined | false | null): XmlOut | undefined {
  return value === undefined || value === null || value === false || value === '' ? undefined : el(name, {}, String(value));
}

/** A code the table has, or a refusal naming the contract path (a language KLIBnet does not list). */
export function code(native: string | undefined, field: string, nativeField: string): string {
  if (native === undefined) throw invalid('mapping.cannot-write', { field, nativeField }, 'cannot be written: the value has no code in KLIBnet');
  return native;
}

export const bool01 = (value: boolean): string => (value ? '1' : '0');

/** `XX` (stateless or unknown) is written as KLIBnet's `XU`. */
export const country = (alpha2: string): string => (alpha2 === 'XX' ? NO_STATE_WRITTEN : alpha2);

/** KLIBnet counts years in whole numbers: a fraction cannot be written without changing it. */
export function wholeNumber<T extends number | undefined>(value: T, field: string, nativeField: string): T {
  if (value !== undefined && !Number.isInteger(value)) throw invalid('mapping.cannot-write', { field, nativeField }, 'cannot be written: KLIBnet holds whole years only');
  return value;
}

/** A value an import file cannot do without; a delivery without it (withheld or unknown) is refused. */
export const needed = <T>(value: T | undefined, field: string, nativeField: string): T => requiredToWrite(value, { field, nativeField }, 'KLIBnet');
