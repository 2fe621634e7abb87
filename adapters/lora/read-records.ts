import { at, listAt, objectAt, type JsonObject } from '../../src/adapters/sdk.js';

/** The ids of DOCUMENTS, for the references of the other modules. */
export function documentIdsOf(documents: JsonObject | undefined): Set<string> {
  const ids = listAt(documents?.documents, at('documents', 'DOCUMENTS.documents')).flatMap((d) => {
    const id = objectAt(d, at('', ''))?.id;
    return typeof id === 'number' || typeof id === 'string' ? [String(id).trim()] : [];
  });
  return new Set(ids);
}
