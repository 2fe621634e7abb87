import { InputError } from '../../errors.js';
import type { NativeInput } from '../port.js';
import { invalid, type At } from './reject.js';
import { text } from './shape.js';

// Reading JSON bodies value by value, each with the place it feeds (contract path and
// native JSON path), so that a value of the wrong JSON type rejects its record naming
// both sides instead of surfacing as a schema fault. For any adapter reading JSON bodies
// (REST, webhooks); lists in the contract's order come from `ordered` (order.ts).

export type JsonObject = Readonly<Record<string, unknown>>;

export const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A body as JSON (UTF-8, a BOM tolerated); anything else refuses the whole input, naming it. */
export function parseBody(input: NativeInput, code: string): unknown {
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(input.content);
  } catch {
    throw new InputError(code, `${input.name} is not UTF-8 text`, { field: input.name });
  }
  try {
    return JSON.parse(raw.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    throw new InputError(code, `${input.name} is not JSON`, { field: input.name });
  }
}

const absent = (value: unknown): value is null | undefined => value === null || value === undefined;

/** An object; `null`, absent, or an object of nulls and `[]` only is undefined (absent means unknown); anything else rejects. */
export function objectAt(value: unknown, where: At): JsonObject | undefined {
  if (absent(value)) return undefined;
  if (!isObject(value)) throw invalid('mapping.invalid-type', where, 'is not a JSON object');
  const empty = Object.values(value).every((v) => absent(v) || (Array.isArray(v) && v.length === 0));
  return empty ? undefined : value;
}

/** A list; `null` or absent is empty (absent means unknown); anything else rejects. */
export function listAt(value: unknown, where: At): readonly unknown[] {
  if (absent(value)) return [];
  if (!Array.isArray(value)) throw invalid('mapping.invalid-type', where, 'is not a JSON array');
  return value;
}

/** A string, trimmed; blank is undefined; a number or anything else rejects. */
export function stringAt(value: unknown, where: At): string | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== 'string') throw invalid('mapping.invalid-type', where, 'is not a JSON string');
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Free text: only the ends trimmed, inner line breaks kept (CRLF → LF). */
export function textAt(value: unknown, where: At): string | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== 'string') throw invalid('mapping.invalid-type', where, 'is not a JSON string');
  return text(value);
}

/** A code: a string, or a whole number some systems send instead (`"sexe": 1`). */
export function codeAt(value: unknown, where: At): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'number') throw invalid('mapping.invalid-code', where, 'is not a code');
  return stringAt(value, where);
}

/** An id: a string, or a whole number written as its decimal text. */
export function idAt(value: unknown, where: At): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw invalid('mapping.invalid-id', where, 'is not a whole number nor a text');
    return String(value);
  }
  return stringAt(value, where);
}

export function booleanAt(value: unknown, where: At): boolean | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== 'boolean') throw invalid('mapping.invalid-boolean', where, 'is not true or false');
  return value;
}

/** A JSON number (not a numeral in a string), in range. */
export function numberAt(value: unknown, where: At, range: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  if (absent(value)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid('mapping.invalid-number', where, 'is not a JSON number');
  if (range.integer && !Number.isSafeInteger(value)) throw invalid('mapping.invalid-number', where, 'is not a whole number');
  if (range.min !== undefined && value < range.min) throw invalid('mapping.out-of-range', where, `is below ${range.min}`);
  if (range.max !== undefined && value > range.max) throw invalid('mapping.out-of-range', where, `is above ${range.max}`);
  return value;
}
