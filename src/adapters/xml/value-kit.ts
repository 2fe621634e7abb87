import { ahv13, zemis } from '../mapping/identifiers.js';
import { dmySortKey } from '../mapping/order.js';
import { integer } from '../mapping/numbers.js';
import type { At } from '../mapping/reject.js';
import type { Range, ValueKit } from '../mapping/reading.js';
import { text } from '../mapping/shape.js';

/** A reader of XML text: an attribute or an element's text, trimmed (absent when blank). */
export type TextReader = (value: string | undefined, where: At, range?: Range) => unknown;

/**
 * The value kit of an XML format (for the contract readers, reading.ts): ids, codes and
 * references as they are written, free text trimmed, whole numbers, AHV and ZEMIS numbers,
 * providers through the institution table; `readers` give what is the system's own (its
 * dates, its yes and no, its tables).
 */
export function xmlValueKit(readers: Readonly<Record<string, TextReader>> & { institution: TextReader }): ValueKit {
  const as = (read: TextReader) => (raw: unknown, where: At, range?: Range) => read(raw as string | undefined, where, range);
  const same: TextReader = (v) => v;
  const kit: Record<string, TextReader> = {
    ...{ id: same, code: same, isco: same, documentRef: same },
    text: (v) => text(v),
    integer: (v, w, range) => integer(v, w, range),
    number: (v, w, range) => integer(v, w, range),
    ahv: (v, w) => ahv13(v, w),
    zemis: (v, w) => zemis(v, w),
    provider: readers.institution,
    ...readers,
  };
  return Object.fromEntries(Object.entries(kit).map(([kind, read]) => [kind, as(read)]));
}

/**
 * A `Reading`'s sort keys for formats that write `dd.mm.yyyy` (the Diartis systems): lists
 * are sorted by the text of their dates as they stand, so a date that does not parse is
 * named when its entry is read, at its place in that order.
 */
export const dmyOrder = (_kind: 'date' | 'timestamp', raw: unknown): string => dmySortKey(raw as string | undefined);
