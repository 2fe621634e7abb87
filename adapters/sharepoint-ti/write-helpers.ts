import { invalid, localMidnightUtc, type At, type CaseRecord, type CodeList, type OrganisationMap } from '../../src/adapters/sdk.js';
import { CASO, LISTS, PREFIX, type ListKey } from './columns.js';
import type { DeliveryEntry } from './inputs.js';
import { itemIdOf, type Json } from './values.js';

/** What writing one record needs. */
export interface Writer {
  record: CaseRecord;
  enti: OrganisationMap;
  /** A record read from this site: its item ids and `nativeCode`s go back as they came. */
  own: boolean;
  /** The case's item id when it exists (a MERGE), for the children's `CasoId`. */
  casoId?: number;
}

export function entry(list: ListKey, id: number | undefined, fields: Json): DeliveryEntry {
  return { ...(id === undefined ? {} : { Id: id }), item: { __metadata: { type: LISTS[list].type }, ...clean(fields) } };
}

/** A child's fields with its case's `CasoId` (when the case exists). */
export const withCaso = (w: Writer, fields: Json): Json => ({ ...(w.casoId === undefined ? {} : { [CASO]: w.casoId }), ...fields });

/** The Italian label of a contract code; a code the column cannot say refuses the delivery. */
export function label<C extends string>(list: CodeList<C>, value: C, where: At, nativeCode?: string, own = true): string {
  const native = list.encode(value, nativeCode, own);
  if (native === undefined) throw invalid('mapping.cannot-carry', where, 'has no choice in the column for the value');
  return native;
}

export function enteId(w: Writer, institutionId: string, where: At): number {
  return Number(w.enti.requireNative(institutionId, where.field, where.nativeField));
}

/** A multi-choice value in verbose JSON; none for no values. */
export const choices = (values: readonly string[]): Json | undefined =>
  values.length === 0 ? undefined : { __metadata: { type: 'Collection(Edm.String)' }, results: [...values] };

/** A multi-lookup value (item ids) in verbose JSON. */
export const lookups = (ids: readonly number[]): Json | undefined => (ids.length === 0 ? undefined : { __metadata: { type: 'Collection(Edm.Int32)' }, results: [...ids] });

export const midnight = (date: string | undefined): string | undefined => date && localMidnightUtc(date);

/** The item id of a child the record came with (`VAL-77` → 77), for a MERGE. */
export const ownId = (w: Writer, id: string, prefix: (typeof PREFIX)[keyof typeof PREFIX]): number | undefined => (w.own ? itemIdOf(id, prefix) : undefined);

/** Leaves out what is unknown, so a MERGE never clears a value (an explicit `null` stays). */
function clean(fields: Json): Json {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''));
}
