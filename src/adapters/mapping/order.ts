import { at, item, Reject, type At } from './reject.js';

// Native lists in the contract's order (by date or time, stable), each entry keeping its
// native index, so that a rejection names both its place in the record and its place in
// the file. Systems list newest first, in storage order or by hand; the contract is oldest
// first. Comparing keys as strings holds for `yyyy-mm-dd` dates and for `instantKey`s.

/** A list entry with its place: `where` has the contract index and the native one. */
export interface Placed<T> {
  value: T;
  where: At;
  nativeIndex: number;
}

export interface OrderOptions<T> {
  /** Sort key (a date, or an instant from `instantKey`); without it the native order stays. */
  keyOf?: (value: T, where: At) => string | undefined;
  /** The native list comes newest first: read it backwards before sorting, so that equal keys keep the writer's order. */
  newestFirst?: boolean;
  /** Entries to leave out (and so not to count in the contract's indices). */
  keep?: (value: T) => boolean;
  /**
   * A key that cannot be read (`keyOf` throws a `Reject`): `reject` (the default) rejects
   * naming the entry by its native position, having no place in the contract's order yet;
   * `first` sorts it first, for lists whose mapping of the entry rejects it afterwards.
   */
  unreadable?: 'reject' | 'first';
}

/** Where a key is read only to sort (with `unreadable: 'first'`): the entry's own mapping names it. */
export const SORTING: At = at('', '');

/** A native list in the contract's order; `base` is the list's place on both sides. */
export function ordered<T>(values: readonly T[], base: At, options: OrderOptions<T> = {}): Placed<T>[] {
  const { keyOf, keep } = options;
  // Keys are read in native order, so that of two bad keys the first in the file is named.
  const entries = values
    .map((value, nativeIndex) => ({ value, nativeIndex }))
    .filter((e) => keep?.(e.value) ?? true)
    .map((e) => ({ ...e, key: keyOf ? keyIn(options, () => keyOf(e.value, item(base, e.nativeIndex))) : '' }));
  if (options.newestFirst) entries.reverse();
  const keyed = entries.map((e, position) => ({ ...e, position }));
  if (keyOf) keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.position - b.position));
  return keyed.map((e, index) => ({ value: e.value, where: item(base, index, e.nativeIndex), nativeIndex: e.nativeIndex }));
}

function keyIn<T>(options: OrderOptions<T>, read: () => string | undefined): string {
  return options.unreadable === 'first' ? sortKey(read) : (read() ?? '');
}

/**
 * A sort key read before its entry is mapped, for a key built of parts: blank when it
 * cannot be read (a `Reject`), since the entry's own mapping rejects it, naming its place.
 */
export function sortKey(read: () => string | undefined): string {
  try {
    return read() ?? '';
  } catch (error) {
    if (error instanceof Reject) return '';
    throw error;
  }
}

/** A contract timestamp as a key that sorts by instant across the Zurich offsets (+01:00, +02:00). */
export function instantKey(timestamp: string | undefined): string | undefined {
  return timestamp === undefined ? undefined : new Date(timestamp).toISOString();
}

/** `dd.mm.yyyy` as a key that sorts by date (`yyyymmdd`); anything else as it is, to be rejected when its entry is read. */
export function dmySortKey(value: string | undefined): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value ?? '');
  return m ? `${m[3]}${m[2]}${m[1]}` : (value ?? '');
}
