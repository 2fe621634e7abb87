import { eventIdFor, odataPage, type CaseRecord, type RecordChange, type RecordStamp } from '../../src/adapters/sdk.js';
import { tableOf } from './inputs.js';

// Change tracking (FORMAT.md "Changes"): pages end with `@odata.nextLink`, the last with
// `@odata.deltaLink`, which is the cursor of the next poll. Events come from comparing
// each dossier with its last snapshot (`diffRecords`).

/**
 * The event id of a snapshot change: UUID v5 of `centralis:<smig_dossierid>:<@odata.etag>:<type>`.
 * `stamp.version` is `<smig_dossierid>:<@odata.etag>` (see `stampOf`).
 */
export function changeEventId(_record: CaseRecord, change: RecordChange, stamp: RecordStamp): string {
  return eventIdFor('centralis', stamp.version, change.type);
}

/** Where a dossier page leads: the next page of this poll, or the cursor of the next poll. */
export function dossierLinks(body: unknown): { nextLink?: string; deltaLink?: string } {
  if (tableOf(body) !== 'smig_dossiers') return {};
  const { nextLink, deltaLink } = odataPage(body);
  return { ...(nextLink ? { nextLink } : {}), ...(deltaLink ? { deltaLink } : {}) };
}

/** The ids of the page's dossiers and of their persons, for the related queries (joined with `or`). */
export function dossierKeys(body: unknown): { dossierIds: string[]; personIds: string[] } {
  const items = odataPage(body).items;
  const ids = (key: string) => items.map((i) => i[key]).filter((v): v is string => typeof v === 'string');
  return { dossierIds: ids('smig_dossierid'), personIds: ids('_smig_personne_value') };
}
