import { countryToAlpha3, formatDmy, formatLocalDmy, invalid, languageAs, type OrganisationMap } from '../../src/adapters/sdk.js';

/** An entry of a record left out of an import file because Tutoris cannot say it (README). */
export interface Omission {
  localCaseId: string;
  /** The contract path left out. */
  field: string;
  reason: 'no-stelle-code' | 'no-language-code';
}

/** What writing one record needs: the Stelle table, whether the record is Tutoris' own, and where omissions go. */
export interface WriteEnv {
  orgs: OrganisationMap;
  /** The record came from Tutoris: its PersonNr, DossierNr, BenutzerId and nativeCodes go back as they came. */
  own: boolean;
  localCaseId: string;
  omitted: Omission[];
}

// Characters XML 1.0 cannot hold at all, not even as a character reference.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A text or id as it goes into the file; one XML cannot hold refuses the record naming the path. */
export function say(value: string, field: string, nativeField: string): string {
  if (NOT_XML.test(value)) throw invalid('mapping.unwritable-text', { field, nativeField }, 'holds characters XML cannot carry');
  return value;
}

export const dmy = (date: string | undefined): string | undefined => (date === undefined ? undefined : formatDmy(date));

/** Timestamps go as Swiss local time to the minute: seconds and offsets are lost (README). */
export const localDmy = (timestamp: string): string => formatLocalDmy(timestamp);

export const jnOf = (value: boolean | undefined): string | undefined => (value === undefined ? undefined : value ? 'J' : 'N');

/** `XX` is written as `XXX` (unknown): Tutoris' `XXA` and `XXX` both read as `XX`. */
export function alpha3(country: string | undefined, field: string, nativeField: string): string | undefined {
  if (country === undefined) return undefined;
  const code = countryToAlpha3(country, 'XXX');
  if (code === undefined) throw invalid('mapping.unwritable-code', { field, nativeField }, 'has no ISO alpha-3 code');
  return code;
}

/**
 * A language as Tutoris writes it: ISO 639-2/B (`ger`). A language with none (an ISO
 * 639-3 code such as `prs`) goes back as it came when the record is Tutoris' own (its
 * reader keeps such codes); a foreign one is left out.
 */
export function languageOut(code: string, field: string, env: WriteEnv): string | undefined {
  const b = languageAs(code, 'B');
  if (b !== undefined) return b;
  if (env.own && /^[a-z]{3}$/.test(code)) return code;
  env.omitted.push({ localCaseId: env.localCaseId, field, reason: 'no-language-code' });
  return undefined;
}

/** A Stelle code that must be there (the responsible institution, a consent's recipient). */
export function stelle(institutionId: string, field: string, nativeField: string, env: WriteEnv): string {
  return env.orgs.requireNative(institutionId, field, nativeField);
}

/** A Stelle code whose entry is left out (and noted) when the institution has none. */
export function stelleOrOmit(institutionId: string | undefined, field: string, env: WriteEnv): string | undefined {
  if (institutionId === undefined) return undefined;
  const code = env.orgs.nativeOf(institutionId);
  if (code === undefined) env.omitted.push({ localCaseId: env.localCaseId, field, reason: 'no-stelle-code' });
  return code;
}

/** `@Jahre` is an integer in Tutoris: a fractional number of years cannot be written. */
export function wholeYears(years: number | undefined, field: string, nativeField: string): number | undefined {
  if (years === undefined) return undefined;
  if (!Number.isInteger(years)) throw invalid('mapping.unwritable-number', { field, nativeField }, 'is not a whole number of years');
  return years;
}


/** `2218.4406`, as Tutoris writes 8-digit ZEMIS numbers; others as they are. */
export const zemisDots = (id: string): string => (id.length === 8 ? `${id.slice(0, 4)}.${id.slice(4)}` : id);
