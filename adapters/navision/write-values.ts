import { encodeODataName, formatLocalIso, invalid, type CodeList } from '../../src/adapters/sdk.js';
import { BLANK_DATE, BLANK_OPTION } from './native.js';

// Contract values as NAV holds them, blanks included (quirk 1): what the reader undoes.

/** What writing one record needs to know besides the record. */
export interface WriteEnv {
  /** The record came from Navision: its `nativeCode`s go back as they came. */
  own: boolean;
}

export const dateOut = (date: string | undefined): string => date ?? BLANK_DATE;
export const textOut = (value: string | undefined): string => value ?? '';
export const numberOut = (value: number | undefined): number => value ?? 0;

/** An option's enum name, escaped as OData serves it (`En cours` → `En_x0020_cours`); `_blank_` when unknown. */
export const optionOut = (name: string | undefined): string => (name === undefined ? BLANK_OPTION : encodeODataName(name, Number.MAX_SAFE_INTEGER));

/** A contract code in a NAV list; one the list cannot say refuses the record naming the path. */
export function codeOut<C extends string>(list: CodeList<C>, value: C, nativeCode: string | undefined, env: WriteEnv, field: string, nativeField: string): string {
  return list.encodeAt(value, { field, nativeField }, { nativeCode, own: env.own, says: 'has no code in the Navision table' });
}

/**
 * A text cut to what the NAV field holds (FORMAT.md: 250 characters), by characters, not
 * UTF-16 units, so no surrogate pair is split.
 */
export function cut(value: string | undefined, length = 250): string {
  if (value === undefined) return '';
  const chars = Array.from(value);
  return chars.length <= length ? value : chars.slice(0, length).join('');
}

/** A note's text over `Texte` and `Texte_Suite` (250 characters each; the rest is cut). */
export function noteTexts(value: string): { Texte: string; Texte_Suite: string } {
  const chars = Array.from(value);
  return { Texte: chars.slice(0, 250).join(''), Texte_Suite: chars.slice(250, 500).join('') };
}

/** A timestamp as NAV's `Date` and `Heure`, Zurich wall-clock time (quirk 8). */
export function dateAndTime(at: string): { Date: string; Heure: string } {
  const [date, time] = formatLocalIso(at).split('T') as [string, string];
  return { Date: date, Heure: time };
}

/** ZEMIS numbers with NAV's dots, grouped by three from the right (`17702418` → `17.702.418`). */
export function zemisOut(digits: string | undefined): string {
  if (digits === undefined) return '';
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A `;` list (quirk 6). */
export const listOut = (values: readonly string[] | undefined): string => (values ?? []).join(';');

/** A number NAV would read back as its blank `0`: refused where the contract requires it. */
export function requiredNumberOut(value: number, field: string, nativeField: string): number {
  if (value === 0) throw invalid('mapping.unwritable-number', { field, nativeField }, 'is 0, which NAV holds as blank');
  return value;
}
