import { ConfigError, cursorContent, encodeCursor } from '../../src/adapters/sdk.js';

// Where a poll stands, as the opaque cursor the poller saves after every page (base64url
// JSON). A poll round ("cycle") reads every `Casi` item with `Modified ge since`, page by
// page, then the cases whose child lists changed; the next round starts at `start`, the
// instant the round began, so that an item changed behind the paging position is read
// next round. Items served again at or after that instant with the etag they had are
// skipped (`seen`): nothing is read twice, nothing is lost.

export const EPOCH = '1970-01-01T00:00:00Z';
/** What goes into `$filter` unquoted: an instant and nothing else. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$/;
/** An etag as SharePoint writes it (`"3"`), bounded. */
const ETAG = /^(W\/)?"[^"\s]{1,64}"$/;

/** An item served, with its etag and `Modified`: `[Id, etag, Modified]`. */
export type Seen = [number, string, string];

export interface PollCursor {
  /** Start of the round's window (inclusive: `ge`), `YYYY-MM-DDTHH:MM:SSZ`. */
  since: string;
  /** Mid-round only: the instant the round began, the next round's `since`. */
  start?: string;
  /** Mid-round: the `Casi` page to fetch next, `d.__next` as served. */
  next?: string;
  /** Mid-round: cases whose child lists changed in the window and that were not read yet. */
  pending?: number[];
  /** Items served with `Modified` at or after the next window's start. */
  seen?: Seen[];
}

export const isInstant = (v: unknown): v is string => typeof v === 'string' && INSTANT.test(v) && !Number.isNaN(Date.parse(v));

/** An instant as SharePoint's `datetime'…'` takes it: UTC, whole seconds (rounded down: earlier is safe with `ge`). */
export const filterInstant = (at: Date | string): string => new Date(Math.floor(new Date(at).getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const invalid = (): ConfigError => new ConfigError('sharepoint-ti.cursor-invalid', 'the poll cursor is not one this adapter gave out; start the poll again from an instant', { field: 'cursor' });

/** A cursor that starts the poll at an instant (RFC 3339), inclusive as SharePoint filters `ge`. */
export function pollCursorSince(since: string): string {
  if (!isInstant(since)) throw new ConfigError('sharepoint-ti.cursor-invalid', 'a poll start must be an RFC 3339 instant', { field: 'since' });
  return encodeCursor({ since: filterInstant(since) });
}

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
export const isSeen = (v: unknown): v is Seen => Array.isArray(v) && v.length === 3 && positive(v[0]) && typeof v[1] === 'string' && ETAG.test(v[1]) && isInstant(v[2]);

export function decodeCursor(value: string | null): PollCursor {
  if (value === null) return { since: EPOCH };
  const c = cursorContent(value) as Partial<PollCursor> | null | undefined;
  const ok =
    c !== null && typeof c === 'object' && isInstant(c.since) &&
    (c.start === undefined || isInstant(c.start)) &&
    (c.next === undefined || (typeof c.next === 'string' && c.start !== undefined)) &&
    (c.pending === undefined || (Array.isArray(c.pending) && c.pending.every(positive) && c.start !== undefined)) &&
    (c.seen === undefined || (Array.isArray(c.seen) && c.seen.every(isSeen))) &&
    // Mid-round there is always something left to read.
    (c.start === undefined || c.next !== undefined || (c.pending?.length ?? 0) > 0);
  if (!ok) throw invalid();
  return c as PollCursor;
}

/** Whether an item was served already with the etag it has now. */
export function wasSeen(seen: readonly Seen[] | undefined, id: number, etag: string | undefined): boolean {
  return etag !== undefined && (seen ?? []).some(([i, e]) => i === id && e === etag);
}

/** `seen` and the items just served, newest per id, only those a window from `from` serves again. */
export function keepSeen(seen: readonly Seen[], added: readonly Seen[], from: string): Seen[] {
  const byId = new Map<number, Seen>();
  for (const s of [...seen, ...added]) byId.set(s[0], s);
  return [...byId.values()].filter(([, , modified]) => Date.parse(modified) >= Date.parse(from));
}
