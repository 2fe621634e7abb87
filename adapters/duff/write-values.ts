import { countryToAlpha3, invalid, languageAs, requiredToWrite, type CodeList, type OrganisationMap } from '../../src/adapters/sdk.js';

// Contract values as DuFF writes them: "the tables backwards, other as its nativeCode if any".

export interface WriteEnv {
  orgs: OrganisationMap;
}

/** A code of the table; `other` goes back as its nativeCode; a value without a code fails the write, naming the path. */
export function encode<C extends string>(list: CodeList<C>, value: C, field: string, nativeField: string, nativeCode?: string): string {
  return list.encodeAt(value, { field, nativeField }, { nativeCode, says: 'has no DuFF code' });
}

/**
 * A value DuFF requires (FORMAT.md "Native structure": a field without `?`). A delivered
 * record lacks every category the policy withheld, even parts the contract requires of a
 * source: the write then fails, naming the contract path and DuFF's field, rather than
 * filling one in.
 */
export const needed = <T>(value: T | undefined, field: string, nativeField: string): T => requiredToWrite(value, { field, nativeField }, 'DuFF');

export const organisation = (env: WriteEnv, id: string, field: string, nativeField: string): string => env.orgs.requireNative(id, field, nativeField);

/** Quirk 5 backwards: alpha-3; `XX` as `XXX` (unspecified). */
export function alpha3(code: string, field: string, nativeField: string): string {
  const found = countryToAlpha3(code, 'XXX');
  if (found === undefined) throw invalid('mapping.unwritable-code', { field, nativeField }, 'has no ISO 3166-1 alpha-3 code');
  return found;
}

/** Quirk 6 backwards: ISO 639-3 (`de` → `deu`). */
export function iso6393(code: string, field: string, nativeField: string): string {
  const found = languageAs(code, '3');
  if (found === undefined) throw invalid('mapping.unwritable-code', { field, nativeField }, 'has no ISO 639-3 code');
  return found;
}

/** `jahre` is a whole number in DuFF. */
export function wholeYears(years: number, field: string, nativeField: string): number {
  if (!Number.isInteger(years)) throw invalid('mapping.unwritable-number', { field, nativeField }, 'is not a whole number of years');
  return years;
}

/** Quirk 3 backwards: `2478 1093` (AHV numbers are the SDK's `dottedAhv`). */
export const spacedZemis = (digits: string): string => (digits.length === 8 ? `${digits.slice(0, 4)} ${digits.slice(4)}` : digits);
