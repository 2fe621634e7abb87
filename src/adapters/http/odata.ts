// OData as the canton systems speak it: escaped names, verbose SharePoint JSON, filters.

/** `_xHHHH_` escapes (SharePoint internal names, NAV option values) → characters: `Aide_x0020_sociale` → `Aide sociale`. */
export function decodeODataName(name: string): string {
  return name.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Characters → `_xHHHH_` escapes, as SharePoint builds internal names: everything but
 * ASCII letters, digits and `_` is escaped. SharePoint cuts internal names at 32
 * characters, even inside an escape (`Data_x0020_di_x0020_arrivo_x0020`): pass 32 for it.
 */
export function encodeODataName(name: string, maxLength = Number.MAX_SAFE_INTEGER): string {
  let out = '';
  for (const char of name) {
    const code = char.codePointAt(0)!;
    out += /[A-Za-z0-9_]/.test(char) ? char : `_x${code.toString(16).padStart(4, '0')}_`;
  }
  return out.slice(0, maxLength);
}

/**
 * A SharePoint internal name matched against the display name it was built from,
 * allowing for the 32-character cut: true when `internal` is `encodeODataName(display)`
 * or its cut prefix.
 */
export function isInternalNameOf(internal: string, display: string): boolean {
  const full = encodeODataName(display);
  return full === internal || (internal.length === 32 && full.startsWith(internal));
}

/** SharePoint's verbose JSON: `{ d: { results: [...] , __next } }` or `{ d: {...} }` → items and the next link. */
export function verboseItems(body: unknown): { items: Record<string, unknown>[]; next?: string } {
  const d = (body as { d?: unknown } | null)?.d;
  if (d && typeof d === 'object' && Array.isArray((d as { results?: unknown }).results)) {
    const next = (d as { __next?: unknown }).__next;
    return { items: (d as { results: Record<string, unknown>[] }).results, ...(typeof next === 'string' ? { next } : {}) };
  }
  if (d && typeof d === 'object') return { items: [d as Record<string, unknown>] };
  return { items: [] };
}

/** A verbose multi value `{ results: [...] }` → its items; anything else → []. */
export function verboseResults<T = unknown>(value: unknown): T[] {
  const results = (value as { results?: unknown } | null)?.results;
  return Array.isArray(results) ? (results as T[]) : [];
}

/**
 * OData v4 JSON: `{ value: [...], '@odata.nextLink'?, '@odata.deltaLink'? }` → items and
 * links; in a delta page, rows removed since the last one (`$deletedEntity`) apart.
 */
export function odataPage(body: unknown): { items: Record<string, unknown>[]; deleted: Record<string, unknown>[]; nextLink?: string; deltaLink?: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  const all = Array.isArray(b.value) ? (b.value as Record<string, unknown>[]) : b && typeof b === 'object' && !('value' in b) ? [b] : [];
  const isDeleted = (row: Record<string, unknown>): boolean => typeof row['@odata.context'] === 'string' && (row['@odata.context'] as string).endsWith('$deletedEntity');
  return {
    items: all.filter((r) => !isDeleted(r)),
    deleted: all.filter(isDeleted),
    ...(typeof b['@odata.nextLink'] === 'string' ? { nextLink: b['@odata.nextLink'] } : {}),
    ...(typeof b['@odata.deltaLink'] === 'string' ? { deltaLink: b['@odata.deltaLink'] } : {}),
  };
}

/** A string literal for a `$filter`: quotes doubled (`O'Brien` → `'O''Brien'`). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `field eq 'a' or field eq 'b'` (numbers unquoted: `CasoId eq 502`), the way NAV, Dataverse and SharePoint join sub-queries for a page. */
export function odataAnyOf(field: string, values: readonly (string | number)[]): string {
  return values.map((v) => `${field} eq ${typeof v === 'number' ? String(v) : odataString(v)}`).join(' or ');
}
