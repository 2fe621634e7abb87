import { invalid, odataText, parseDate, type At } from '../../src/adapters/sdk.js';
import type { Json } from './inputs.js';

// Typed reads of Dataverse JSON values (those of any OData service are the SDK's
// `odata*` readers): a value of the wrong JSON type rejects its record like a malformed one does.

/** A Date Only column (`2024-11-12`). */
export function dateOnly(value: unknown, where: At): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid('mapping.invalid-date', where, 'is not a date');
  return parseDate(value, where);
}

/** A choice value: an integer (or its text). */
export function choice(value: unknown): number | string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

/** A navigation property expanded by `$expand` (`smig_institution { accountnumber }`), or undefined. */
export function expanded(row: Json, name: string): Json | undefined {
  const value = row[name];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/** A collection expanded by `$expand`, or []. */
export function rows(row: Json, name: string): Json[] {
  const value = row[name];
  return Array.isArray(value) ? (value.filter((v) => v !== null && typeof v === 'object') as Json[]) : [];
}

/** The owner's table of a lookup (`systemuser`, `team`), from the `lookuplogicalname` annotation. */
export function lookupTable(row: Json, column: string): string | undefined {
  return odataText(row[`${column}@Microsoft.Dynamics.CRM.lookuplogicalname`]);
}

/** Dataverse ids are GUIDs; ids of other systems are not. */
export const isGuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
