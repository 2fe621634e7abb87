import type { CaseRef, ChangePage, Connection, ConnectionSettings, DeliveryRequest, JsonObject, Receipt } from '../../src/adapters/sdk.js';
import { ConfigError, connectionClient, cursorContent, encodeCursor, formatLocalIso, isObject, LOCAL_TIMESTAMP, localTimestamp, readRecord, UpstreamError, ZONED_TIMESTAMP, zurichTimestamp, type HttpAnswer } from '../../src/adapters/sdk.js';
import { personBody } from './from-contract.js';
import { connectionSettingsOf } from './settings.js';
import { toContract } from './to-contract.js';

// Lora's REST API (FORMAT.md "Transport"): HTTP Basic over TLS; a poll is
// `GET /personnes?modifieApres=…&page=…&parPage=…&modules=…`, one page per call, following
// `pagination.suivante` until `null`; a delivery POSTs `{ modules }`, and after a `409` PUTs
// each module to the person Lora already holds.

const SYSTEM = 'lora';
/** Every module the gateway reads, in FORMAT's order; each person comes with all of them. */
export const READ_MODULES = 'INFO_PRIMAIRE,SEJOUR,ENCADREMENT,TRAVAIL_REMUNERE,AIDE_SOCIALE,INTEGRATION,JOURNAL,DOCUMENTS,AUTORISATIONS';
const EPOCH = '1970-01-01 00:00:00';
/** Pages one read may walk before it gives up looking for its person. */
const READ_PAGE_LIMIT = 1000;
const CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
const NO_DOSSIER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;

/** A real local `yyyy-MM-dd HH:mm:ss`, the only thing that goes into `modifieApres`. */
function isLocalStamp(value: string): boolean {
  if (!LOCAL_TIMESTAMP.shape.test(value)) return false;
  try {
    return localTimestamp(value, { field: '', nativeField: 'modifieLe' }) !== undefined;
  } catch {
    return false;
  }
}

/** A person's `modifieLe` as Lora compares it: local time (an RFC 3339 one is put in Zurich time). */
function localStampOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const raw = value.trim();
  if (isLocalStamp(raw)) return raw;
  return ZONED_TIMESTAMP.shape.test(raw) && !Number.isNaN(Date.parse(raw)) ? formatLocalIso(raw, ' ') : undefined;
}

/** One second before a local stamp: `modifieApres` is exclusive, a read must see the person stamped at it. */
function secondBefore(stamp: string): string {
  const [date = '', time = ''] = stamp.split(' ');
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const [hh = 0, mm = 0, ss = 0] = time.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hh, mm, ss) - 1000).toISOString().slice(0, 19).replace('T', ' ');
}

// Fixed-width local stamps sort as text.
const later = (a: string | undefined, b: string | undefined): string | undefined => (a === undefined ? b : b === undefined || a >= b ? a : b);

/**
 * Where a poll stands: `since` (exclusive) and, mid-poll, the page to fetch next (its number
 * and the `parPage` the poll began with, or Lora's own link) and the latest `modifieLe` seen.
 */
interface PollCursor {
  since: string;
  page?: number;
  parPage?: number;
  link?: string;
  max?: string;
}

/** A cursor that starts the poll after a local time (`yyyy-MM-dd HH:mm:ss`, as Lora filters). */
export function pollCursorSince(since: string): string {
  if (!isLocalStamp(since)) throw new ConfigError('lora.cursor-invalid', 'a poll start must be a local time yyyy-MM-dd HH:mm:ss', { field: 'since' });
  return encodeCursor({ since });
}

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;

function decodeCursor(value: string | null): PollCursor {
  if (value === null) return { since: EPOCH };
  const c = cursorContent(value) as Partial<PollCursor> | null | undefined;
  const ok =
    isObject(c) &&
    typeof c.since === 'string' && isLocalStamp(c.since) &&
    (c.max === undefined || (typeof c.max === 'string' && isLocalStamp(c.max))) &&
    (c.page === undefined ? c.parPage === undefined : positive(c.page) && positive(c.parPage)) &&
    (c.link === undefined || (typeof c.link === 'string' && c.page === undefined));
  if (ok) return c as PollCursor;
  throw new ConfigError('lora.cursor-invalid', 'the poll cursor is not one this adapter gave out', { field: 'cursor' });
}

/** Where the next page is: a page number, or a link Lora gave. */
type Next = { page: number } | { link: string };

/** A page as served, its persons and where the next page is (none: the poll has caught up). */
interface Page {
  body: JsonObject;
  personnes: JsonObject[];
  next: Next | undefined;
}

/** An idLora as Lora serves it (an integer), as text. */
function idLoraOf(value: unknown): string | undefined {
  if (positive(value)) return String(value);
  return typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value.trim()) ? value.trim() : undefined;
}

/** A read's handle on a person: its idLora and the `modifieLe` it was last seen with (where a read starts). */
const handleOf = (idLora: string, stamp: string | undefined): string => (stamp ? `${idLora}@${stamp}` : idLora);

/** Connects to one institution's Lora instance; settings and secrets fail here, naming the key. */
export function connect(settings: ConnectionSettings): Connection {
  const s = connectionSettingsOf(settings, settings.env);
  const base = new URL(`${s.baseUrl}/`);
  const http = connectionClient(settings, s, { system: SYSTEM, credentials: { kind: 'basic', username: s.user, password: s.secret }, headers: { accept: 'application/json' } });

  /** An answer whose body is not what FORMAT says: Lora's trouble, worth another attempt; never its content. */
  const invalidAnswer = (answer: HttpAnswer, what: string, field: string, why: string): UpstreamError =>
    new UpstreamError('lora.invalid-answer', `Lora answered ${what} with ${field} ${why}`, { retryable: true, details: { field, httpStatus: answer.status } });

  /** Never follows a link to another host: it would carry the Basic credentials there. */
  const follow = (link: string): string => {
    let url: URL | undefined;
    try {
      url = new URL(link, base);
    } catch {
      url = undefined;
    }
    if (!url || url.origin !== base.origin) {
      throw new UpstreamError('lora.invalid-answer', 'Lora sent a next page that is not on its own host; it was not followed', { retryable: false, details: { field: 'pagination.suivante' } });
    }
    return url.href;
  };

  const fetchPage = (what: string, since: string, at: { page: number; parPage: number } | { link: string }): Promise<HttpAnswer> =>
    'link' in at
      ? http.request('GET', follow(at.link), { what })
      : http.request('GET', 'personnes', { what, query: { modifieApres: since, page: String(at.page), parPage: String(at.parPage), modules: READ_MODULES } });

  /** A page as FORMAT describes it, checked before its persons are mapped; a page of another instance is a settings fault. */
  const pageOf = (answer: HttpAnswer, what: string, requested: number | undefined): Page => {
    const body = answer.json<unknown>();
    if (!isObject(body)) throw invalidAnswer(answer, what, 'the page', 'that is not a JSON object');
    const personnes: unknown = body.personnes;
    if (!Array.isArray(personnes)) throw invalidAnswer(answer, what, 'personnes', 'that is not a list');
    const i = (personnes as readonly unknown[]).findIndex((p) => !isObject(p));
    if (i >= 0) throw invalidAnswer(answer, what, `personnes[${i}]`, 'that is not a JSON object');
    if (!isObject(body.pagination)) throw invalidAnswer(answer, what, 'pagination', 'that is not a JSON object');
    if (body.instance !== s.instance) {
      throw new ConfigError('lora.wrong-instance', 'the Lora at settings.baseUrl serves another instance than settings.instance; check both', { field: 'settings.instance' });
    }
    const suivante = body.pagination.suivante;
    const current = positive(body.pagination.page) ? body.pagination.page : requested;
    let next: Next | undefined;
    if (suivante === null) next = undefined;
    else if (positive(suivante) || (typeof suivante === 'string' && /^[1-9]\d{0,8}$/.test(suivante))) {
      const page = Number(suivante);
      // A next page that is not further on would poll the same pages for ever.
      if (current !== undefined && page <= current) throw invalidAnswer(answer, what, 'pagination.suivante', 'that is not a later page');
      next = { page };
    } else if (typeof suivante === 'string' && suivante.trim() !== '') next = { link: suivante.trim() };
    else throw invalidAnswer(answer, what, 'pagination.suivante', 'that is neither null, a page number nor a link');
    return { body, personnes: personnes as JsonObject[], next };
  };

  /**
   * Lora has no read of one person (FORMAT): a read walks the poll from one second before the
   * `modifieLe` the person was last seen with (a poll's handle), else from the start, until it meets it.
   */
  async function findPerson(idLora: string, since: string): Promise<{ person: JsonObject; page: JsonObject }> {
    let at: { page: number; parPage: number } | { link: string } = { page: 1, parPage: s.pageSize };
    for (let pages = 0; pages < READ_PAGE_LIMIT; pages += 1) {
      const answer = await fetchPage('the person read', since, at);
      const page = pageOf(answer, 'the person read', 'page' in at ? at.page : undefined);
      const person = page.personnes.find((p) => idLoraOf(p.idLora) === idLora);
      if (person) return { person, page: page.body };
      if (!page.next) break;
      at = 'page' in page.next ? { page: page.next.page, parPage: s.pageSize } : page.next;
    }
    throw new UpstreamError('lora.person-not-found', 'Lora serves no person with the localPersonId (idLora) of the case; check that the case is of this instance', {
      retryable: false,
      details: { field: 'localPersonId' },
    });
  }

  async function update(idLora: string, modules: Record<string, unknown>): Promise<Receipt> {
    const versions: Record<string, number> = {};
    // One module at a time, in the order they were written: a PUT is idempotent, an attempt again redoes them all.
    for (const [code, content] of Object.entries(modules)) {
      const what = `the ${code} module update`;
      const answer = await http.request('PUT', `personnes/${idLora}/modules/${code}`, { json: content, accept: [200], what });
      const body = answer.json<unknown>();
      if (!isObject(body) || body.module !== code) throw invalidAnswer(answer, what, 'module', 'that is not the module sent');
      if (typeof body.version !== 'number' || !Number.isSafeInteger(body.version) || body.version < 0) throw invalidAnswer(answer, what, 'version', 'that is not a whole number');
      versions[`version.${code}`] = body.version;
    }
    return { at: zurichTimestamp(settings.now()), reference: idLora, status: 'updated', details: { httpStatus: 409, modulesEnregistres: Object.keys(modules).join(','), ...versions } };
  }

  /** The `201` body is the receipt: what Lora numbered, kept and refused (module codes, a code-like motif; no free text). */
  function created(answer: HttpAnswer): Receipt {
    const what = 'the person insert';
    const body = answer.json<unknown>();
    if (!isObject(body)) throw invalidAnswer(answer, what, 'the receipt', 'that is not a JSON object');
    const idLora = idLoraOf(body.idLora);
    if (!idLora) throw invalidAnswer(answer, what, 'idLora', 'that is not a Lora id');
    const noDossier = typeof body.noDossier === 'string' ? body.noDossier.trim() : '';
    if (!NO_DOSSIER.test(noDossier)) throw invalidAnswer(answer, what, 'noDossier', 'that is not a case number');
    const kept: unknown = body.modulesEnregistres ?? [];
    if (!Array.isArray(kept)) throw invalidAnswer(answer, what, 'modulesEnregistres', 'that is not a list');
    const keptCodes = (kept as readonly unknown[]).map((code, i) => {
      if (typeof code !== 'string' || !CODE.test(code)) throw invalidAnswer(answer, what, `modulesEnregistres[${i}]`, 'that is not a module code');
      return code;
    });
    const refused: unknown = body.modulesRefuses ?? [];
    if (!Array.isArray(refused)) throw invalidAnswer(answer, what, 'modulesRefuses', 'that is not a list');
    const motifs: Record<string, string> = {};
    const refusedCodes = (refused as readonly unknown[]).map((r, i) => {
      const code = isObject(r) ? r.module : undefined;
      if (typeof code !== 'string' || !CODE.test(code)) throw invalidAnswer(answer, what, `modulesRefuses[${i}].module`, 'that is not a module code');
      const motif = isObject(r) && typeof r.motif === 'string' ? r.motif.trim() : '';
      if (CODE.test(motif)) motifs[`motif.${code}`] = motif;
      return code;
    });
    return {
      at: zurichTimestamp(settings.now()),
      reference: idLora,
      status: 'created',
      details: {
        httpStatus: answer.status,
        noDossier,
        modulesEnregistres: keptCodes.join(','),
        ...(refusedCodes.length > 0 ? { modulesRefuses: refusedCodes.join(','), ...motifs } : {}),
      },
    };
  }

  return {
    async read(ref: CaseRef) {
      const idLora = idLoraOf(ref.localPersonId);
      if (!idLora) {
        throw new UpstreamError('lora.person-not-found', 'the localPersonId of the case is not a Lora id (idLora)', { retryable: false, details: { field: 'localPersonId' } });
      }
      // The handle a poll gave (`<idLora>@<modifieLe>`) is where to start; one of another person is no help.
      const [handleId, hint] = (ref.nativeId ?? '').split('@');
      const since = handleId === idLora && hint !== undefined && isLocalStamp(hint) ? secondBefore(hint) : EPOCH;
      const { person, page } = await findPerson(idLora, since);
      // The person alone, in its page: the other persons' defects are not this read's.
      const single = new TextEncoder().encode(JSON.stringify({ ...page, personnes: [person] }));
      const mapped = toContract([{ name: 'personne.json', content: single }], settings);
      const record = readRecord(mapped, { code: 'lora.empty', message: 'Lora answered the person read without a person' });
      return { record, nativeId: handleOf(idLora, localStampOf(person.modifieLe)) };
    },

    async listChanges(cursor: string | null, limit: number): Promise<ChangePage> {
      const at = decodeCursor(cursor);
      const parPage = at.parPage ?? (Number.isFinite(limit) ? Math.max(1, Math.min(Math.floor(limit), s.pageSize)) : s.pageSize);
      const place = at.link !== undefined ? { link: at.link } : { page: at.page ?? 1, parPage };
      const answer = await fetchPage('the poll', at.since, place);
      const page = pageOf(answer, 'the poll', 'page' in place ? place.page : undefined);
      const mapped = toContract([{ name: 'personnes.json', content: answer.bytes }], settings);
      let max = at.max;
      const refs: Record<string, string> = {};
      for (const p of page.personnes) {
        const stamp = localStampOf(p.modifieLe);
        max = later(max, stamp);
        const idLora = idLoraOf(p.idLora);
        const modules = isObject(p.modules) ? p.modules : {};
        const info = isObject(modules.INFO_PRIMAIRE) ? modules.INFO_PRIMAIRE : {};
        const noDossier = typeof info.noDossier === 'string' ? info.noDossier.trim() : '';
        if (idLora && noDossier !== '') refs[noDossier] = handleOf(idLora, stamp);
      }
      // Mid-poll the cursor keeps `parPage`: a restart with another limit must not shift the pages.
      // At the end, `modifieApres` is exclusive: the latest modifieLe seen is where the next poll starts.
      const next = page.next;
      const nextCursor = next
        ? encodeCursor({ since: at.since, ...('page' in next ? { page: next.page, parPage } : { link: follow(next.link) }), ...(max ? { max } : {}) })
        : encodeCursor({ since: max ?? at.since });
      return {
        records: mapped.records,
        rejections: mapped.rejections,
        ...(mapped.stamps ? { stamps: mapped.stamps } : {}),
        refs,
        nextCursor,
        more: next !== undefined,
      };
    },

    async deliver(request: DeliveryRequest): Promise<Receipt> {
      // A value Lora cannot say refuses the record before anything is sent.
      const body = personBody(request.record, settings);
      const answer = await http.request('POST', 'personnes', { json: body, accept: [201, 409], what: 'the person insert' });
      if (answer.status === 201) return created(answer);
      // A person Lora knows by its noAVS: its modules are written over, one by one.
      const known = answer.json<unknown>();
      const idLora = isObject(known) ? idLoraOf(known.idLora) : undefined;
      if (!idLora) throw invalidAnswer(answer, 'the person insert', 'idLora', 'that is not a Lora id');
      return update(idLora, body.modules);
    },
  };
}
