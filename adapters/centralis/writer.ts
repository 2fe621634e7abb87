import { eventIdFor, type BatchPart, type CaseRecord, type OrganisationMap } from '../../src/adapters/sdk.js';
import type { Json } from './inputs.js';
import type { LanguageOptions } from './optionset.js';
import { isGuid } from './values.js';

/** What writing one record needs: the settings' tables and whether the record came from Centralis. */
export interface Writer {
  record: CaseRecord;
  accounts: OrganisationMap;
  businessUnits: OrganisationMap;
  languages: LanguageOptions;
  /** A record read from Centralis: its own `nativeCode`s and GUIDs go back as they came. */
  own: boolean;
  parts: BatchPart[];
  add(entitySet: string, body: Json): string;
}

/** A row's key: the record's own GUID, else one derived from the record and the id (the same on every delivery). */
export function guid(w: Writer, kind: string, id: string): string {
  return w.own && isGuid(id) ? id : eventIdFor(w.record.recordId, kind, id);
}
