/**
 * Absent means unknown (contract.md): `undefined`, `null`, blank strings, empty arrays and
 * objects that hold nothing else are left out, recursively. Other values stay as they are.
 */
export function compact<T>(value: T): T {
  return (prune(value) ?? {}) as T;
}

function prune(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const kept = prune(v);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value;
}

/** Sorted copy by a string key (dates, timestamps): the contract's defined orders. Stable. */
export function sortBy<T>(items: readonly T[], key: (item: T) => string | undefined): T[] {
  return items
    .map((value, index) => ({ value, index, k: key(value) ?? '' }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.index - b.index))
    .map((x) => x.value);
}

/** Trims the ends of free text only (CDATA spanning lines keeps its inner line breaks); CRLF → LF. */
export function text(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.replace(/\r\n?/g, '\n').trim();
  return trimmed === '' ? undefined : trimmed;
}

/** `a, b,,c` → `['a', 'b', 'c']` for in-cell lists. */
export function list(value: string | null | undefined, separator: string | RegExp = ','): string[] {
  if (value === null || value === undefined) return [];
  return value
    .split(separator)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
