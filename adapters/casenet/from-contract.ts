import { writing, type CaseRecord, type DeliveryNaming, type MapContext, type NativeInput } from '../../src/adapters/sdk.js';
import { DOCUMENT_KIND, JOURNAL } from './codes.js';
import { settingsOf } from './settings.js';
import { dossierBody } from './write-dossier.js';
import { encode, newestFirst, type WriteEnv } from './write-values.js';

const encoder = new TextEncoder();
const json = (name: string, body: unknown): NativeInput => ({ name, content: encoder.encode(`${JSON.stringify(body, null, 2)}\n`) });
const safe = (part: string): string => part.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * Journal entries as CaseNet takes them. An entry of an institution without a CaseNet code
 * is left out: CaseNet refuses entries of institutions it is not configured for.
 */
function journalBodies(record: CaseRecord, env: WriteEnv): Record<string, unknown>[] {
  return (record.journal ?? []).flatMap((j, i) => {
    const institution = env.orgs.nativeOf(j.institutionId);
    if (institution === undefined) return [];
    return [{ id: j.id, dateHeure: j.at, institution, type: encode(JOURNAL, j.category, `journal[${i}].category`, 'journal.type'), texte: j.text }];
  });
}

/** Document metadata (the content goes separately, addressed by its SHA-256; quirk 7 backwards). */
function documentBodies(record: CaseRecord, env: WriteEnv): Record<string, unknown>[] {
  return (record.documents ?? []).map((d, i) => ({
    id: d.id,
    titre: d.title,
    genre: encode(DOCUMENT_KIND, d.kind, `documents[${i}].kind`, 'documents.genre', d.nativeCode, env.own),
    typeMime: d.mediaType,
    empreinteSha256: d.sha256.toUpperCase(),
    taille: d.size,
    dateDocument: d.date,
  }));
}

/** The bodies `GET` would serve: the dossier, one journal page (newest first), the documents list. */
function readShape(record: CaseRecord, env: WriteEnv): NativeInput[] {
  const no = record.source.localCaseId;
  const elements = newestFirst(journalBodies(record, env)).map((e) => ({ ...e, auteur: null }));
  return [
    json(`${safe(no)}.dossier.json`, dossierBody(record, env)),
    json(`${safe(no)}.journal.page1.json`, { noDossier: no, page: 1, taille: elements.length, totalElements: elements.length, totalPages: 1, elements }),
    json(`${safe(no)}.documents.json`, { noDossier: no, documents: documentBodies(record, env).map((d) => ({ ...d, lien: null })) }),
  ];
}

/**
 * The requests of a delivery, in order: `<prefix>.dossier.json` for `POST /dossiers` (no
 * noDossier, version nor person id: CaseNet gives them in its receipt; after a `409` the
 * same body goes to `PUT /dossiers/{no}`), then `<prefix>.journal.<n>.json` for `POST
 * /dossiers/{no}/journal` and `<prefix>.document.<n>.json` for `POST /dossiers/{no}/documents`.
 */
function deliveryShape(record: CaseRecord, env: WriteEnv, prefix: string): NativeInput[] {
  const { noDossier: _no, version: _v, etat: _e, typeSuivi: _t, ouvertLe: _o, modifieLe: _m, beneficiaire, ...rest } = dossierBody(record, env);
  const n = (i: number): string => String(i + 1).padStart(3, '0');
  return [
    // Identity and languages withheld: no beneficiary at all, rather than an object of nulls.
    json(`${prefix}.dossier.json`, { beneficiaire: record.person === undefined ? null : { ...(beneficiaire as object), idPersonne: null }, ...rest }),
    ...journalBodies(record, env).map((body, i) => json(`${prefix}.journal.${n(i)}.json`, body)),
    ...documentBodies(record, env).map((body, i) => json(`${prefix}.document.${n(i)}.json`, body)),
  ];
}

/**
 * Records → CaseNet bodies. Without a delivery, the bodies a read serves (round trips);
 * with one, the bodies of its requests, named after the transfer. A value CaseNet cannot
 * say (an institution without a code, a country or language outside the tables) fails
 * the record's write naming the contract path.
 */
export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[] {
  const { organisations } = settingsOf(ctx);
  return records.flatMap((record, k) =>
    writing(record, () => {
      const env: WriteEnv = { orgs: organisations, own: record.source.system === 'casenet' };
      if (!delivery) return readShape(record, env);
      const prefix = records.length > 1 ? `${safe(delivery.transferId)}.${k + 1}` : safe(delivery.transferId);
      return deliveryShape(record, env, prefix);
    }),
  );
}
