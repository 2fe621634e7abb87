import { odataText, verboseResults } from '../../src/adapters/sdk.js';

export type Json = Record<string, unknown>;

// Typed reads of verbose SharePoint JSON (those of any OData service are the SDK's
// `odata*` readers): a value of the wrong JSON type rejects its record like a malformed one does.

/** A choice label (or a lookup id) as text for a code list. */
export const label = (value: unknown): string | undefined => odataText(value);

/** The values of a multi column (`{ results: [...] }`), as text. */
export const multi = (value: unknown): string[] => verboseResults(value).map((v) => odataText(v)).filter((v): v is string => v !== undefined);

/** `VAL-77` → 77 when the id has the prefix of its list: the item it came from. */
export function itemIdOf(id: string | undefined, prefix: string): number | undefined {
  const m = id === undefined ? null : new RegExp(`^${prefix}-(\\d+)$`).exec(id);
  return m ? Number(m[1]) : undefined;
}

/** An Enti id (a lookup) as the key of the `organisations` table. */
export const enteKey = (value: unknown): string | undefined => (typeof value === 'number' ? String(value) : odataText(value));
