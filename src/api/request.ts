import type { Context } from 'hono';
import { InputError } from '../errors.js';

/** Reads a JSON body; anything that is not JSON is a 400 naming the problem, never a 500. */
export async function readJson(c: Context, alreadyRead?: string): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new InputError('request.unsupported-media-type', 'send the body as application/json', { field: 'content-type' }, 415);
  }
  const text = alreadyRead ?? (await c.req.text());
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InputError('request.malformed-json', 'the body is not valid JSON', { field: 'body' });
  }
}

export function queryInt(c: Context, name: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError('request.invalid-query', `${name} must be a whole number from ${min} to ${max}`, { field: name });
  }
  return value;
}

export function queryTimestamp(c: Context, name: string): string | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(raw) || Number.isNaN(Date.parse(raw))) {
    throw new InputError('request.invalid-query', `${name} must be an RFC 3339 timestamp with offset`, { field: name });
  }
  return new Date(raw).toISOString();
}

/** Opaque paging cursors: base64url JSON of the last item's sort key. */
export function encodeCursor(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<K extends string>(c: Context, keys: readonly K[]): Record<K, string> | undefined {
  const raw = c.req.query('cursor');
  if (raw === undefined || raw === '') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (keys.every((k) => typeof parsed[k] === 'string')) return parsed as Record<K, string>;
  } catch {
    // fall through to the error below
  }
  throw new InputError('request.invalid-cursor', 'cursor is not one this API gave out; start without it', { field: 'cursor' });
}
