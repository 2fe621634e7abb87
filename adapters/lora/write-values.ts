import { formatDmy, formatLocalIso, invalid, type CodeList, type OrganisationMap } from '../../src/adapters/sdk.js';

// Contract values as Lora writes them: what it reads, backwards.

/** What the writing of one record needs. */
export interface WriteEnv {
  orgs: OrganisationMap;
  /** The record came from Lora: its own `nativeCode`s go back as they came. */
  own: boolean;
  /** Lora 2.4: ISO dates in the legacy modules, RFC 3339 journal times (quirks 3, 4). */
  iso: boolean;
}

export const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** The native code of a contract value; one the list cannot say fails the record's write, naming the path. */
export function encode<C extends string>(list: CodeList<C>, value: C, field: string, nativeField: string, nativeCode?: string, own = true): string {
  return list.encodeAt(value, { field, nativeField }, { nativeCode, own, says: 'has no Lora code' });
}

/**
 * A module Lora requires (FORMAT.md quirk 2: INFO_PRIMAIRE, SEJOUR and ENCADREMENT). A
 * delivered record lacks every category the policy withheld, even parts the contract
 * requires of a source: without the part a required module is made of, the write fails
 * naming the contract path and the module, rather than filling one in.
 */
export function needed<T>(value: T | undefined, field: string, module: string): T {
  if (value === undefined) throw invalid('mapping.required', { field, nativeField: module }, 'is a module Lora requires, and the record has no part for it: withheld or unknown');
  return value;
}

/** A service's code; an institution without one fails the write, naming the path. */
export const serviceCode = (env: WriteEnv, id: string, field: string, nativeField: string): string => env.orgs.requireNative(id, field, nativeField);

/**
 * Quirk 7 backwards: Lora's ids are integers. Another system's id that is not one is
 * written as it is: Lora assigns an integer and its receipt lists it.
 */
export function loraId(id: string): number | string {
  return /^(0|[1-9]\d{0,14})$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id;
}

/** A date of INFO_PRIMAIRE or SEJOUR: `dd.mm.yyyy`, ISO on Lora 2.4. */
export const legacyDate = (env: WriteEnv, date: string | undefined): string | null => (date === undefined ? null : env.iso ? date : formatDmy(date));

/** A JOURNAL time: local `yyyy-MM-dd HH:mm:ss`, RFC 3339 on Lora 2.4. */
export const journalTime = (env: WriteEnv, at: string): string => (env.iso ? at : formatLocalIso(at, ' '));
