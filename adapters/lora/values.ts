import { ahv13, codeAt, countryAlpha2, DMY_DATE, documentRefOf, idAt, invalid, iscoOf, isoDate, languageCode, localTimestamp, mediaTypeOf, numberAt, objectAt, parseDate, partialFromParts, required, stringAt, zonedTimestamp, type At, type JsonObject, type OrganisationMap } from '../../src/adapters/sdk.js';

// Lora's values (FORMAT "Encoding and quirks"), each read with its place.

/** What the mapping of one person needs besides the modules. */
export interface PersonEnv {
  orgs: OrganisationMap;
  institutionId: string;
  canton: string;
  extractedAt: string;
  /** Ids of the DOCUMENTS module: references to others reject (FORMAT "Invalid input"). */
  documentIds: ReadonlySet<string>;
}



/** Quirk 3: INFO_PRIMAIRE and SEJOUR write `dd.mm.yyyy`, Lora 2.4 ISO: both are read there. */
export function legacyDateAt(value: unknown, where: At): string | undefined {
  const raw = stringAt(value, where);
  return raw !== undefined && DMY_DATE.shape.test(raw) ? parseDate(raw, where) : isoDate(raw, where);
}

/** The other modules write `yyyy-mm-dd`. */
export const dateAt = (value: unknown, where: At): string | undefined => isoDate(stringAt(value, where), where);

/** Quirk 4: local `yyyy-MM-dd HH:mm:ss` (2.3) or RFC 3339 with offset (2.4) → Zurich time. */
export function timestampAt(value: unknown, where: At): string | undefined {
  const raw = stringAt(value, where);
  return raw !== undefined && raw.includes('T') ? zonedTimestamp(raw, where) : localTimestamp(raw, where);
}

/** Quirk 5: `naissance { jour, mois, annee }`, a `null` part making it partial. */
export function birthDateOf(naissance: JsonObject | undefined, where: At): string {
  const part = (name: string): At => ({ field: where.field, nativeField: `${where.nativeField}.${name}` });
  const year = required(numberAt(naissance?.annee, part('annee'), { integer: true }), part('annee'));
  const month = numberAt(naissance?.mois, part('mois'), { integer: true });
  const day = numberAt(naissance?.jour, part('jour'), { integer: true });
  return partialFromParts(year, month, day, where);
}

/** Quirk 6: a 13-digit JSON number, or a dotted string in migrated records. */
export function avsAt(value: unknown, where: At): string | undefined {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw invalid('mapping.invalid-ahv', where, 'is not a 13-digit AHV number');
  if (typeof value === 'number') return ahv13(value, where);
  return ahv13(stringAt(value, where), where);
}

/** `nationalite.code`, `pays`: ISO alpha-2 as they are; APATRIDE and INCONNUE are `XX`. */
export const countryAt = (value: unknown, where: At): string | undefined => countryAlpha2(codeAt(value, where), where, ['APATRIDE', 'INCONNUE']);

/** Quirk 7: `TI`, `PRS`: 2 or 3 letters, upper case → the contract's ISO 639 code. */
export function languageAt(value: unknown, where: At): string {
  const raw = required(codeAt(value, where), where);
  if (!/^[A-Za-z]{2,3}$/.test(raw)) throw invalid('mapping.invalid-language', where, 'is not a language code of 2 or 3 letters');
  return required(languageCode(raw.toLowerCase(), where), where);
}

/** A service code through the configuration table. */
export const serviceAt = (orgs: OrganisationMap, value: unknown, where: At): string | undefined => orgs.institution(codeAt(value, where), where);

/** `tauxActivite`, `capaciteTravail`, `octets`, `version`: JSON integers. */
export const integerAt = (value: unknown, where: At, range: { min?: number; max?: number } = {}): number | undefined =>
  numberAt(value, where, { ...range, integer: true });

/** Quirk 9: `sha256:<hex>` → lower-case hex. */
export function hashAt(value: unknown, where: At): string {
  const raw = required(stringAt(value, where), where);
  const hex = /^sha256:([0-9a-fA-F]{64})$/.exec(raw)?.[1];
  if (hex === undefined) throw invalid('mapping.invalid-hash', where, 'is not sha256: and 64 hexadecimal digits');
  return hex.toLowerCase();
}

export const mediaTypeAt = (value: unknown, where: At): string => mediaTypeOf(stringAt(value, where), where);

export const iscoAt = (value: unknown, where: At): string | undefined => iscoOf(codeAt(value, where), where);

/** An attestation, a measure's document or an autorisation's form: an id of DOCUMENTS. */
export const documentRefAt = (env: PersonEnv, value: unknown, where: At): string | undefined => documentRefOf(idAt(value, where), env.documentIds, where, 'names no document of the DOCUMENTS module');

/** A module's content; `{"acces":"REFUSE"}` (access profile) is absent (quirk 2). */
export function moduleOf(modules: JsonObject, code: string): JsonObject | undefined {
  const content = objectAt(modules[code], { field: '', nativeField: code });
  return content?.acces === 'REFUSE' ? undefined : content;
}
