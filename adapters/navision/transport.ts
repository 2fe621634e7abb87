import type { CaseRecord, CaseRef, ChangePage, Connection, ConnectionSettings, DeliveryRequest, NativeInput, Receipt } from '../../src/adapters/sdk.js';
import { ConfigError, connectionClient, cursorContent, encodeCursor, HttpAnswer, odataPage, odataString, readRecord, UpstreamError, zurichTimestamp } from '../../src/adapters/sdk.js';
import { pageOf, subQueryFilter } from './bodies.js';
import { navisionPayloads, withBeneficiaireNo, type NavisionPayloads, type SubRecord } from './from-contract.js';
import { BLANK_DATE, BLANK_OPTION, SUB_SETS, type NavRow, type SubSet } from './native.js';
import { connectionSettingsOf } from './settings.js';
import { SYSTEM, toContract } from './to-contract.js';

// ORS's NAV 2018 over OData v4 (FORMAT.md "Transport"): HTTP Basic, a read is the entity and
// its five sub-queries, a poll follows `@odata.nextLink` page by page, a delivery posts the
// card and then each sub-record (NAV takes no deep insert).

const EXPAND = 'BeneficiaireStatuts,BeneficiaireResponsabilites';
const EPOCH = '1970-01-01T00:00:00Z';
// What goes into `$filter` unquoted must be an instant and nothing else.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$/;

/** Where a poll stands: `since` (exclusive), and mid-poll the page to fetch next and the latest stamp seen so far. */
interface PollCursor {
  since: string;
  next?: string;
  max?: string;
}

/** A cursor that starts the poll after a given instant (RFC 3339, UTC as NAV filters it). */
export function pollCursorSince(since: string): string {
  if (!INSTANT.test(since)) throw new ConfigError('navision.cursor-invalid', 'a poll start must be an RFC 3339 instant');
  return encodeCursor({ since });
}

function decodeCursor(value: string | null): PollCursor {
  if (value === null) return { since: EPOCH };
  const c = cursorContent(value) as Partial<PollCursor> | null | undefined;
  const ok =
    c !== null && typeof c === 'object' && typeof c.since === 'string' && INSTANT.test(c.since) &&
    (c.next === undefined || typeof c.next === 'string') && (c.max === undefined || (typeof c.max === 'string' && INSTANT.test(c.max)));
  if (ok) return c as PollCursor;
  throw new ConfigError('navision.cursor-invalid', 'the poll cursor is not one this adapter gave out');
}

/** The later of two instants as served (kept as text: NAV's fractions survive). */
const later = (a: string | undefined, b: string): string => (a === undefined || Date.parse(b) > Date.parse(a) ? b : a);

const keyPath = (no: string): string => `Beneficiaires(${encodeURIComponent(odataString(no)).replace(/%27/g, "'")})`;

const isRow = (v: unknown): v is NavRow => v !== null && typeof v === 'object' && !Array.isArray(v);
const noOf = (row: NavRow): string | undefined => (typeof row.No === 'string' && row.No.trim() !== '' ? row.No.trim() : undefined);

/** A beneficiary as the target holds it: the card (with its ETag) and the rows of its five sub-queries. */
interface Held {
  no: string;
  etag: string | undefined;
  card: NavRow;
  subs: Record<SubSet, NavRow[]>;
}

/** Connects to one institution's NAV; settings and secrets fail here, naming the key. */
export function connect(settings: ConnectionSettings): Connection {
  const s = connectionSettingsOf(settings, settings.env);
  const origin = new URL(s.baseUrl).origin;
  const http = connectionClient(settings, s, { system: SYSTEM, credentials: { kind: 'basic', username: s.user, password: s.accessKey }, headers: { accept: 'application/json' } });

  /** A JSON answer; one that is not JSON is NAV's trouble, worth another attempt. */
  const getJson = async (path: string, what: string, options: { query?: Record<string, string>; headers?: Record<string, string>; accept?: number[] } = {}): Promise<HttpAnswer> => {
    const answer = await http.request('GET', path, { what, ...options });
    if (answer.status < 300) answer.json();
    return answer;
  };
  const input = (name: string, answer: HttpAnswer): NativeInput => ({ name, content: answer.bytes });

  /** Never follows a link to another host: it would carry the Basic credentials there. */
  const follow = (link: string): string => {
    if (/^https?:\/\//i.test(link) && new URL(link).origin !== origin) {
      throw new UpstreamError('navision.invalid-answer', 'NAV sent a next link to another host; it was not followed', { retryable: false });
    }
    return link;
  };

  /**
   * The five sub-queries of some beneficiaries, in FORMAT.md's order, each as its pages:
   * the rows of a whole page of beneficiaries can pass NAV's own page size.
   */
  const subQueries = async (nos: readonly string[]): Promise<{ set: SubSet; answer: HttpAnswer }[]> => {
    const answers: { set: SubSet; answer: HttpAnswer }[] = [];
    for (const set of SUB_SETS) {
      let answer = await getJson(set, `the ${set} query`, { query: { $filter: subQueryFilter(nos) } });
      answers.push({ set, answer });
      for (let pages = 1; pages < 100; pages += 1) {
        const next = odataPage(answer.json()).nextLink;
        if (next === undefined) break;
        answer = await getJson(follow(next), `the ${set} query`);
        answers.push({ set, answer });
      }
    }
    return answers;
  };
  const subInputs = (subs: readonly { set: SubSet; answer: HttpAnswer }[]): NativeInput[] => subs.map(({ set, answer }, i) => input(`${set.toLowerCase()}.${i}.json`, answer));

  const readEntity = (no: string, accept?: number[]): Promise<HttpAnswer> =>
    getJson(keyPath(no), 'the beneficiary read', { query: { $expand: EXPAND }, ...(accept ? { accept } : {}) });

  const heldOf = async (card: NavRow, etag: string | undefined): Promise<Held> => {
    const no = noOf(card);
    if (!no) throw new UpstreamError('navision.invalid-answer', 'NAV served a beneficiary without No', { retryable: true });
    const subs: Record<SubSet, NavRow[]> = { Bilans_Potentiel: [], Mesures_Integration: [], Notes_Beneficiaire: [], Documents_Beneficiaire: [], Autorisations: [] };
    for (const { set, answer } of await subQueries([no])) subs[set].push(...odataPage(answer.json()).items.filter(isRow));
    return { no, etag: etagOf(card) ?? etag, card, subs };
  };

  /**
   * The target's beneficiary for a delivered record: by `No` when the record is this NAV's
   * own, else by `No_AVS` (NAV has no field for another system's id). Undefined: not there.
   */
  const findHeld = async (record: CaseRecord): Promise<Held | undefined> => {
    if (record.source.system === SYSTEM && record.source.institutionId === settings.institutionId) {
      const answer = await readEntity(record.source.localPersonId, [200, 404]);
      return answer.status === 404 ? undefined : heldOf(answer.json<NavRow>(), answer.etag);
    }
    // Identity withheld: no AHV number to look by, so a beneficiary is created.
    const vn = record.person?.vn;
    if (!vn) return undefined;
    const answer = await getJson('Beneficiaires', 'the beneficiary search', { query: { $filter: `No_AVS eq ${odataString(vn)}`, $expand: EXPAND } });
    const rows = odataPage(answer.json()).items.filter(isRow);
    if (rows.length > 1) {
      throw new UpstreamError('navision.ambiguous-person', 'NAV holds more than one beneficiary with the AHV number of the record; the delivery was not sent', { retryable: false });
    }
    return rows[0] ? heldOf(rows[0], undefined) : undefined;
  };

  const post = (sub: SubRecord): Promise<HttpAnswer> => http.request('POST', sub.path, { json: sub.body, accept: [200, 201, 204], what: `the ${sub.entitySet} insert` });

  async function create(payloads: NavisionPayloads): Promise<Receipt> {
    const answer = await http.request('POST', 'Beneficiaires', { json: payloads.card, accept: [200, 201], what: 'the beneficiary insert' });
    const card = answer.json<unknown>();
    const no = isRow(card) ? noOf(card) : undefined;
    if (!no) throw new UpstreamError('navision.invalid-answer', 'NAV answered the beneficiary insert without a No', { retryable: true, details: { httpStatus: answer.status } });
    const filled = withBeneficiaireNo(payloads, no);
    for (const sub of filled.subRecords) await post(sub);
    const etag = etagOf(card as NavRow) ?? answer.etag;
    return receipt(no, 'created', answer.status, filled.subRecords.length, etag);
  }

  async function update(held: Held, payloads: NavisionPayloads): Promise<Receipt> {
    // A filtered record lacks what was withheld: its blanks must not clear what NAV holds.
    const patch = withoutBlanks(payloads.card);
    const send = (etag: string | undefined): Promise<HttpAnswer> =>
      http.request('PATCH', keyPath(held.no), { json: patch, headers: { 'if-match': etag ?? '*' }, accept: [200, 204, 412], what: 'the beneficiary update' });
    let answer = await send(held.etag);
    if (answer.status === 412) {
      // Changed in NAV since it was read: read it again, try once more.
      const again = await readEntity(held.no);
      answer = await send(etagOf(again.json<NavRow>()) ?? again.etag);
      if (answer.status === 412) {
        throw new UpstreamError('navision.precondition-failed', 'NAV changed the beneficiary again while it was updated; the next attempt reads it anew', { retryable: true, details: { httpStatus: 412 } });
      }
    }
    const filled = withBeneficiaireNo(payloads, held.no);
    const missing = filled.subRecords.filter((sub) => !heldRows(held, sub.entitySet).some((row) => sameRow(sub, row)));
    for (const sub of missing) await post(sub);
    const body: unknown = answer.bytes.byteLength > 0 ? answer.json<unknown>() : undefined;
    return receipt(held.no, 'updated', answer.status, missing.length, (isRow(body) ? etagOf(body) : undefined) ?? answer.etag);
  }

  const receipt = (no: string, status: string, httpStatus: number, subRecords: number, etag: string | undefined): Receipt => ({
    at: zurichTimestamp(settings.now()),
    reference: no,
    status,
    details: { httpStatus, subRecords, ...(etag ? { etag } : {}) },
  });

  return {
    async read(ref: CaseRef) {
      const no = ref.nativeId ?? ref.localPersonId;
      const entity = await readEntity(no);
      const subs = await subQueries([no]);
      const mapped = toContract([input('beneficiaire.json', entity), ...subInputs(subs)], settings);
      const record = readRecord(mapped, { code: 'navision.empty', message: 'NAV answered the beneficiary read without a beneficiary' });
      return { record, nativeId: no };
    },

    async listChanges(cursor: string | null, limit: number): Promise<ChangePage> {
      const at = decodeCursor(cursor);
      const size = Math.max(1, Math.min(Math.floor(limit), s.pageSize ?? Number.MAX_SAFE_INTEGER));
      const prefer = { prefer: `odata.maxpagesize=${size}` };
      let answer: HttpAnswer;
      if (at.next !== undefined) {
        answer = await getJson(follow(at.next), 'the poll', { headers: prefer });
      } else {
        answer = await getJson('Beneficiaires', 'the poll', { query: { $filter: `Derniere_Modif_Dossier gt ${at.since}`, $expand: EXPAND, $orderby: 'No' }, headers: prefer });
      }
      const page = pageOf(answer.json());
      const nos = [...new Set(page.beneficiaires.map(noOf).filter((no): no is string => no !== undefined))];
      const subs = nos.length > 0 ? await subQueries(nos) : [];
      const mapped = toContract([input('beneficiaires.json', answer), ...subInputs(subs)], settings);
      let max = at.max;
      for (const card of page.beneficiaires) {
        const stamp = card.Derniere_Modif_Dossier;
        if (typeof stamp === 'string' && INSTANT.test(stamp)) max = later(max, stamp);
      }
      // `gt` is exclusive: the latest stamp seen is where the next poll starts, nothing comes twice.
      const nextCursor = page.nextLink ? encodeCursor({ since: at.since, next: page.nextLink, ...(max ? { max } : {}) }) : encodeCursor({ since: max ?? at.since });
      return {
        records: mapped.records,
        rejections: mapped.rejections,
        ...(mapped.stamps ? { stamps: mapped.stamps } : {}),
        // Read by `No` = localPersonId: a dossier (localCaseId) may hold several beneficiaries.
        refs: {},
        nextCursor,
        more: page.nextLink !== undefined,
      };
    },

    async deliver(request: DeliveryRequest): Promise<Receipt> {
      // A value NAV cannot say refuses the record before anything is sent.
      const payloads = navisionPayloads(request.record, settings);
      // NAV has no idempotency key: a delivery again (same transferId) finds what the first wrote.
      const held = await findHeld(request.record);
      return held ? update(held, payloads) : create(payloads);
    },
  };
}

const etagOf = (row: NavRow): string | undefined => (typeof row['@odata.etag'] === 'string' ? row['@odata.etag'] : undefined);

const isBlank = (v: unknown): boolean => v === '' || v === 0 || v === BLANK_DATE || v === BLANK_OPTION;

function withoutBlanks(card: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(card).filter(([, v]) => !isBlank(v)));
}

function heldRows(held: Held, set: SubRecord['entitySet']): NavRow[] {
  if (set === 'BeneficiaireStatuts' || set === 'BeneficiaireResponsabilites') {
    const list = held.card[set];
    return Array.isArray(list) ? list.filter(isRow) : [];
  }
  return held.subs[set];
}

/** Fields that tell a sub-record NAV already holds: its `No`, or for the rows NAV numbers itself, what they say. */
const IDENTITY: Readonly<Record<SubRecord['entitySet'], readonly string[]>> = {
  BeneficiaireStatuts: ['Code_Statut', 'Date_Debut'],
  BeneficiaireResponsabilites: ['Phase', 'Institution_Code', 'Date_Debut'],
  Bilans_Potentiel: ['No'],
  Mesures_Integration: ['No'],
  Notes_Beneficiaire: ['Date', 'Heure', 'Texte'],
  Documents_Beneficiaire: ['No'],
  Autorisations: ['No'],
};

function sameRow(sub: SubRecord, row: NavRow): boolean {
  // NAV serves times with fractions (`09:30:00.000`) where the writer has none.
  const norm = (v: unknown): string => (typeof v === 'string' ? v.trim().replace(/^(\d{2}:\d{2}:\d{2})\.0+$/, '$1') : JSON.stringify(v ?? ''));
  return IDENTITY[sub.entitySet].every((field) => norm(sub.body[field]) === norm(row[field]));
}
