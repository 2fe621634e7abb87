import { at, documentRef, instantKey, JSON_TREE, journalEntry, objectAt, sub, type FieldNames, type JsonObject, type Reading } from '../../src/adapters/sdk.js';
import { NAMES } from './reading.js';
import { timestampAt } from './values.js';

/** A journal element or document of another body, with its native place (`journal.page2.elements[3]`). */
export interface Located {
  value: unknown;
  nativeField: string;
  /** From a journal page (newest first), not a single entry a delivery posts (oldest first). */
  paged?: boolean;
}

const JOURNAL = NAMES.journal as FieldNames;
const DOCUMENTS = NAMES.documents as FieldNames;

/**
 * Journal elements of all pages, in page order (newest first, quirk 2) → `journal[]` by
 * time. `auteur` is a member of staff: never mapped (quirk 8).
 */
export function journalOf(elements: readonly Located[], r: Reading<JsonObject>): unknown[] {
  // Read backwards what came newest first, so that entries of the same time keep their order.
  // A bad time has no place in the contract's order yet: it is named by its place in the read.
  const read = elements.map((e, index) => {
    const native = at(`journal[${index}]`, e.nativeField);
    return { ...e, key: instantKey(timestampAt(objectAt(e.value, native)?.dateHeure, sub(native, 'at', 'dateHeure'))) ?? '' };
  });
  const keyed = [...read.filter((e) => e.paged).reverse(), ...read.filter((e) => !e.paged)].map((e, position) => ({ ...e, position }));
  const sorted = keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.position - b.position));
  return sorted.map((e, index) => {
    const where = at(`journal[${index}]`, e.nativeField);
    return journalEntry(r, r.entry(JSON_TREE.node(e.value, where), where, JOURNAL));
  });
}

/** The documents body's entries → `documents[]` (metadata only); `lien` is not mapped. */
export function documentsOf(documents: readonly Located[], r: Reading<JsonObject>): unknown[] {
  return documents.map((d, index) => {
    const where = at(`documents[${index}]`, d.nativeField);
    return documentRef(r, r.entry(JSON_TREE.node(d.value, where), where, DOCUMENTS));
  });
}
