import { v5 as uuidv5 } from 'uuid';

/** Namespace of record ids, fixed by the contract. */
export const RECORD_ID_NAMESPACE = '6f1c9a52-5b0e-4c43-9d3e-3a1f0e2b7c11';

/** The same person in the same source system always gets the same record id. */
export function recordIdFor(system: string, localPersonId: string): string {
  return uuidv5(`${system}:${localPersonId}`, RECORD_ID_NAMESPACE);
}
