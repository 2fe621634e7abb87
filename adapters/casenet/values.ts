import { codeAt, documentRefOf, iscoOf, isoDate, mediaTypeOf, numberAt, required, sha256HexOf, stringAt, withPrecision, zonedTimestamp, type At, type JsonObject, type OrganisationMap } from '../../src/adapters/sdk.js';
import { COUNTRY, LANGUAGE, PRECISION } from './codes.js';

// CaseNet's values (FORMAT "Encoding and quirks"), each read with its place.

/** What the mapping of one dossier needs besides the bodies. */
export interface CaseEnv {
  orgs: OrganisationMap;
  institutionId: string;
  canton: string;
  extractedAt: string;
  /** Ids of the dossier's documents: references to others reject (FORMAT "Invalid input"). */
  documentIds: ReadonlySet<string>;
}

/** Dates are `YYYY-MM-DD` (`14.03.2024` is malformed). */
export const dateAt = (value: unknown, where: At): string | undefined => isoDate(stringAt(value, where), where);

/** Quirk 4: RFC 3339 with offset or `Z`, maybe `.000` → Zurich time with its offset. */
export const timestampAt = (value: unknown, where: At): string | undefined => zonedTimestamp(stringAt(value, where), where);

/** Quirk 3: a full date plus its precision (`1990-01-01` + `ANNEE` → `1990`). */
export function birthDateOf(b: JsonObject, date: At, precision: At): string {
  const full = required(dateAt(b.dateNaissance, date), date);
  return withPrecision(full, PRECISION.valueOptional(codeAt(b.precisionDateNaissance, precision), precision) ?? 'day');
}

/** Quirk 5: the FORMAT's alpha-3 table. */
export const countryAt = (value: unknown, where: At): string | undefined => COUNTRY.valueOptional(codeAt(value, where), where);

/** Quirk 5: the FORMAT's ISO 639-2/639-3 table; a language is required where it is read. */
export const languageAt = (value: unknown, where: At): string => LANGUAGE.value(codeAt(value, where), where);

/** Quirk 9: a CaseNet institution code, through the configuration table. */
export const institutionAt = (orgs: OrganisationMap, value: unknown, where: At): string | undefined => orgs.institution(codeAt(value, where), where);

/** `noOFS`, `taille`, `tauxActivite`, `capaciteTravail`: JSON integers. */
export const integerAt = (value: unknown, where: At, range: { min?: number; max?: number } = {}): number | undefined =>
  numberAt(value, where, { ...range, integer: true });

/** Quirk 7: upper-case hex → lower-case. */
export const sha256At = (value: unknown, where: At): string => sha256HexOf(stringAt(value, where), where);

export const mediaTypeAt = (value: unknown, where: At): string => mediaTypeOf(stringAt(value, where), where);

/** `codeISCO`: an ISCO-08 code of 4 digits. */
export const iscoAt = (value: unknown, where: At): string | undefined => iscoOf(stringAt(value, where), where);

/** A reference to a document of the dossier (`idDocument`, a measure's `documents[]`). */
export const documentRefAt = (env: CaseEnv, value: unknown, where: At): string | undefined => documentRefOf(stringAt(value, where), env.documentIds, where, 'names no document of the dossier');
