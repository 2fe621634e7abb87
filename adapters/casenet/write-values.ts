import type { CodeList, OrganisationMap } from '../../src/adapters/sdk.js';

// Contract values as CaseNet writes them: what it reads, backwards.

/** What the writing of one record needs. */
export interface WriteEnv {
  orgs: OrganisationMap;
  /** The record came from CaseNet: its own `nativeCode`s go back as they came. */
  own: boolean;
}

export const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** The native code of a contract value; one the list cannot say fails the record's write, naming the path. */
export function encode<C extends string>(list: CodeList<C>, value: C, field: string, nativeField: string, nativeCode?: string, own = true): string {
  return list.encodeAt(value, { field, nativeField }, { nativeCode, own, says: 'has no CaseNet code' });
}

export function encodeOptional<C extends string>(list: CodeList<C>, value: C | undefined, field: string, nativeField: string): string | null {
  return value === undefined ? null : encode(list, value, field, nativeField);
}

/** An institution's CaseNet code; one without fails the write, naming the path. */
export const institutionCode = (env: WriteEnv, id: string, field: string, nativeField: string): string => env.orgs.requireNative(id, field, nativeField);


/** Quirk 3 backwards: a partial date as a full date and its precision (`1990` → `1990-01-01` + `ANNEE`); none when withheld. */
export function birthDate(date: string | undefined): { dateNaissance: string | null; precisionDateNaissance: string | null } {
  if (date === undefined) return { dateNaissance: null, precisionDateNaissance: null };
  if (/^\d{4}$/.test(date)) return { dateNaissance: `${date}-01-01`, precisionDateNaissance: 'ANNEE' };
  if (/^\d{4}-\d{2}$/.test(date)) return { dateNaissance: `${date}-01`, precisionDateNaissance: 'MOIS' };
  return { dateNaissance: date, precisionDateNaissance: 'JOUR' };
}

/** Newest first (quirk 2): the contract's order, backwards. */
export const newestFirst = <T>(values: readonly T[] | undefined): T[] => [...(values ?? [])].reverse();
