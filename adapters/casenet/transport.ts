import type { CaseRecord, CaseRef, ChangePage, Connection, ConnectionSettings, DeliveryRequest, JsonObject, NativeInput, Receipt, RecordStamp, Rejection } from '../../src/adapters/sdk.js';
import { answerJson, ConfigError, connectionClient, cursorContent, encodeCursor, HttpAnswer, InputError, isObject, OrganisationMap, readRecord, UpstreamError, zonedTimestamp, zurichTimestamp } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import { connectionSettingsOf } from './settings.js';
import { toContract } from './to-contract.js';

// CaseNet's REST API (FORMAT.md "Transport"): an OAuth2 client-credentials token; a read is
// the dossier, every journal page up to `totalPages` and the documents; the fallback poll
// pages through `GET /dossiers?modifiesDepuis=` and reads each dossier it lists; a delivery
// posts the dossier (a known AVS number: `409`, then `PUT` with `If-Match`), then each
// journal entry and each document.

const SYSTEM = 'casenet';
const EPOCH = '1970-01-01T00:00:00Z';
/** More journal or change-list pages than this is a CaseNet fault, not a dossier: it would loop forever. */
const MAX_PAGES = 1000;
/** Dossiers CaseNet stamped with the very same instant: more than this in a cursor is a runaway list. */
const MAX_SEEN = 1000;

const decoder = new TextDecoder();

/** An RFC 3339 instant with offset, as CaseNet serves it and as `modifiesDepuis` takes it; undefined when it is none. */
function instant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return zonedTimestamp(value, { field: '', nativeField: '' }) === undefined ? undefined : value.trim();
  } catch {
    return undefined;
  }
}
const sameInstant = (a: string, b: string): boolean => Date.parse(a) === Date.parse(b);

// --- The poll cursor -------------------------------------------------------------------

/**
 * Where a poll stands. `since` is this poll's `modifiesDepuis` and `seen` the dossiers the
 * previous poll already read at exactly that instant (CaseNet's "depuis" may be inclusive:
 * they come again and are skipped). Mid-poll: `page` to fetch next, `skip` entries of it
 * already read (a limit smaller than CaseNet's page), and the latest `modifieLe` seen so far
 * with the dossiers at it (`max`, `atMax`): the next poll starts there.
 */
interface PollCursor {
  since: string;
  seen?: string[];
  page?: number;
  skip?: number;
  max?: string;
  atMax?: string[];
}

/** A cursor that starts the poll at an instant (RFC 3339 with offset). */
export function pollCursorSince(since: string): string {
  if (instant(since) === undefined) throw new ConfigError('casenet.cursor-invalid', 'a poll start must be an RFC 3339 instant with offset');
  return encodeCursor({ since: since.trim() });
}

const ids = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.length <= MAX_SEEN && v.every((x) => typeof x === 'string' && x !== ''));
const whole = (v: unknown, min: number): boolean => v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= MAX_PAGES);

function decodeCursor(value: string | null): PollCursor {
  if (value === null) return { since: EPOCH };
  const c = cursorContent(value) as Partial<PollCursor> | null | undefined;
  // Checked field by field: `since` goes into a query, the rest steers the poll.
  if (isObject(c) && instant(c.since) !== undefined && (c.max === undefined || instant(c.max) !== undefined) && ids(c.seen) && ids(c.atMax) && whole(c.page, 1) && whole(c.skip, 0)) return c as PollCursor;
  throw new ConfigError('casenet.cursor-invalid', 'the poll cursor is not one this adapter gave out; start the poll again with pollCursorSince');
}

// --- Answers ----------------------------------------------------------------------------

/** A body of the wrong shape: the field named, never the value (bodies hold personal data). */
const invalidAnswer = (what: string, field: string, says: string): UpstreamError =>
  new UpstreamError('casenet.invalid-answer', `CaseNet answered ${what} with a body whose ${field} ${says}`, { retryable: true, details: { field } });

function objectOf(answer: HttpAnswer, what: string, field: string): JsonObject {
  const body = answerJson(answer, field);
  if (!isObject(body)) throw invalidAnswer(what, field, 'is not a JSON object');
  return body;
}

/** A page of CaseNet's paging (`page`, `totalPages`, `elements`), checked against the page asked for. */
function pageOf(answer: HttpAnswer, what: string, field: string, page: number): { body: JsonObject; totalPages: number; elements: unknown[] } {
  const body = objectOf(answer, what, field);
  if (!Array.isArray(body.elements)) throw invalidAnswer(what, `${field}.elements`, 'is not a list');
  const total = body.totalPages;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) throw invalidAnswer(what, `${field}.totalPages`, 'is not a whole number');
  if (total > MAX_PAGES) throw invalidAnswer(what, `${field}.totalPages`, `is more than ${MAX_PAGES}`);
  if (body.page !== undefined && body.page !== page) throw invalidAnswer(what, `${field}.page`, 'is not the page asked for');
  return { body, totalPages: total, elements: body.elements };
}

/** A body about another dossier than the one asked for is CaseNet's fault, not the dossier's. */
function sameDossier(body: JsonObject, no: string, what: string, field: string): void {
  if (typeof body.noDossier === 'string' && body.noDossier.trim() !== no) throw invalidAnswer(what, `${field}.noDossier`, 'is not the dossier asked for');
}

/** One entry of the change list: `{noDossier, modifieLe}`. */
function changeOf(value: unknown, i: number): { no: string; modifieLe: string } {
  const what = 'the change list';
  if (!isObject(value)) throw invalidAnswer(what, `elements[${i}]`, 'is not a JSON object');
  const no = typeof value.noDossier === 'string' ? value.noDossier.trim() : '';
  if (no === '') throw invalidAnswer(what, `elements[${i}].noDossier`, 'is missing');
  const modifieLe = instant(value.modifieLe);
  if (modifieLe === undefined) throw invalidAnswer(what, `elements[${i}].modifieLe`, 'is not an RFC 3339 timestamp with offset');
  return { no, modifieLe };
}

const input = (name: string, answer: HttpAnswer): NativeInput => ({ name, content: answer.bytes });
const parsed = (body: NativeInput): Record<string, unknown> => JSON.parse(decoder.decode(body.content)) as Record<string, unknown>;

// --- Writing ----------------------------------------------------------------------------

const isAbsent = (v: unknown): boolean => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

/**
 * The dossier to `PUT`: CaseNet's own over which the record's parts are laid. A part the
 * record leaves absent (`null`, `[]`: withheld or unknown) keeps what CaseNet holds, so a
 * filtered record clears nothing; an object of another `id` (a new case manager) is not
 * mixed with the old one.
 */
function overlay(held: unknown, ours: unknown): unknown {
  if (isAbsent(ours)) return held === undefined ? ours : held;
  if (!isObject(ours) || !isObject(held)) return ours;
  if ('id' in ours && 'id' in held && ours.id !== held.id) return ours;
  const out: Record<string, unknown> = { ...held };
  for (const [key, value] of Object.entries(ours)) out[key] = overlay(held[key], value);
  return out;
}

/** A journal entry CaseNet already holds: the same id, or the same instant, institution, type and text. */
function sameEntry(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  if (typeof a.id === 'string' && a.id === b.id) return true;
  const at = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : Number.NaN);
  return at(a.dateHeure) === at(b.dateHeure) && a.institution === b.institution && a.type === b.type && a.texte === b.texte;
}

/** A document CaseNet already holds: the same id, or the same content (SHA-256). */
function sameDocument(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  if (typeof a.id === 'string' && a.id === b.id) return true;
  const hash = (v: unknown): string | undefined => (typeof v === 'string' ? v.toLowerCase() : undefined);
  return hash(a.empreinteSha256) !== undefined && hash(a.empreinteSha256) === hash(b.empreinteSha256);
}

/** What CaseNet holds of a dossier, for an update. */
interface Held {
  no: string;
  dossier: JsonObject;
  journal: JsonObject[];
  documents: JsonObject[];
}

const versionOf = (dossier: JsonObject): string | undefined =>
  typeof dossier.version === 'number' && Number.isInteger(dossier.version) ? String(dossier.version) : typeof dossier.version === 'string' && /^\d{1,18}$/.test(dossier.version) ? dossier.version : undefined;

// --- The connection ---------------------------------------------------------------------

/** Connects to one institution's CaseNet; settings and secrets fail here, naming the key. */
export function connect(settings: ConnectionSettings): Connection {
  const s = connectionSettingsOf(settings);
  const orgs: OrganisationMap = s.organisations;
  const http = connectionClient(settings, s, {
    system: SYSTEM,
    credentials: { kind: 'oauth2-client-credentials', tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: s.clientSecret },
    headers: { accept: 'application/json' },
    now: () => settings.now().getTime(),
  });

  const dossierPath = (no: string): string => `dossiers/${encodeURIComponent(no)}`;

  /**
   * The bodies of one dossier in FORMAT order: the dossier, its journal pages 1…totalPages,
   * its documents. Undefined when `gone` and CaseNet no longer knows the dossier.
   */
  async function fetchCase(no: string, options: { gone?: boolean } = {}): Promise<{ inputs: NativeInput[]; held: Held } | undefined> {
    const what = 'the dossier read';
    const answer = await http.request('GET', dossierPath(no), { what, ...(options.gone ? { accept: [200, 404] } : {}) });
    if (answer.status === 404) return undefined;
    const dossier = objectOf(answer, what, 'dossier');
    sameDossier(dossier, no, what, 'dossier');
    const inputs = [input('dossier.json', answer)];
    const journal: JsonObject[] = [];
    for (let page = 1; ; page += 1) {
      const field = `journal.page${page}`;
      const answerN = await http.request('GET', `${dossierPath(no)}/journal`, { query: { page: String(page), taille: String(s.pageSize) }, what: 'the journal read' });
      const read = pageOf(answerN, 'the journal read', field, page);
      sameDossier(read.body, no, 'the journal read', field);
      inputs.push(input(`${field}.json`, answerN));
      journal.push(...read.elements.filter(isObject));
      if (page >= read.totalPages) break;
    }
    const docs = await http.request('GET', `${dossierPath(no)}/documents`, { what: 'the documents read' });
    const body = objectOf(docs, 'the documents read', 'documents');
    if (!Array.isArray(body.documents)) throw invalidAnswer('the documents read', 'documents.documents', 'is not a list');
    sameDossier(body, no, 'the documents read', 'documents');
    inputs.push(input('documents.json', docs));
    return { inputs, held: { no, dossier, journal, documents: body.documents.filter(isObject) } };
  }

  /** The bodies mapped; a body none of CaseNet's is CaseNet's fault here, not the caller's. */
  function mapped(inputs: readonly NativeInput[]): { records: CaseRecord[]; rejections: Rejection[]; stamps?: RecordStamp[] } {
    try {
      return toContract(inputs, settings);
    } catch (error) {
      if (error instanceof InputError) throw invalidAnswer('the dossier read', String(error.details.field ?? 'body'), 'is none of the bodies CaseNet serves');
      throw error;
    }
  }

  // --- delivery ---

  const receiptOf = (answer: HttpAnswer, what: string): { no: string; version?: number; idPersonne?: string; at?: string } => {
    const body = objectOf(answer, what, 'receipt');
    const no = typeof body.noDossier === 'string' ? body.noDossier.trim() : '';
    if (no === '') throw invalidAnswer(what, 'receipt.noDossier', 'is missing');
    const at = instant(body.recuLe);
    return {
      no,
      ...(typeof body.version === 'number' && Number.isInteger(body.version) ? { version: body.version } : {}),
      ...(typeof body.idPersonne === 'string' && body.idPersonne.trim() !== '' ? { idPersonne: body.idPersonne.trim() } : {}),
      ...(at ? { at } : {}),
    };
  };

  async function update(no: string, dossier: Record<string, unknown>): Promise<{ answer: HttpAnswer; held: Held }> {
    const found = await fetchCase(no);
    let held = found!.held;
    const put = (h: Held): Promise<HttpAnswer> => {
      const version = versionOf(h.dossier);
      if (version === undefined) throw invalidAnswer('the dossier read', 'dossier.version', 'is not a version number');
      return http.request('PUT', dossierPath(no), { json: overlay(h.dossier, dossier), headers: { 'if-match': `"${version}"` }, accept: [200, 412], what: 'the dossier update' });
    };
    let answer = await put(held);
    if (answer.status === 412) {
      // Changed in CaseNet since it was read: read it again, try once more.
      const again = await http.request('GET', dossierPath(no), { what: 'the dossier read' });
      held = { ...held, dossier: objectOf(again, 'the dossier read', 'dossier') };
      answer = await put(held);
      if (answer.status === 412) {
        throw new UpstreamError('casenet.precondition-failed', 'CaseNet changed the dossier again while it was updated; the next attempt reads it anew', { retryable: true, details: { httpStatus: 412 } });
      }
    }
    return { answer, held };
  }

  return {
    async read(ref: CaseRef) {
      const no = ref.nativeId ?? ref.localCaseId;
      const { inputs } = (await fetchCase(no))!;
      const record = readRecord(mapped(inputs), { code: 'casenet.empty', message: 'CaseNet answered the dossier read without a dossier' });
      return { record, nativeId: no };
    },

    async listChanges(cursor: string | null, limit: number): Promise<ChangePage> {
      const at = decodeCursor(cursor);
      const page = at.page ?? 1;
      const answer = await http.request('GET', 'dossiers', { query: { modifiesDepuis: at.since, page: String(page) }, what: 'the change list' });
      const list = pageOf(answer, 'the change list', 'body', page);
      const changes = list.elements.map(changeOf);
      const skip = Math.min(at.skip ?? 0, changes.length);
      const size = Math.max(1, Math.min(Number.isFinite(limit) ? Math.floor(limit) : 1, 1000));
      const chunk = changes.slice(skip, skip + size);

      const seen = new Set(at.seen ?? []);
      let max = at.max;
      let atMax = new Set(at.atMax ?? []);
      const records: CaseRecord[] = [];
      const rejections: Rejection[] = [];
      const stamps: RecordStamp[] = [];
      for (const change of chunk) {
        // Read at the end of the last poll, at the instant this one starts from.
        if (seen.has(change.no) && sameInstant(change.modifieLe, at.since)) continue;
        // Gone between the list and the read: nothing left to hand over.
        const found = await fetchCase(change.no, { gone: true });
        if (found) {
          const result = mapped(found.inputs);
          records.push(...result.records);
          rejections.push(...result.rejections);
          stamps.push(...(result.stamps ?? []));
        }
        if (max === undefined || Date.parse(change.modifieLe) > Date.parse(max)) {
          max = change.modifieLe;
          atMax = new Set([change.no]);
        } else if (sameInstant(change.modifieLe, max)) atMax.add(change.no);
      }

      const done = skip + chunk.length;
      const mid = { since: at.since, ...(at.seen?.length ? { seen: at.seen } : {}), ...(max ? { max, atMax: [...atMax] } : {}) };
      let next: PollCursor;
      if (done < changes.length) next = { ...mid, page, skip: done };
      else if (page < list.totalPages) next = { ...mid, page: page + 1 };
      else if (max === undefined) next = { since: at.since, ...(at.seen?.length ? { seen: at.seen } : {}) };
      else next = { since: max, seen: sameInstant(max, at.since) ? [...new Set([...seen, ...atMax])] : [...atMax] };
      return {
        records,
        rejections,
        ...(stamps.length === records.length ? { stamps } : {}),
        // CaseNet reads by noDossier, the case's own number: nothing to learn.
        refs: {},
        nextCursor: encodeCursor(next),
        more: next.page !== undefined,
      };
    },

    async deliver(request: DeliveryRequest): Promise<Receipt> {
      // A value CaseNet cannot say refuses the record before anything is sent.
      const bodies = fromContract([request.record], settings, { transferId: request.transferId, at: settings.now() });
      const dossier = parsed(bodies.find((b) => b.name.endsWith('.dossier.json'))!);
      const entries = bodies.filter((b) => /\.journal\.\d+\.json$/.test(b.name)).map(parsed);
      const documents = bodies.filter((b) => /\.document\.\d+\.json$/.test(b.name)).map(parsed);
      // The record's journal entries as written: those of institutions without a CaseNet code are left out.
      const journal = (request.record.journal ?? []).map((j, i) => ({ path: `journal[${i}]`, kept: orgs.nativeOf(j.institutionId) !== undefined }));
      const kept = journal.filter((j) => j.kept).map((j) => j.path);
      const leftOut = journal.filter((j) => !j.kept).map((j) => j.path);

      const created = await http.request('POST', 'dossiers', { json: dossier, accept: [200, 201, 409], what: 'the dossier creation' });
      let answer = created;
      let held: Held | undefined;
      if (created.status === 409) {
        // CaseNet knows the AVS number: the dossier it holds is updated (and a delivery again lands here).
        const conflict = objectOf(created, 'the dossier creation', 'conflict');
        const existing = typeof conflict.noDossierExistant === 'string' ? conflict.noDossierExistant.trim() : '';
        if (existing === '') throw invalidAnswer('the dossier creation', 'conflict.noDossierExistant', 'is missing');
        ({ answer, held } = await update(existing, dossier));
      }
      const receipt = receiptOf(answer, held ? 'the dossier update' : 'the dossier creation');
      const no = receipt.no;

      const refused: string[] = [];
      let journalPosted = 0;
      for (const [i, entry] of entries.entries()) {
        if (held?.journal.some((h) => sameEntry(entry, h))) continue;
        // CaseNet refuses entries of institutions it is not configured for: listed, not fatal.
        const posted = await http.request('POST', `${dossierPath(no)}/journal`, { json: entry, accept: [200, 201, 422], what: 'the journal entry' });
        if (posted.status === 422) refused.push(kept[i] ?? `journal.entry${i + 1}`);
        else journalPosted += 1;
      }
      let documentsPosted = 0;
      for (const document of documents) {
        if (held?.documents.some((h) => sameDocument(document, h))) continue;
        await http.request('POST', `${dossierPath(no)}/documents`, { json: document, accept: [200, 201], what: 'the document' });
        documentsPosted += 1;
      }

      return {
        at: receipt.at ? zonedTimestamp(receipt.at, { field: 'at', nativeField: 'recuLe' })! : zurichTimestamp(settings.now()),
        reference: no,
        status: held ? 'updated' : 'created',
        details: {
          httpStatus: answer.status,
          ...(receipt.version !== undefined ? { version: receipt.version } : {}),
          ...(receipt.idPersonne ? { personId: receipt.idPersonne } : {}),
          journalEntries: journalPosted,
          documents: documentsPosted,
          ...(refused.length ? { journalRefused: refused.join(',') } : {}),
          ...(leftOut.length ? { journalLeftOut: leftOut.join(',') } : {}),
        },
      };
    },
  };
}
