import type { CaseRef, ChangePage, Connection, ConnectionSettings, DeliveryRequest, HttpAnswer, Receipt, RequestOptions } from '../../src/adapters/sdk.js';
import { answerJson, ConfigError, connectionClient, cursorContent, encodeCursor, isObject, readRecord, UpstreamError, ZONED_TIMESTAMP, zurichTimestamp } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import { connectionSettingsOf, MAX_PAGE_SIZE } from './settings.js';
import { toContract } from './to-contract.js';

// DuFF's REST API (FORMAT.md "Transport"): an API key and the acting organisation on every
// call, a read is one Dossier, a poll pages by number inside one snapshot (`stand`), a
// delivery posts a handover with the transfer id as its reference.

const SYSTEM = 'duff';

/**
 * Where a poll stands. Between polls: `since` only (the `stand` of the last poll finished).
 * Mid-poll: also the page to fetch next, the snapshot of page 1 and the page size it was
 * cut with, so that a restart from this cursor asks for exactly the next page.
 */
interface PollCursor {
  since: string;
  seite?: number;
  stand?: string;
  proSeite?: number;
}

const isInstant = (v: unknown): v is string => typeof v === 'string' && ZONED_TIMESTAMP.shape.test(v) && !Number.isNaN(Date.parse(v));
const isWhole = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** A cursor that starts the poll at a given time (RFC 3339 with offset, as DuFF's `geaendertSeit`). */
export function pollCursorSince(since: string): string {
  if (!isInstant(since)) throw new ConfigError('duff.cursor-invalid', 'a poll start must be an RFC 3339 timestamp with offset');
  return encodeCursor({ since });
}

function decodeCursor(value: string | null): PollCursor {
  // Never polled: everything DuFF holds (timestamps carry the Swiss offset).
  if (value === null) return { since: zurichTimestamp(new Date(0)) };
  const c = cursorContent(value) as Partial<PollCursor> | null | undefined;
  if (isObject(c) && isInstant(c.since)) {
    if (c.seite === undefined && c.stand === undefined && c.proSeite === undefined) return { since: c.since };
    if (isWhole(c.seite, 2) && isInstant(c.stand) && isWhole(c.proSeite, 1, MAX_PAGE_SIZE)) return { since: c.since, seite: c.seite, stand: c.stand, proSeite: c.proSeite };
  }
  throw new ConfigError('duff.cursor-invalid', 'the poll cursor is not one this adapter gave out; start the poll again from a time');
}

/** A body that is not what FORMAT.md says: the field named, nothing of the body repeated. */
const invalidAnswer = (what: string, field: string, says: string, httpStatus: number): UpstreamError =>
  new UpstreamError('duff.invalid-answer', `DuFF answered ${what} with a body whose ${field} ${says}`, { retryable: true, details: { field, httpStatus } });

interface Page {
  seite: number;
  seitenTotal: number;
  stand: string;
}

/** `{ treffer, seite, seitenTotal, proSeite, stand, dossiers }`: what the poll relies on, checked. */
function pageOf(body: unknown, seite: number, httpStatus: number): Page {
  const bad = (field: string, says: string) => invalidAnswer('the poll', field, says, httpStatus);
  if (!isObject(body)) throw bad('body', 'is not a page of Dossiers (a JSON object)');
  if (!Array.isArray(body.dossiers) || !body.dossiers.every(isObject)) throw bad('dossiers', 'is not a list of Dossiers');
  if (!isInstant(body.stand)) throw bad('stand', 'is not an RFC 3339 timestamp with offset');
  if (body.seite !== seite) throw bad('seite', `is not the page asked for (${seite})`);
  if (!isWhole(body.seitenTotal, 0)) throw bad('seitenTotal', 'is not a whole number');
  return { seite, seitenTotal: body.seitenTotal, stand: body.stand };
}

/** DuFF's `202 { uebergabeNr, status: "EINGEGANGEN", eingegangenAm }`, checked. */
function receiptOf(body: unknown, httpStatus: number): { uebergabeNr: string; status: string; eingegangenAm: string } {
  const bad = (field: string, says: string) => invalidAnswer('the handover', field, says, httpStatus);
  if (!isObject(body)) throw bad('body', 'is not a receipt (a JSON object)');
  // Kept as the transfer's reference: an id, nothing else of the answer.
  if (typeof body.uebergabeNr !== 'string' || !/^[A-Za-z0-9._/-]{1,64}$/.test(body.uebergabeNr)) throw bad('uebergabeNr', 'is not a handover number');
  if (body.status !== 'EINGEGANGEN') throw bad('status', 'is not EINGEGANGEN');
  if (!isInstant(body.eingegangenAm)) throw bad('eingegangenAm', 'is not an RFC 3339 timestamp with offset');
  return { uebergabeNr: body.uebergabeNr, status: body.status, eingegangenAm: body.eingegangenAm };
}

/** The SDK's auth failure, pointing at the setting to check: the key (401) or the acting organisation (403). */
function authHint(error: unknown, what: string): unknown {
  if (!(error instanceof UpstreamError) || error.code !== `${SYSTEM}.auth-failed`) return error;
  const status = error.details.httpStatus;
  const [field, hint] =
    status === 403
      ? ['settings.organisation', 'the acting organisation may not do this; check settings.organisation and its permission level in DuFF']
      : ['settings.apiKey', 'DuFF did not take the API key; check the variable settings.apiKey names'];
  return new UpstreamError(error.code, `DuFF answered ${String(status)} to ${what}: ${hint}`, { retryable: false, details: { ...error.details, field } });
}

/** Connects to one institution's DuFF; settings and the API key fail here, naming the key. */
export function connect(settings: ConnectionSettings): Connection {
  const s = connectionSettingsOf(settings, settings.env);
  const http = connectionClient(settings, s, {
    system: SYSTEM,
    credentials: { kind: 'api-key', header: 'X-DuFF-API-Key', value: s.key },
    headers: { accept: 'application/json', 'X-DuFF-Organisation': s.organisation },
    now: () => settings.now().getTime(),
  });

  const call = async (method: string, path: string, options: RequestOptions): Promise<HttpAnswer> => {
    try {
      return await http.request(method, path, options);
    } catch (error) {
      throw authHint(error, options.what);
    }
  };

  return {
    async read(ref: CaseRef) {
      const dossierNr = ref.nativeId ?? ref.localCaseId;
      const what = 'the dossier read';
      const answer = await call('GET', `dossiers/${encodeURIComponent(dossierNr)}`, { what });
      const body = answerJson(answer);
      if (!isObject(body)) throw invalidAnswer(what, 'body', 'is not a Dossier (a JSON object)', answer.status);
      if (body.dossierNr !== dossierNr) throw invalidAnswer(what, 'dossierNr', 'is not the one asked for', answer.status);
      const mapped = toContract([{ name: 'dossier.json', content: answer.bytes }], settings);
      const record = readRecord(mapped, { code: 'duff.empty', message: 'DuFF answered the dossier read without a Dossier', details: { httpStatus: answer.status } });
      return { record, nativeId: dossierNr };
    },

    async listChanges(cursor: string | null, limit: number): Promise<ChangePage> {
      const at = decodeCursor(cursor);
      const seite = at.seite ?? 1;
      // Mid-poll the page size is the one page 1 was cut with: another would shift the pages.
      const proSeite = at.proSeite ?? Math.max(1, Math.min(Number.isFinite(limit) ? Math.floor(limit) : MAX_PAGE_SIZE, s.pageSize ?? MAX_PAGE_SIZE));
      const answer = await call('GET', 'dossiers', {
        query: { geaendertSeit: at.since, seite: String(seite), proSeite: String(proSeite), ansicht: 'voll', stand: at.stand },
        what: 'the poll',
      });
      const page = pageOf(answerJson(answer), seite, answer.status);
      if (at.stand !== undefined && page.stand !== at.stand) {
        // DuFF no longer holds the snapshot (a restart long after): the poll starts over from
        // `since`. Dossiers may come again (same version: no new event), none is lost.
        return { records: [], rejections: [], refs: {}, nextCursor: encodeCursor({ since: at.since }), more: true };
      }
      const mapped = toContract([{ name: `seite-${seite}.json`, content: answer.bytes }], settings);
      const more = page.seite < page.seitenTotal;
      return {
        records: mapped.records,
        rejections: mapped.rejections,
        ...(mapped.stamps ? { stamps: mapped.stamps } : {}),
        // A Dossier is read by its dossierNr, the record's localCaseId: no handle to learn.
        refs: {},
        // The poll after this one starts at the snapshot time (FORMAT: `stand` as `geaendertSeit`).
        nextCursor: more ? encodeCursor({ since: at.since, seite: seite + 1, stand: page.stand, proSeite }) : encodeCursor({ since: page.stand }),
        more,
      };
    },

    async deliver(request: DeliveryRequest): Promise<Receipt> {
      // `zielOrganisation` is the institution delivered to; a value DuFF cannot say fails here, before sending.
      const [handover] = fromContract([request.record], { ...settings, institutionId: request.targetInstitutionId }, { transferId: request.transferId, at: settings.now() });
      // DuFF answers a repeated reference with the same receipt: the transfer id makes the delivery idempotent.
      const answer = await call('POST', 'uebergaben', {
        body: handover!.content,
        headers: { 'content-type': 'application/json; charset=utf-8', 'X-DuFF-Referenz': request.transferId },
        what: 'the handover',
      });
      const receipt = receiptOf(answerJson(answer), answer.status);
      return {
        at: zurichTimestamp(settings.now()),
        reference: receipt.uebergabeNr,
        status: receipt.status,
        details: { httpStatus: answer.status, eingegangenAm: receipt.eingegangenAm },
      };
    },
  };
}
