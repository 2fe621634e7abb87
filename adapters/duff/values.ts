import { codeAt, countryFromAlpha3, invalid, iscoOf, isoDate, languageCode, mediaTypeOf, numberAt, parseBirthDate, required, sha256Hex, stringAt, zonedTimestamp, type At, type OrganisationMap } from '../../src/adapters/sdk.js';

// DuFF's values (FORMAT "Encoding and quirks"), each read with its place.

/** What the mapping of one dossier needs. */
export interface DossierEnv {
  orgs: OrganisationMap;
  institutionId: string;
  canton: string;
  extractedAt: string;
}

/** Quirk 2: dates other than `geburtsdatum` are ISO. */
export const dateAt = (value: unknown, where: At): string | undefined => isoDate(stringAt(value, where), where);

/** Quirk 2: timestamps carry the Swiss offset (kept: Zurich time with its offset). */
export const timestampAt = (value: unknown, where: At): string | undefined => zonedTimestamp(stringAt(value, where), where);

/** Quirk 2: ZEMIS style `TT.MM.JJJJ`, `00` for unknown parts (`00.03.2001` → `2001-03`). */
export function birthDateAt(value: unknown, where: At): string {
  const raw = required(stringAt(value, where), where);
  if (!/^\d{2}\.\d{2}\.\d{4}$/.test(raw)) throw invalid('mapping.invalid-date', where, 'is not a date of birth (TT.MM.JJJJ)');
  return required(parseBirthDate(raw, where), where);
}

/** Quirk 5: ISO 3166-1 alpha-3 and the ICAO `XXA`, `XXB`, `XXC`, `XXX` (all `XX`). */
export function countryAt(value: unknown, where: At): string | undefined {
  const code = codeAt(value, where);
  if (code !== undefined && !/^[A-Z]{3}$/.test(code)) throw invalid('mapping.unknown-code', where, 'is not an ISO 3166-1 alpha-3 country code');
  return countryFromAlpha3(code, where);
}

/** Quirk 6: ISO 639-3, as ISO 639-1 where one exists (`tir` → `ti`), else as it is (`prs`). */
export function languageAt(value: unknown, where: At): string {
  const code = required(codeAt(value, where), where);
  if (!/^[a-z]{3}$/.test(code)) throw invalid('mapping.unknown-code', where, 'is not an ISO 639-3 language code');
  return required(languageCode(code, where), where);
}

/** An organisation code through the configuration table (FORMAT "Sample configuration"). */
export const organisationAt = (orgs: OrganisationMap, value: unknown, where: At): string | undefined => orgs.institution(codeAt(value, where), where);

export const integerAt = (value: unknown, where: At, range: { min?: number; max?: number } = {}): number | undefined =>
  numberAt(value, where, { ...range, integer: true });

/** Quirk 8: `sha256-` + base64 of the digest → lower-case hex. */
export function checksumAt(value: unknown, where: At): string {
  const raw = required(stringAt(value, where), where);
  if (!/^sha256-[A-Za-z0-9+/]{43}=$/.test(raw)) throw invalid('mapping.invalid-hash', where, 'is not sha256- and the base64 of a SHA-256 digest');
  return required(sha256Hex(raw, where), where);
}

export const mediaTypeAt = (value: unknown, where: At): string => mediaTypeOf(stringAt(value, where), where);

/** ISCO-08: 1 to 4 digits. */
export const iscoAt = (value: unknown, where: At): string | undefined => iscoOf(codeAt(value, where), where, { anyLevel: true });

/** Quirk 7: a fide level; its sub-level is dropped (`A2.1` → A2) before the table is asked. */
export function fideLevelAt(value: unknown, where: At): string | undefined {
  const code = codeAt(value, where);
  if (code !== undefined && !/^(VOR_A1|[ABC][12])(\.\d{1,2})?$/.test(code)) throw invalid('mapping.unknown-code', where, 'holds a code its list does not know');
  return code?.replace(/\.\d{1,2}$/, '');
}
