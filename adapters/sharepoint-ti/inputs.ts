import { InputError, odataAnyOf, verboseItems, verboseResults, type NativeInput } from '../../src/adapters/sdk.js';
import { CASI, CASO, CONSENSI, DIARIO, DOCUMENTI, LISTS, MISURE, STATUTI, VALUTAZIONI, type ListKey } from './columns.js';
import type { Json } from './values.js';

/** The items of one read (or of delivery documents `fromContract` wrote), by list, in the order they came. */
export type SpBodies = Record<ListKey, Json[]> & { delivered: boolean };

const BY_TYPE = new Map<string, ListKey>(Object.entries(LISTS).map(([key, list]) => [list.type, key as ListKey]));

/** Columns only one list has: the list of an item whose `__metadata.type` an installation renamed. */
const MARKS: readonly [ListKey, string][] = [
  ['casi', CASI.cognome],
  ['statuti', STATUTI.statuto],
  ['valutazioni', VALUTAZIONI.data],
  ['misure', MISURE.tipo],
  ['diario', DIARIO.quando],
  ['documenti', DOCUMENTI.impronta],
  ['consensi', CONSENSI.firma],
];

export function listOf(item: Json): ListKey | undefined {
  const type = (item.__metadata as Json | undefined)?.type;
  const byType = typeof type === 'string' ? BY_TYPE.get(type) : undefined;
  return byType ?? MARKS.find(([, column]) => column in item)?.[0];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function parse(input: NativeInput): unknown {
  let text: string;
  try {
    text = decoder.decode(input.content).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError('sharepoint-ti.unreadable', `${input.name} is not UTF-8`, { file: input.name });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError('sharepoint-ti.unreadable', `${input.name} is not JSON`, { file: input.name });
  }
}

/** Sorts verbose answers (`{ d: … }`) and delivery documents into lists, each item by its content. */
export function readBodies(inputs: readonly NativeInput[]): SpBodies {
  const out: SpBodies = { casi: [], statuti: [], valutazioni: [], misure: [], diario: [], documenti: [], consensi: [], delivered: false };
  for (const input of inputs) {
    const body = parse(input);
    if (isDelivery(body)) {
      addDelivery(out, body);
      out.delivered = true;
      continue;
    }
    if (!body || typeof body !== 'object' || !('d' in body)) throw new InputError('sharepoint-ti.unknown-body', `${input.name} is no verbose SharePoint answer`, { file: input.name });
    for (const item of verboseItems(body).items) {
      const list = listOf(item);
      if (!list) throw new InputError('sharepoint-ti.unknown-item', `${input.name} holds an item of no list this adapter reads`, { file: input.name });
      out[list].push(item);
    }
  }
  return out;
}

/** An entry of a delivery document: the item body, and the item's `Id` when it exists already (a MERGE). */
export interface DeliveryEntry {
  Id?: number;
  item: Json;
  /** Documenti only: the file to upload (`Files/add`), its content addressed by `sha256`. */
  file?: { Name: string; Length: string; sha256: string };
}

export type DeliveryDocument = { casi: DeliveryEntry } & Partial<Record<Exclude<ListKey, 'casi'>, DeliveryEntry[]>>;

export function isDelivery(body: unknown): body is DeliveryDocument {
  const casi = (body as { casi?: { item?: Json } } | null)?.casi;
  return !!casi && typeof casi === 'object' && (casi.item?.__metadata as Json | undefined)?.type === LISTS.casi.type;
}

/**
 * A delivery document read back as the items a read would give: ids from the entries,
 * `CasoId` from the case, `File` and `File_x0020_Type` from the file to upload, and
 * references to documents of the same delivery (`-n`, the n-th of `documenti`) resolved.
 */
function addDelivery(out: SpBodies, doc: DeliveryDocument): void {
  const casoId = doc.casi.Id;
  out.casi.push({ ...doc.casi.item, Id: casoId });
  const documents = doc.documenti ?? [];
  const resolve = (ref: unknown): number | undefined => (typeof ref === 'number' && ref < 0 ? documents[-ref - 1]?.Id : typeof ref === 'number' ? ref : undefined);
  const child = (e: DeliveryEntry): Json => ({ ...e.item, Id: e.Id, [CASO]: e.item[CASO] ?? casoId });
  for (const key of ['statuti', 'valutazioni', 'diario'] as const) out[key].push(...(doc[key] ?? []).map(child));
  for (const e of doc.misure ?? []) {
    const row = child(e);
    row[MISURE.documenti] = { results: verboseResults(e.item[MISURE.documenti]).map(resolve).filter((id) => id !== undefined) };
    out.misure.push(row);
  }
  for (const e of documents) {
    const ext = /\.([A-Za-z0-9]+)$/.exec(e.file?.Name ?? '')?.[1]?.toLowerCase();
    out.documenti.push({ ...child(e), File: e.file && { Name: e.file.Name, Length: e.file.Length }, [DOCUMENTI.fileType]: ext ?? null });
  }
  for (const e of doc.consensi ?? []) {
    const row = child(e);
    row[CONSENSI.modulo] = resolve(e.item[CONSENSI.modulo]) ?? null;
    out.consensi.push(row);
  }
}

/** The `__next` link of a page, followed as is. */
export function nextPageOf(body: unknown): string | undefined {
  return verboseItems(body).next;
}

/** The `Id`s of a page's `Casi` items, for the child queries. */
export function caseIds(body: unknown): number[] {
  return verboseItems(body)
    .items.filter((i) => listOf(i) === 'casi')
    .map((i) => i.Id)
    .filter((id): id is number => typeof id === 'number');
}

/** `CasoId eq 502 or CasoId eq 660`: lookup ids are numbers, unquoted (the SDK's `odataAnyOf`). */
export function anyOfIds(field: string, ids: readonly number[]): string {
  return odataAnyOf(field, ids.map((id) => Math.trunc(id)));
}
