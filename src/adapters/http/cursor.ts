// A poll cursor as a transport gives it out: opaque text the gateway saves after every page
// and hands back, base64url of the JSON of where the poll stands. What it holds is the
// adapter's own; the adapter checks it field by field when it comes back.

/** Where a poll stands, as the opaque text of a cursor. */
export function encodeCursor(cursor: object): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** What a cursor of `encodeCursor` holds; undefined for text that is none (not base64url JSON). */
export function cursorContent(value: string): unknown {
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
