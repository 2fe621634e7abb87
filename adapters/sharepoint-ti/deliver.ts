import { odataAnyOf, odataString, UpstreamError, verboseResults, zurichTimestamp, type CaseRecord, type ConnectionSettings, type DeliveryRequest, type HttpAnswer, type Receipt } from '../../src/adapters/sdk.js';
import { etagOf, isItemId, itemAnswer, listAnswer } from './answers.js';
import { CASI, CASO, CONSENSI, DIARIO, DOCUMENTI, MISURE, STATUTI, VALUTAZIONI, type ListKey } from './columns.js';
import { fromContract } from './from-contract.js';
import type { DeliveryDocument, DeliveryEntry } from './inputs.js';
import type { SiteClient } from './site-client.js';
import type { Json } from './values.js';

// A delivery (FORMAT.md "Deliver"): the `Casi` item (POST, or MERGE with IF-MATCH into the
// case the site holds), then the child items with the case's `CasoId`. SharePoint has no
// idempotency key: a delivery again finds the case and the children the first one wrote
// and merges into them instead of adding them twice.

type Child = Exclude<ListKey, 'casi'>;

/** Children after the documents, whose new ids the references (`-n`) of measures and consents need. */
const ORDER: readonly Child[] = ['documenti', 'statuti', 'valutazioni', 'misure', 'diario', 'consensi'];

/** Columns that tell a child item the site holds already (an item of an earlier delivery). */
const IDENTITY: Readonly<Record<Child, readonly string[]>> = {
  statuti: [STATUTI.statuto, STATUTI.dal],
  valutazioni: [VALUTAZIONI.data, VALUTAZIONI.ente],
  misure: [MISURE.title, MISURE.tipo, MISURE.inizio],
  diario: [DIARIO.quando, DIARIO.categoria, DIARIO.ente],
  documenti: [DOCUMENTI.impronta],
  consensi: [CONSENSI.tipo, CONSENSI.firma],
};

/** Columns of the person: a case found by its number is the record's only when they agree. */
const PERSON = [CASI.cognome, CASI.nome, CASI.dataNascita, CASI.annoNascita, CASI.meseNascita] as const;

interface Held {
  id: number;
  etag: string | undefined;
  children: Record<Child, Json[]>;
}

const norm = (v: unknown): string => {
  // Instants as the site serves them and as they are written differ in form only.
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) return String(Date.parse(v));
  return JSON.stringify(v ?? null);
};

function sameItem(columns: readonly string[], a: Json, b: Json): boolean {
  // An entry that says none of the columns is like no item.
  return columns.some((c) => a[c] !== undefined && a[c] !== null) && columns.every((c) => norm(a[c]) === norm(b[c]));
}

export async function deliverTo(site: SiteClient, settings: ConnectionSettings, request: DeliveryRequest): Promise<Receipt> {
  // A value the lists cannot say refuses the record before anything is sent.
  const [file] = fromContract([request.record], settings, { transferId: request.transferId, at: settings.now() });
  const doc = JSON.parse(new TextDecoder().decode(file!.content)) as DeliveryDocument;
  const casi = site.itemsPath('casi');

  const readCase = async (id: number, accept?: number[]): Promise<HttpAnswer> => site.get(`${casi}(${id})`, 'the case read', undefined, accept);

  const heldOf = async (id: number, etag: string | undefined): Promise<Held> => {
    const children: Record<Child, Json[]> = { statuti: [], valutazioni: [], misure: [], diario: [], documenti: [], consensi: [] };
    for (const { key, items } of await site.childPages([id])) children[key].push(...items);
    return { id, etag, children };
  };

  /** The case of the record the site holds, if any: by its Id (this site's own record), else by AHV number, else by number and person. */
  const findHeld = async (record: CaseRecord): Promise<Held | undefined> => {
    if (doc.casi.Id !== undefined) {
      const answer = await readCase(doc.casi.Id, [200, 404]);
      if (answer.status === 200) {
        const { id, etag } = itemAnswer(answer, 'the case read');
        return heldOf(id, etag);
      }
    }
    const item = doc.casi.item;
    const vn = item[CASI.avs];
    // The site writes AHV numbers dotted; one typed in by hand may lack the dots.
    const filter = typeof vn === 'string' ? odataAnyOf(CASI.avs, [...new Set([vn, vn.replace(/\D/g, '')])]) : `Title eq ${odataString(record.source.localCaseId)}`;
    const found = listAnswer(await site.get(casi, 'the case search', { $filter: filter, $orderby: 'Id', $top: '50' }), 'the case search').items;
    // A case number alone may be another person's in this site: the names and birth must agree too.
    const matches = typeof vn === 'string' ? found : found.filter((c) => PERSON.every((col) => norm(c[col]) === norm(item[col])));
    if (matches.length > 1) {
      throw new UpstreamError('sharepoint-ti.ambiguous-person', 'the site holds more than one case for the person of the record; the delivery was not sent', {
        retryable: false,
        details: typeof vn === 'string' ? { field: 'person.vn', nativeField: CASI.avs } : { field: 'source.localCaseId', nativeField: 'Title' },
      });
    }
    const match = matches[0];
    if (!match) return undefined;
    if (!isItemId(match.Id)) throw new UpstreamError('sharepoint-ti.invalid-answer', 'SharePoint answered the case search without a valid d.results[].Id; the answer was not used', { retryable: true, details: { field: 'd.results[].Id' } });
    return heldOf(match.Id, etagOf(match));
  };

  const merge = (key: ListKey, id: number, body: Json, etag: string, accept?: number[]): Promise<HttpAnswer> =>
    site.write(`${site.itemsPath(key)}(${id})`, `the ${key} update`, body, { 'x-http-method': 'MERGE', 'if-match': etag }, accept);

  const updateCase = async (held: Held): Promise<HttpAnswer> => {
    const item = doc.casi.item;
    let answer = await merge('casi', held.id, item, held.etag ?? '*', [204, 412]);
    if (answer.status === 412) {
      // Changed in the site since it was read: read it again, try once more.
      const again = itemAnswer(await readCase(held.id), 'the case read');
      answer = await merge('casi', held.id, item, again.etag ?? '*', [204, 412]);
      if (answer.status === 412) {
        throw new UpstreamError('sharepoint-ti.precondition-failed', 'the site changed the case again while it was updated; the next attempt reads it anew', { retryable: true, details: { httpStatus: 412 } });
      }
    }
    return answer;
  };

  const held = await findHeld(request.record);
  let caseId: number;
  let etag: string | undefined;
  let answer: HttpAnswer;
  if (held) {
    answer = await updateCase(held);
    caseId = held.id;
    etag = answer.etag;
  } else {
    answer = await site.write(casi, 'the case insert', doc.casi.item, {}, [201]);
    const created = itemAnswer(answer, 'the case insert');
    caseId = created.id;
    etag = created.etag;
  }

  const counts = { created: 0, merged: 0, documentsNotUploaded: 0 };
  const documentIds: (number | undefined)[] = [];
  /** A reference to the n-th document of this delivery (`-n`): its item id, or none when it was not written. */
  const resolve = (ref: unknown): number | undefined => (typeof ref === 'number' && ref < 0 ? documentIds[-ref - 1] : isItemId(ref) ? ref : undefined);

  for (const key of ORDER) {
    const entries: DeliveryEntry[] = doc[key] ?? [];
    const heldItems = held?.children[key] ?? [];
    const taken = new Set<number>();
    for (const entry of entries) {
      const item: Json = { ...entry.item, [CASO]: caseId };
      // References to documents of this delivery get their item ids; one not written is left out, never cleared.
      if (key === 'misure' && MISURE.documenti in item) {
        const ids = verboseResults(item[MISURE.documenti]).map(resolve).filter(isItemId);
        if (ids.length === 0) delete item[MISURE.documenti];
        else item[MISURE.documenti] = { ...(item[MISURE.documenti] as Json), results: ids };
      }
      if (key === 'consensi' && CONSENSI.modulo in item) {
        const modulo = resolve(item[CONSENSI.modulo]);
        if (modulo === undefined) delete item[CONSENSI.modulo];
        else item[CONSENSI.modulo] = modulo;
      }
      const existing = heldItems.find((h) => isItemId(h.Id) && !taken.has(h.Id) && (h.Id === entry.Id || sameItem(IDENTITY[key], item, h)));
      if (existing && isItemId(existing.Id)) {
        taken.add(existing.Id);
        await merge(key, existing.Id, item, '*');
        counts.merged += 1;
        if (key === 'documenti') documentIds.push(existing.Id);
        continue;
      }
      if (key === 'documenti') {
        // The request carries document metadata only (the content is addressed by sha256, not sent): no file to add.
        documentIds.push(undefined);
        counts.documentsNotUploaded += 1;
        continue;
      }
      itemAnswer(await site.write(site.itemsPath(key), `the ${key} insert`, item, {}, [201]), `the ${key} insert`);
      counts.created += 1;
    }
  }

  return {
    at: zurichTimestamp(settings.now()),
    reference: String(caseId),
    status: held ? 'updated' : 'created',
    details: { httpStatus: answer.status, ...(etag ? { etag } : {}), children: counts.created, merged: counts.merged, ...(counts.documentsNotUploaded > 0 ? { documentsNotUploaded: counts.documentsNotUploaded } : {}) },
  };
}
