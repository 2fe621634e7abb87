import { dateOfLocalMidnight, parseTimestamp } from '../mapping/dates.js';
import { decimal, integer } from '../mapping/numbers.js';
import { invalid, type At } from '../mapping/reject.js';

// Typed reads of the JSON values Microsoft's OData services serve (Dataverse, SharePoint
// REST): a value of the wrong JSON type rejects its record like a malformed one does.
// Looser than mapping/json.ts on purpose: these services write Int64 and lookup ids as
// strings or numbers, depending on the column and the `odata` metadata level.

/** A text column, or a number as its decimal text; blank is absent. Inner blanks are kept. */
export function odataText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A Date and Time column (an instant in UTC), as a Zurich timestamp. */
export function odataTimestamp(value: unknown, where: At): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid('mapping.invalid-date', where, 'is not a timestamp');
  return parseTimestamp(value, where);
}

/**
 * A date stored as the UTC instant of its Zurich midnight (SharePoint date columns,
 * Dynamics "User Local" dates): `2022-05-29T22:00:00Z` is 30 May. Another instant is no
 * date a user picked, and rejects (`dateOfLocalMidnight`).
 */
export function odataLocalDate(value: unknown, where: At): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw invalid('mapping.invalid-date', where, 'is not a timestamp');
  return dateOfLocalMidnight(value, where);
}

export function odataBoolean(value: unknown, where: At): boolean | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid('mapping.invalid-boolean', where, 'is not a yes/no value');
  return value;
}

/** A whole-number column, or an Int64 written as a string (`File/Length`). */
export function odataWhole(value: unknown, where: At, range?: { min?: number; max?: number }): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'number' && typeof value !== 'string') throw invalid('mapping.invalid-number', where, 'is not a whole number');
  return integer(value, where, range);
}

/** A decimal column (a number, or its text). */
export function odataNumber(value: unknown, where: At, range?: { min?: number; max?: number }): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'number' && typeof value !== 'string') throw invalid('mapping.invalid-number', where, 'is not a number');
  return decimal(value, where, range);
}
