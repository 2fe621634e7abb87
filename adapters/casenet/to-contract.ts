import { InputError, isObject, mapRecords, parseBody, Reject, zonedTimestamp, zurichTimestamp, type JsonObject, type MapContext, type MapResult, type NativeInput, type RecordStamp } from '../../src/adapters/sdk.js';
import { mapDossier, noDossierOf } from './read-dossier.js';
import { documentsOf, journalOf, type Located } from './read-records.js';
import { readingOf } from './reading.js';
import { settingsOf } from './settings.js';
import type { CaseEnv } from './values.js';

/** The bodies of one case: its dossier, the journal pages (or entries) and the documents. */
export interface CaseItem {
  dossier: JsonObject;
  position: number;
  journal: Located[];
  /** `page` and `totalPages` of each journal page read, to tell a read that stopped early. */
  pages: { page: number; totalPages: number }[];
  documents: Located[];
}

type Kind = 'dossier' | 'journal-page' | 'documents' | 'journal-entry' | 'document';

/** What a body is, by its content (the order of the inputs is the read's, not a contract). */
function kindOf(body: JsonObject): Kind | undefined {
  if ('beneficiaire' in body || 'pilotage' in body) return 'dossier';
  if (Array.isArray(body.elements)) return 'journal-page';
  if (Array.isArray(body.documents)) return 'documents';
  if ('dateHeure' in body) return 'journal-entry';
  if ('empreinteSha256' in body) return 'document';
  return undefined;
}

const noDossier = (body: JsonObject): string | undefined => (typeof body.noDossier === 'string' && body.noDossier.trim() !== '' ? body.noDossier.trim() : undefined);

/**
 * Groups the bodies by case: journal pages and documents bodies by their `noDossier`; a
 * body without one (the single entries a delivery posts) goes with the dossier before it.
 */
export function readInputs(inputs: readonly NativeInput[]): CaseItem[] {
  const bodies = inputs.map((input, index) => {
    const body = parseBody(input, 'casenet.malformed-body');
    const kind = isObject(body) ? kindOf(body) : undefined;
    if (!kind || !isObject(body)) throw new InputError('casenet.unknown-body', `${input.name} is none of the bodies CaseNet serves (dossier, journal page, documents)`, { field: input.name });
    return { input, index, body, kind };
  });
  const cases = bodies.filter((b) => b.kind === 'dossier').map((b, position) => ({ at: b.index, item: { dossier: b.body, position, journal: [], pages: [], documents: [] } as CaseItem }));
  for (const { input, index, body, kind } of bodies) {
    if (kind === 'dossier') continue;
    const no = noDossier(body);
    const owner = no !== undefined ? cases.find((c) => noDossier(c.item.dossier) === no) : ([...cases].reverse().find((c) => c.at < index) ?? cases[0]);
    if (!owner) throw new InputError('casenet.unmatched-body', `${input.name} belongs to no dossier of the read`, { field: input.name });
    const it = owner.item;
    if (kind === 'journal-page') {
      const page = typeof body.page === 'number' ? body.page : it.pages.length + 1;
      it.pages.push({ page, totalPages: typeof body.totalPages === 'number' ? body.totalPages : page });
      (body.elements as unknown[]).forEach((value, i) => it.journal.push({ value, nativeField: `journal.page${page}.elements[${i}]`, paged: true }));
    } else if (kind === 'journal-entry') it.journal.push({ value: body, nativeField: `journal[${it.journal.length}]` });
    else if (kind === 'documents') (body.documents as unknown[]).forEach((value) => it.documents.push({ value, nativeField: `documents[${it.documents.length}]` }));
    else it.documents.push({ value: body, nativeField: `documents[${it.documents.length}]` });
  }
  return cases.map((c) => c.item);
}

/** A journal read must have every page up to `totalPages`, else entries would be lost unseen. */
function checkPages(item: CaseItem): void {
  if (item.pages.length === 0) return;
  const total = Math.max(...item.pages.map((p) => p.totalPages));
  const seen = new Set(item.pages.map((p) => p.page));
  if (seen.size < item.pages.length) throw new Reject('mapping.incomplete', 'journal', 'journal.page', 'journal.page repeats a page of the read (journal)');
  for (let page = 1; page <= total; page += 1) {
    if (!seen.has(page)) throw new Reject('mapping.incomplete', 'journal', 'journal.totalPages', `journal.page${page} is missing from the read (journal)`);
  }
}

function documentIdsOf(item: CaseItem): Set<string> {
  return new Set(item.documents.flatMap((d) => (isObject(d.value) && typeof d.value.id === 'string' ? [d.value.id.trim()] : [])));
}

/** Quirk 10 leaves `version` and `modifieLe` unmapped; they stamp snapshots (README "Changes"). */
export function stampOf(dossier: JsonObject, extractedAt: string): RecordStamp {
  let occurredAt = extractedAt;
  try {
    occurredAt = (typeof dossier.modifieLe === 'string' ? zonedTimestamp(dossier.modifieLe, { field: '', nativeField: 'modifieLe' }) : undefined) ?? extractedAt;
  } catch {
    // A malformed modifieLe stamps the snapshot with the time of the read.
  }
  const version = typeof dossier.version === 'number' ? String(dossier.version) : occurredAt;
  return { version, occurredAt };
}

/**
 * CaseNet bodies (a dossier, its journal pages and documents, as `GET` serves them; or
 * the bodies of a delivery) → one record per dossier. A dossier that breaks the contract
 * is rejected naming its `noDossier`; the other dossiers of the same inputs go on.
 */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const { organisations } = settingsOf(ctx);
  const extractedAt = zurichTimestamp(ctx.now());
  return mapRecords(
    readInputs(inputs),
    (item) => {
      checkPages(item);
      const env: CaseEnv = { orgs: organisations, institutionId: ctx.institutionId, canton: ctx.canton, extractedAt, documentIds: documentIdsOf(item) };
      const draft = mapDossier(item.dossier, env);
      const r = readingOf(env);
      return { ...draft, journal: journalOf(item.journal, r), documents: documentsOf(item.documents, r) };
    },
    { nativeIdOf: (item) => noDossierOf(item.dossier, item.position), stampOf: (item) => stampOf(item.dossier, extractedAt) },
  );
}
