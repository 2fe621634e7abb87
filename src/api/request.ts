import type { Context } from 'hono';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { InputError } from '../errors.js';

/** Reads a JSON body; anything that is not JSON is a 400 naming the problem, never a 500. */
export async function readJson(c: Context, alreadyRead?: string): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new InputError('request.unsupported-media-type', 'send the body as application/json', { field: 'content-type' }, 415);
  }
  const text = alreadyRead ?? (await c.req.text());
  // NUL never belongs in a case system's text, and PostgreSQL cannot store it.
  if (text.includes('\u0000') || /\\u0000/i.test(text)) {
    throw new InputError('request.nul-byte', 'the body holds a NUL character', { field: 'body' });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InputError('request.malformed-json', 'the body is not valid JSON', { field: 'body' });
  }
}

/** A whole number from the query, written plainly (`20`, not `0x14`, `2e1`, `+20`); the fallback when absent. */
export function queryInt(c: Context, name: string, fallback: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const value = /^\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new InputError('request.invalid-query', `${name} must be a whole number from ${min} to ${max}`, { field: name });
  }
  return value;
}

const TIMESTAMP = /^(19\d\d|2[01]\d\d|2200)-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/** True for an RFC 3339 timestamp with offset, years 1900–2200, whose date and time exist. */
export function isTimestamp(raw: string): boolean {
  const m = TIMESTAMP.exec(raw);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && se < 60 && !Number.isNaN(Date.parse(raw));
}

export function queryTimestamp(c: Context, name: string): string | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!isTimestamp(raw)) {
    throw new InputError('request.invalid-query', `${name} must be an RFC 3339 timestamp with offset, years 1900 to 2200`, { field: name });
  }
  return new Date(raw).toISOString();
}

/** A short text from the query (an institution id, a purpose); control characters are refused. */
export function queryText(c: Context, name: string, maxLength = 128): string | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > maxLength || /[\u0000-\u001f\u007f]/.test(raw)) {
    throw new InputError('request.invalid-query', `${name} must be at most ${maxLength} printable characters`, { field: name });
  }
  return raw;
}

type CursorField = 'timestamp' | 'uuid';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Opaque paging cursors: the last item's sort key, signed with the gateway's cursor key,
 * so a cursor reaches SQL only if this gateway gave it out and its fields are what they
 * must be.
 */
export function encodeCursor(key: Uint8Array, value: Record<string, string>): string {
  const body = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

export function decodeCursor<K extends string>(c: Context, key: Uint8Array, shape: Readonly<Record<K, CursorField>>): Record<K, string> | undefined {
  const raw = c.req.query('cursor');
  if (raw === undefined || raw === '') return undefined;
  const refuse = (): never => {
    throw new InputError('request.invalid-cursor', 'cursor is not one this API gave out; start without it', { field: 'cursor' });
  };
  const [body, signature, extra] = raw.split('.');
  if (!body || !signature || extra !== undefined || raw.length > 512) return refuse();
  const expected = createHmac('sha256', key).update(body).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return refuse();
  }
  for (const [name, kind] of Object.entries(shape) as [K, CursorField][]) {
    const v = parsed[name];
    if (typeof v !== 'string' || (kind === 'uuid' ? !UUID.test(v) : !isTimestamp(v))) return refuse();
  }
  return parsed as Record<K, string>;
}
