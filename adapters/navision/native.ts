import { decimal, decodeODataName, invalid, parseDate, text, type At } from '../../src/adapters/sdk.js';

// NAV's side of the exchange: the entity sets, and its values with their blanks.
// Quirk 1 of FORMAT.md: a blank is NAV's default, never a missing key. A missing key or
// `null` is read as blank too, so the bodies the writer produces (which leave unknown
// fields out) read back the same.

/** One entity as OData serves it: field name → JSON value. */
export type NavRow = Readonly<Record<string, unknown>>;

/** The entity sets of a read, the five sub-queries in the order FORMAT.md runs them. */
export const SUB_SETS = ['Bilans_Potentiel', 'Mesures_Integration', 'Notes_Beneficiaire', 'Documents_Beneficiaire', 'Autorisations'] as const;
export type SubSet = (typeof SUB_SETS)[number];
export type EntitySet = 'Beneficiaires' | SubSet;

export const BLANK_DATE = '0001-01-01';
export const BLANK_OPTION = '_blank_';
export const BLANK_DATETIME = '0001-01-01T00:00:00Z';

/** A beneficiary with the rows of the five sub-queries that name it, in the order served. */
export interface Beneficiary {
  card: NavRow;
  subs: Readonly<Record<SubSet, readonly NavRow[]>>;
}

function notAValue(where: At): never {
  throw invalid('mapping.invalid-value', where, 'is not a value of its NAV type');
}

/** A Code or Text value, ends trimmed; `""` is blank. */
export function navText(value: unknown, where: At): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return notAValue(where);
  return text(value);
}

/** A Date; `0001-01-01` is blank. */
export function navDate(value: unknown, where: At): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') return notAValue(where);
  return parseDate(value, where, { absent: [BLANK_DATE] });
}

/** An Integer or Decimal; `0` is blank. NAV may serve decimals as strings (IEEE754Compatible). */
export function navNumber(value: unknown, where: At): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'number' && typeof value !== 'string') return notAValue(where);
  const n = decimal(value, where);
  return n === 0 ? undefined : n;
}

/** An Option: its enum name with `_xHHHH_` decoded (`Aide_x0020_sociale` → `Aide sociale`); `_blank_` is blank. */
export function navOption(value: unknown, where: At): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') return notAValue(where);
  if (value.trim() === BLANK_OPTION) return undefined;
  return text(decodeODataName(value));
}

/** A Boolean: never blank in NAV; a missing key is unknown. */
export function navBoolean(value: unknown, where: At): boolean | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'boolean') return notAValue(where);
  return value;
}

/** A Text list, `;`-separated (quirk 6). */
export function navList(value: unknown, where: At): string[] {
  const raw = navText(value, where);
  return raw === undefined ? [] : raw.split(';').map((v) => v.trim()).filter((v) => v !== '');
}

/** The rows of an expanded navigation property (`BeneficiaireStatuts`). */
export function navRows(value: unknown, where: At): NavRow[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => v === null || typeof v !== 'object' || Array.isArray(v))) return notAValue(where);
  return value as NavRow[];
}
