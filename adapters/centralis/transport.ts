import { createHash } from 'node:crypto';
import type { BatchPart, CaseRef, ChangePage, Connection, ConnectionSettings, DeliveryRequest, NativeInput, Receipt } from '../../src/adapters/sdk.js';
import { ConfigError, connectionClient, cursorContent, encodeCursor, InputError, isObject, isRetryableStatus, odataPage, readChangeSet, readRecord, UpstreamError, writeChangeSet, zurichTimestamp, type HttpAnswer } from '../../src/adapters/sdk.js';
import { entityKey, readBatchAnswer } from './batch-answer.js';
import { fromContract } from './from-contract.js';
import { tableOf, type Json } from './inputs.js';
import { LanguageOptions, optionSetOf, optionSetSetting, type OptionSet } from './optionset.js';
import {
  activitiesQuery,
  annotationsQuery,
  ANNOTATIONS,
  chunks,
  consentsQuery,
  contactsQuery,
  DOSSIER_QUERY,
  dossierPath,
  evaluationsQuery,
  guids,
  OPTION_SET_PATH,
  personDossierQuery,
  plansQuery,
  TRACKING_PATH,
  TRACKING_QUERY,
  trackingPrefer,
  type RelatedQuery,
} from './queries.js';
import { connectionSettingsOf } from './settings.js';
import { SYSTEM, toContract } from './to-contract.js';
import { isGuid, rows } from './values.js';

// Dataverse Web API (FORMAT.md "Transport"): Entra ID client credentials, the language option
// set first, a dossier (read by key, or a change-tracking page) and then its six related
// tables, one `$batch` change set per delivery.

/** Dataverse's `ExpiredVersionStamp`: the delta token is older than the change-tracking retention. */
const EXPIRED_VERSION_STAMP = '0x80044352';
/** Pages of one related query followed within a call; more is a runaway paging cookie. */
const MAX_RELATED_PAGES = 100;

/** The bytes of a delivered document, named by the change set as `{ sha256, size }`. */
export interface DocumentContent {
  sha256: string;
  size?: number;
}

export interface ConnectOptions {
  /**
   * Where a delivery finds a document's bytes. The port hands a transport none yet, so
   * without this a document is left out of the change set and counted in the receipt.
   */
  documentContent?: (document: DocumentContent) => Promise<Uint8Array | undefined>;
}

/** Where a poll stands: the `@odata.nextLink` to fetch next (mid-poll), or the `@odata.deltaLink` that starts the next poll. */
type PollCursor = { next: string } | { delta: string } | Record<string, never>;

/** One answered page: its bytes (for the mapping), rows and links. */
interface Page {
  answer: HttpAnswer;
  rows: Json[];
  nextLink?: string;
  deltaLink?: string;
}

/** A body that is JSON but not what was asked: names the field, never a value; worth another attempt like any garbled answer. */
function invalidAnswer(what: string, field: string, expected: string, httpStatus: number): UpstreamError {
  return new UpstreamError('centralis.invalid-answer', `Centralis answered ${what} with a body whose ${field} is not ${expected}; nothing of it was used`, {
    retryable: true,
    details: { field, httpStatus },
  });
}

/** A page of a table: `value` a list of rows, links as text, `@odata.context` of that table. */
function collection(answer: HttpAnswer, table: string, what: string): Page {
  const body = answer.json<unknown>();
  if (!isObject(body)) throw invalidAnswer(what, 'body', 'a JSON object', answer.status);
  if (tableOf(body) !== table) throw invalidAnswer(what, '@odata.context', `the ${table} table's`, answer.status);
  if (!Array.isArray(body.value)) throw invalidAnswer(what, 'value', 'a list of rows', answer.status);
  const bad = body.value.findIndex((row) => !isObject(row));
  if (bad >= 0) throw invalidAnswer(what, `value[${bad}]`, 'a row', answer.status);
  for (const link of ['@odata.nextLink', '@odata.deltaLink']) {
    if (link in body && typeof body[link] !== 'string') throw invalidAnswer(what, link, 'a URL', answer.status);
  }
  const page = odataPage(body);
  return { answer, rows: page.items, ...(page.nextLink ? { nextLink: page.nextLink } : {}), ...(page.deltaLink ? { deltaLink: page.deltaLink } : {}) };
}

/** Dossier rows carry their GUID: the related queries, refs and event ids hang on it. */
function checkDossiers(page: Page, what: string, entity: boolean): Page {
  page.rows.forEach((row, i) => {
    if (typeof row.smig_dossierid !== 'string' || !isGuid(row.smig_dossierid)) throw invalidAnswer(what, entity ? 'smig_dossierid' : `value[${i}].smig_dossierid`, 'a GUID', page.answer.status);
  });
  return page;
}

/** A dossier read by key: the entity itself. */
function entity(answer: HttpAnswer, what: string): Page {
  const body = answer.json<unknown>();
  if (!isObject(body)) throw invalidAnswer(what, 'body', 'a JSON object', answer.status);
  if (tableOf(body) !== 'smig_dossiers') throw invalidAnswer(what, '@odata.context', "the smig_dossiers table's", answer.status);
  return checkDossiers({ answer, rows: [body as Json] }, what, true);
}

/** Whether a refused delta link is Dataverse's expired version stamp (only `error.code` is read). */
function isExpiredToken(answer: HttpAnswer): boolean {
  if (answer.status < 400 || answer.status >= 500) return false;
  try {
    const error = (JSON.parse(answer.text()) as { error?: { code?: unknown } } | null)?.error;
    return typeof error?.code === 'string' && error.code.toLowerCase() === EXPIRED_VERSION_STAMP;
  } catch {
    return false;
  }
}

/** The language option values a contact holds (first language, then the multi-select). */
function languageValues(contact: Json): number[] {
  const out: number[] = [];
  const first = contact.cosm_premierelangue;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) out.push(Number(first));
  const others = contact.cosm_autreslangues;
  if (typeof others === 'string') for (const v of others.split(',')) if (/^\s*\d+\s*$/.test(v)) out.push(Number(v));
  return out;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A change set part's body for a `PATCH`: no key (it is in the URL), no deep-inserted collections (a `PATCH` takes none). */
function patchBody(body: Json, key: string): Json {
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== key && !(Array.isArray(v) && v.some((x) => isObject(x)))));
}

/** Connects to one institution's Dataverse; settings and secrets fail here, naming the key. */
export function connect(settings: ConnectionSettings, options: ConnectOptions = {}): Connection {
  const s = connectionSettingsOf(settings, settings.env);
  const base = new URL(s.baseUrl);
  const http = connectionClient(settings, s, {
    system: SYSTEM,
    // The SDK caches the token until a minute before `expires_in` and asks again once after a 401.
    credentials: { kind: 'oauth2-client-credentials', tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: s.secret, scope: s.scope, auth: 'body' },
    headers: { 'odata-maxversion': '4.0', 'odata-version': '4.0', accept: 'application/json' },
    now: () => settings.now().getTime(),
  });

  /** A link of this service to one table: anything else would carry the bearer token elsewhere. */
  const isServiceLink = (link: string, table: string): boolean => {
    try {
      const url = new URL(link);
      return url.origin === base.origin && url.pathname === `${base.pathname}/${table}`;
    } catch {
      return false;
    }
  };
  const follow = (link: string, table: string, what: string, field: string): string => {
    if (isServiceLink(link, table)) return link;
    throw new UpstreamError('centralis.invalid-answer', `Centralis answered ${what} with a ${field} to another address; it was not followed`, { retryable: false, details: { field } });
  };

  function decodeCursor(value: string | null): PollCursor {
    if (value === null) return {};
    const c = cursorContent(value);
    if (isObject(c) && Object.keys(c).length === 1) {
      if (typeof c.next === 'string' && isServiceLink(c.next, TRACKING_PATH)) return { next: c.next };
      if (typeof c.delta === 'string' && isServiceLink(c.delta, TRACKING_PATH)) return { delta: c.delta };
    }
    throw new ConfigError('centralis.cursor-invalid', 'the poll cursor is not one this adapter gave out for this Centralis; start the poll again without a cursor', { field: 'cursor' });
  }

  // The option set, read once per connection and again when a contact holds a value it lacks.
  let languages: { input: NativeInput; set: OptionSet } | undefined;
  const readOptionSet = async (): Promise<{ input: NativeInput; set: OptionSet }> => {
    const answer = await http.request('GET', OPTION_SET_PATH, { what: 'the option set read' });
    const set = optionSetOf(answer.json<unknown>());
    if (!set) throw invalidAnswer('the option set read', 'Options', 'a list of options', answer.status);
    languages = { input: { name: 'optionset-cosm_langue.json', content: answer.bytes }, set };
    return languages;
  };
  const optionSet = (): Promise<{ input: NativeInput; set: OptionSet }> => (languages ? Promise.resolve(languages) : readOptionSet());

  /** One related query, each of its pages (Dataverse pages any answer past its own page size). */
  const pagesOf = async (q: RelatedQuery, what: string): Promise<Page[]> => {
    const headers = { prefer: ANNOTATIONS };
    const pages = [collection(await http.request('GET', q.table, { query: q.query, headers, what }), q.table, what)];
    for (let link = pages[0]!.nextLink; link !== undefined; link = pages.at(-1)!.nextLink) {
      if (pages.length >= MAX_RELATED_PAGES) throw new UpstreamError('centralis.invalid-answer', `Centralis answered ${what} with more than ${MAX_RELATED_PAGES} pages; the read stopped`, { retryable: false, details: { field: '@odata.nextLink' } });
      pages.push(collection(await http.request('GET', follow(link, q.table, what, '@odata.nextLink'), { headers, what }), q.table, what));
    }
    return pages;
  };

  /** The six related tables of some dossiers, in FORMAT.md's order, as mapping inputs. */
  const relatedInputs = async (dossiers: readonly Json[]): Promise<NativeInput[]> => {
    const personIds = guids(dossiers.map((d) => d._smig_personne_value));
    const dossierIds = guids(dossiers.map((d) => d.smig_dossierid));
    const inputs: NativeInput[] = [];
    const run = async (query: (ids: readonly string[]) => RelatedQuery, ids: readonly string[], what: string): Promise<Json[]> => {
      const found: Json[] = [];
      for (const chunk of chunks(ids)) {
        const q = query(chunk);
        for (const page of await pagesOf(q, what)) {
          inputs.push({ name: `${q.table}.${inputs.length + 1}.json`, content: page.answer.bytes });
          found.push(...page.rows);
        }
      }
      return found;
    };
    const contacts = await run(contactsQuery, personIds, 'the contacts query');
    const known = languages && new LanguageOptions(languages.set);
    if (known && contacts.some((c) => languageValues(c).some((v) => !known.has(v)))) await readOptionSet();
    await run(evaluationsQuery, personIds, 'the evaluations query');
    const plans = await run(plansQuery, personIds, 'the plans query');
    await run(activitiesQuery, dossierIds, 'the activities query');
    const consents = await run(consentsQuery, personIds, 'the consents query');
    const owners = guids([...personIds, ...plans.flatMap((p) => rows(p, 'cosm_planintegration_mesure').map((m) => m.cosm_mesureid)), ...consents.map((c) => c.cosm_consentementid)]);
    await run(annotationsQuery, owners, 'the notes query');
    return inputs;
  };

  const mapped = async (page: Page) => {
    const related = page.rows.length > 0 ? await relatedInputs(page.rows) : [];
    const { input } = await optionSet();
    return toContract([input, { name: 'smig_dossiers.json', content: page.answer.bytes }, ...related], settings);
  };

  const initialPoll = async (prefer: string): Promise<HttpAnswer> => http.request('GET', TRACKING_PATH, { query: TRACKING_QUERY, headers: { prefer }, what: 'the poll' });

  /** The ETag of a row, or undefined when Centralis does not hold it. */
  const etagOf = async (path: string, key: string, what: string): Promise<string | undefined> => {
    const answer = await http.request('GET', path, { query: { $select: key }, accept: [200, 404], what });
    if (answer.status === 404) return undefined;
    const body = answer.json<unknown>();
    const etag = isObject(body) && typeof body['@odata.etag'] === 'string' ? body['@odata.etag'] : answer.etag;
    // Without an ETag, `*` still refuses to create the row by mistake (the PATCH must find it).
    return etag ?? '*';
  };

  /** `PATCH` with `If-Match`; a `412` (changed meanwhile) reads the ETag again and tries once more. */
  const patch = async (path: string, key: string, body: Json, etag: string, what: string): Promise<HttpAnswer> => {
    const send = (tag: string): Promise<HttpAnswer> => http.request('PATCH', path, { json: body, headers: { 'if-match': tag }, accept: [200, 204, 412], what });
    let answer = await send(etag);
    if (answer.status === 412) {
      const again = await etagOf(path, key, what);
      if (again !== undefined) answer = await send(again);
      if (again === undefined || answer.status === 412) {
        throw new UpstreamError('centralis.precondition-failed', `Centralis changed or removed the row during ${what}; the next attempt reads it anew`, { retryable: true, details: { httpStatus: 412 } });
      }
    }
    return answer;
  };

  /** Notes get their file from `documentContent`; one without is left out (never a note that claims a file it lacks). */
  const withContent = async (parts: readonly BatchPart[]): Promise<{ parts: BatchPart[]; leftOut: number }> => {
    const out: BatchPart[] = [];
    let leftOut = 0;
    for (const part of parts) {
      if (part.entitySet !== 'annotations') {
        out.push(part);
        continue;
      }
      const { 'documentbody@passerelle.content': named, ...body } = part.body;
      const ref = isObject(named) ? named : {};
      const sha = typeof ref.sha256 === 'string' ? ref.sha256 : undefined;
      const bytes = sha && options.documentContent ? await options.documentContent({ sha256: sha, ...(typeof ref.size === 'number' ? { size: ref.size } : {}) }) : undefined;
      if (!bytes) {
        leftOut += 1;
        continue;
      }
      if (sha256(bytes) !== sha) throw new InputError('centralis.document-mismatch', "a document's content does not match its SHA-256; the delivery was not sent", { field: 'documents.sha256' });
      out.push({ ...part, body: { ...body, documentbody: Buffer.from(bytes).toString('base64') } });
    }
    return { parts: out, leftOut };
  };

  const receipt = (reference: string, status: string, httpStatus: number, details: Record<string, string | number>): Receipt => ({
    at: zurichTimestamp(settings.now()),
    reference,
    status,
    details: { httpStatus, ...details },
  });

  /** Not held yet: the whole case as one change set, all or nothing. */
  async function create(parts: readonly BatchPart[], ids: { contact: string; dossier: string }, transferId: string, leftOut: number): Promise<Receipt> {
    const batch = writeChangeSet(parts, transferId, `${base.pathname}/`);
    const answer = await http.request('POST', '$batch', { body: batch.body, headers: { 'content-type': batch.contentType }, accept: [200], what: 'the delivery' });
    const answered = readBatchAnswer(answer.text());
    const failed = answered.find((p) => p.status < 200 || p.status >= 300);
    if (failed) {
      const retryable = isRetryableStatus(failed.status);
      const code = failed.status === 401 || failed.status === 403 ? 'centralis.auth-failed' : retryable ? 'centralis.unavailable' : 'centralis.refused';
      throw new UpstreamError(code, `Centralis refused the delivery's change set with ${failed.status}${failed.contentId ? ` at part ${failed.contentId}` : ''}; nothing of it was written`, {
        retryable,
        details: { httpStatus: failed.status, ...(failed.contentId ? { part: failed.contentId } : {}) },
      });
    }
    if (answered.length !== parts.length) throw invalidAnswer('the delivery', 'changesetresponse', `one response per part (${parts.length})`, answer.status);
    const contact = entityKey(answered.find((p) => p.contentId === '1')?.entityId, 'contacts') ?? ids.contact;
    const dossier = entityKey(answered.find((p) => p.contentId === '2')?.entityId, 'smig_dossiers') ?? ids.dossier;
    return receipt(contact, 'created', answer.status, { dossierId: dossier, parts: parts.length, ...(leftOut > 0 ? { documentsLeftOut: leftOut } : {}) });
  }

  /** Held already (the same transfer again, or the person delivered before): the contact and the dossier, each with `If-Match`. */
  async function update(parts: readonly BatchPart[], ids: { contact: string; dossier: string }, etag: string): Promise<Receipt> {
    const contactPart = parts.find((p) => p.entitySet === 'contacts')!;
    const dossierPart = parts.find((p) => p.entitySet === 'smig_dossiers')!;
    await patch(`contacts(${ids.contact})`, 'contactid', patchBody(contactPart.body, 'contactid'), etag, 'the contact update');
    // Outside the change set `$1` means nothing: the dossier names its person by key.
    const dossier = Object.fromEntries(Object.entries(dossierPart.body).map(([k, v]) => [k, v === '$1' ? `/contacts(${ids.contact})` : v]));
    const path = dossierPath(ids.dossier);
    const held = await etagOf(path, 'smig_dossierid', 'the dossier look-up');
    const answer =
      held === undefined
        ? await http.request('POST', 'smig_dossiers', { json: dossier, accept: [201, 204], what: 'the dossier insert' })
        : await patch(path, 'smig_dossierid', patchBody(dossier, 'smig_dossierid'), held, 'the dossier update');
    return receipt(ids.contact, 'updated', answer.status, { dossierId: ids.dossier, parts: 2, partsNotWritten: parts.length - 2, ...(answer.etag ? { etag: answer.etag } : {}) });
  }

  return {
    async read(ref: CaseRef) {
      // Checked before any request: only GUIDs go into a URL.
      if (ref.nativeId !== undefined && !isGuid(ref.nativeId)) throw new InputError('centralis.case-ref-invalid', "the case's native id is not a Dataverse GUID (smig_dossierid)", { field: 'nativeId' });
      if (ref.nativeId === undefined && !isGuid(ref.localPersonId)) throw new InputError('centralis.case-ref-invalid', "the case's person id is not a Dataverse GUID (contactid)", { field: 'localPersonId' });
      await optionSet();
      let page: Page;
      if (ref.nativeId !== undefined) {
        const answer = await http.request('GET', dossierPath(ref.nativeId), { query: DOSSIER_QUERY, headers: { prefer: ANNOTATIONS }, accept: [200, 404], what: 'the dossier read' });
        if (answer.status === 404) throw new UpstreamError('centralis.not-found', 'Centralis holds no dossier with the native id of the case', { retryable: false, details: { httpStatus: 404 } });
        page = entity(answer, 'the dossier read');
      } else {
        // The gateway learns dossier ids from polls (`refs`); before that, the person's one active dossier.
        const what = 'the dossier look-up';
        const answer = await http.request('GET', TRACKING_PATH, { query: personDossierQuery(ref.localPersonId), headers: { prefer: ANNOTATIONS }, what });
        page = checkDossiers(collection(answer, TRACKING_PATH, what), what, false);
        if (page.rows.length === 0) throw new UpstreamError('centralis.not-found', 'Centralis holds no active dossier for the person of the case', { retryable: false });
        if (page.rows.length > 1) throw new UpstreamError('centralis.ambiguous-dossier', 'Centralis holds more than one active dossier for the person of the case; read it by its dossier id', { retryable: false });
      }
      const record = readRecord(await mapped(page), { code: 'centralis.empty', message: 'Centralis answered the dossier read without an active dossier' });
      return { record, nativeId: String(page.rows[0]!.smig_dossierid) };
    },

    async listChanges(cursor: string | null, limit: number): Promise<ChangePage> {
      const at = decodeCursor(cursor);
      const size = Math.max(1, Math.min(Number.isFinite(limit) ? Math.floor(limit) : s.pageSize, s.pageSize));
      const prefer = trackingPrefer(size);
      await optionSet();
      const link = 'next' in at ? at.next : 'delta' in at ? at.delta : undefined;
      let answer: HttpAnswer;
      if (link === undefined) answer = await initialPoll(prefer);
      else {
        // A saved next link carries the delta token of its poll in its paging cookie: it can expire too.
        answer = await http.request('GET', link, { headers: { prefer }, accept: [200, 400, 410, 422], what: 'the poll' });
        if (answer.status !== 200) {
          if (!isExpiredToken(answer)) throw http.failure(answer, 'the poll');
          // Past Dataverse's retention the token is void: track again from the start. Every active
          // dossier comes once more; events come from snapshots, so an unchanged one yields none.
          answer = await initialPoll(prefer);
        }
      }
      const page = checkDossiers(collection(answer, TRACKING_PATH, 'the poll'), 'the poll', false);
      const next = page.nextLink && follow(page.nextLink, TRACKING_PATH, 'the poll', '@odata.nextLink');
      const delta = page.deltaLink && follow(page.deltaLink, TRACKING_PATH, 'the poll', '@odata.deltaLink');
      if (!next && !delta) throw invalidAnswer('the poll', '@odata.deltaLink', 'a URL on the last page', answer.status);
      const result = await mapped(page);
      const refs: Record<string, string> = {};
      for (const row of page.rows) if (typeof row.smig_name === 'string') refs[row.smig_name] = String(row.smig_dossierid);
      return {
        records: result.records,
        rejections: result.rejections,
        ...(result.stamps ? { stamps: result.stamps } : {}),
        // Reads go by dossier id: the gateway keeps it per case number.
        refs,
        // Mid-poll the next page's link; after the last page the delta link, where the next poll starts.
        nextCursor: encodeCursor(next ? { next } : { delta: delta! }),
        more: Boolean(next),
      };
    },

    async deliver(request: DeliveryRequest): Promise<Receipt> {
      // The option set as Dataverse holds it now: a language it lacks refuses the record before anything is sent.
      const { set } = await optionSet();
      const ctx = { ...settings, settings: { ...settings.settings, languageOptions: optionSetSetting(set) } };
      const [file] = fromContract([request.record], ctx, { transferId: request.transferId, at: settings.now() });
      const written = readChangeSet(new TextDecoder().decode(file!.content), file!.name, 'centralis.batch-unreadable');
      const contact = written.find((p) => p.entitySet === 'contacts')?.body.contactid;
      const dossier = written.find((p) => p.entitySet === 'smig_dossiers')?.body.smig_dossierid;
      if (typeof contact !== 'string' || !isGuid(contact) || typeof dossier !== 'string' || !isGuid(dossier)) {
        throw new InputError('centralis.batch-unreadable', 'the change set of the record has no contact or dossier key', { field: 'contactid' });
      }
      const ids = { contact, dossier };
      // Keys come from the record: a delivery again finds what the first one wrote and updates it.
      const held = await etagOf(`contacts(${contact})`, 'contactid', 'the contact look-up');
      if (held !== undefined) return update(written, ids, held);
      const { parts, leftOut } = await withContent(written);
      return create(parts, ids, request.transferId, leftOut);
    },
  };
}
