import type { CaseRef, ChangePage, Connection, ConnectionSettings, DeliveryRequest, Receipt } from '../../src/adapters/sdk.js';
import { ConfigError, UpstreamError, zurichTimestamp } from '../../src/adapters/sdk.js';
import { caseFromRecord } from './from-contract.js';
import { toContract } from './to-contract.js';
import { reverseOrganisationMap } from './types.js';

interface Settings {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

/** A setting given as text, or by reference to an environment variable: `{ env: NAME }`. */
export function secret(value: unknown, env: Readonly<Record<string, string | undefined>>, field: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (value && typeof value === 'object' && typeof (value as { env?: unknown }).env === 'string') {
    const name = (value as { env: string }).env;
    const resolved = env[name];
    if (resolved) return resolved;
    throw new ConfigError('nfam.secret-missing', `settings.${field} names the variable ${name}, which is not set`, { field: `settings.${field}` });
  }
  throw new ConfigError('nfam.settings-invalid', `settings.${field} is required (text, or { env: NAME })`, { field: `settings.${field}` });
}

function readSettings(s: ConnectionSettings): Settings {
  const str = (key: string): string => {
    const v = s.settings[key];
    if (typeof v !== 'string' || !/^https?:\/\//.test(v)) {
      throw new ConfigError('nfam.settings-invalid', `settings.${key} must be an http(s) URL`, { field: `settings.${key}` });
    }
    return v.replace(/\/+$/, '');
  };
  const clientId = s.settings.clientId;
  if (typeof clientId !== 'string' || clientId === '') throw new ConfigError('nfam.settings-invalid', 'settings.clientId is required', { field: 'settings.clientId' });
  return {
    baseUrl: str('baseUrl'),
    tokenUrl: str('tokenUrl'),
    clientId,
    clientSecret: secret(s.settings.clientSecret, s.env, 'clientSecret'),
    timeoutMs: typeof s.settings.timeoutMs === 'number' ? s.settings.timeoutMs : 10_000,
  };
}

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** FORMAT: 5xx, 408 and 429 are worth another attempt; other 4xx are not. */
function failure(response: Response, what: string): UpstreamError {
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  const wait = retryAfterMs(response);
  return new UpstreamError(retryable ? 'nfam.unavailable' : 'nfam.refused', `NFAM answered ${response.status} to ${what}`, {
    retryable,
    details: { httpStatus: response.status },
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
  });
}

/** Cursor of our own: where the poll stands (since-timestamp, NFAM's page cursor, versions seen at that timestamp). */
interface PollCursor {
  since: string;
  page?: string;
  seen?: Record<string, number>;
}

const encodeCursor = (c: PollCursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

/** A cursor that starts the poll at a given time (RFC 3339). */
export function pollCursorSince(since: string): string {
  return encodeCursor({ since });
}
function decodeCursor(value: string | null): PollCursor {
  if (value === null) return { since: '1970-01-01T00:00:00Z' };
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as PollCursor;
    if (typeof parsed.since === 'string') return parsed;
  } catch {
    // fall through
  }
  throw new ConfigError('nfam.cursor-invalid', 'the poll cursor is not one this adapter gave out');
}

/**
 * An answer's JSON, or a retryable failure that says only its status, type and length:
 * a garbage answer's body never reaches an error message or a log line.
 */
async function jsonOf<T>(response: Response, what: string): Promise<T> {
  const raw = new Uint8Array(await response.arrayBuffer());
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)) as T;
  } catch {
    throw new UpstreamError('nfam.invalid-answer', `NFAM answered ${what} with ${response.status} and a body that is not JSON (${response.headers.get('content-type') ?? 'no type'}, ${raw.byteLength} bytes)`, {
      retryable: true,
      details: { httpStatus: response.status },
    });
  }
}

export function connect(settings: ConnectionSettings): Connection {
  const s = readSettings(settings);
  const fetchImpl = settings.fetch ?? fetch;
  let token: { value: string; until: number } | undefined;

  async function call(input: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await fetchImpl(input, { ...init, signal: AbortSignal.timeout(s.timeoutMs) });
    } catch (error) {
      throw new UpstreamError('nfam.unreachable', `NFAM did not answer ${what}`, { retryable: true, cause: error });
    }
  }

  async function accessToken(force = false): Promise<string> {
    if (!force && token && token.until > Date.now()) return token.value;
    const response = await call(
      s.tokenUrl,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(s.clientId)}:${encodeURIComponent(s.clientSecret)}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'cases:read cases:write' }).toString(),
      },
      'the token request',
    );
    if (!response.ok) {
      const error = failure(response, 'the token request');
      throw response.status === 400 || response.status === 401
        ? new UpstreamError('nfam.auth-failed', 'NFAM refused the client credentials; check clientId and clientSecret', { retryable: false })
        : error;
    }
    const body = await jsonOf<{ access_token?: string; expires_in?: number }>(response, 'the token request');
    if (!body.access_token) throw new UpstreamError('nfam.auth-failed', 'NFAM sent no access token', { retryable: true });
    // Renew a minute early so a token never expires in flight.
    token = { value: body.access_token, until: Date.now() + Math.max(30, (body.expires_in ?? 900) - 60) * 1000 };
    return token.value;
  }

  /** Authorised call; one fresh token on a 401, then the answer as it is. */
  async function authorised(path: string, init: RequestInit, what: string): Promise<Response> {
    const send = async (force: boolean): Promise<Response> =>
      call(`${s.baseUrl}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${await accessToken(force)}`, accept: 'application/json' } }, what);
    const first = await send(false);
    return first.status === 401 ? send(true) : first;
  }

  const bytes = async (response: Response): Promise<Uint8Array> => new Uint8Array(await response.arrayBuffer());

  return {
    async read(ref: CaseRef) {
      if (!ref.nativeId) {
        throw new UpstreamError(
          'nfam.case-id-unknown',
          'NFAM reads a case by its id, which the gateway learns from NFAM webhooks and polls; none is known for this case yet',
          { retryable: false },
        );
      }
      const response = await authorised(`/cases/${encodeURIComponent(ref.nativeId)}`, { method: 'GET' }, 'the case read');
      if (!response.ok) throw failure(response, 'the case read');
      const raw = await bytes(response);
      // A garbage answer is NFAM's trouble, worth another attempt; not a record that breaks the contract.
      try {
        JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
      } catch {
        throw new UpstreamError('nfam.invalid-answer', `NFAM answered the case read with a body that is not JSON (${raw.byteLength} bytes)`, { retryable: true });
      }
      const mapped = toContract([{ name: 'case.json', content: raw }], settings);
      const rejected = mapped.rejections[0];
      if (rejected) throw rejected.error;
      const record = mapped.records[0];
      if (!record) throw new UpstreamError('nfam.empty', 'NFAM answered the case read without a case', { retryable: false });
      return { record, nativeId: ref.nativeId };
    },

    async listChanges(cursor: string | null, limit: number): Promise<ChangePage> {
      const at = decodeCursor(cursor);
      const query = new URLSearchParams({ updatedSince: at.since, limit: String(Math.min(200, Math.max(1, limit))) });
      if (at.page) query.set('cursor', at.page);
      const response = await authorised(`/cases?${query.toString()}`, { method: 'GET' }, 'the poll');
      if (!response.ok) throw failure(response, 'the poll');
      const body = await jsonOf<{ data?: { id: string; caseNumber: string; version: number; updatedAt: string }[]; page?: { nextCursor: string | null } }>(response, 'the poll');
      const cases = body.data ?? [];
      // `updatedSince` is inclusive: skip a case seen again with the same version.
      const fresh = cases.filter((c) => at.seen?.[c.id] !== c.version);
      const mapped = toContract([{ name: 'page.json', content: new TextEncoder().encode(JSON.stringify({ data: fresh })) }], settings);
      const last = cases.at(-1);
      const since = last?.updatedAt ?? at.since;
      const seen: Record<string, number> = {};
      for (const c of cases) if (c.updatedAt === since) seen[c.id] = c.version;
      const nextPage = body.page?.nextCursor ?? null;
      return {
        records: mapped.records,
        rejections: mapped.rejections,
        refs: Object.fromEntries(cases.map((c) => [c.caseNumber, c.id])),
        nextCursor: nextPage ? encodeCursor({ since: at.since, page: nextPage, seen: { ...at.seen, ...seen } }) : encodeCursor({ since, seen: { ...(since === at.since ? at.seen : {}), ...seen } }),
        more: nextPage !== null,
      };
    },

    async deliver(request: DeliveryRequest): Promise<Receipt> {
      const target = reverseOrganisationMap(settings.settings)[request.targetInstitutionId];
      if (!target) {
        throw new UpstreamError('nfam.unknown-organisation', `institution "${request.targetInstitutionId}" has no NFAM organisation id; the delivery was not sent`, {
          retryable: false,
        });
      }
      const { id: _id, version: _v, createdAt: _c, updatedAt: _u, person, ...rest } = caseFromRecord(request.record, settings) as Record<string, unknown> & { person: object };
      const response = await authorised(
        '/case-transfers',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': request.transferId },
          body: JSON.stringify({
            transferId: request.transferId,
            targetOrganisationId: target,
            senderInstitutionId: request.senderInstitutionId,
            case: { ...rest, person: { ...person, id: null } },
          }),
        },
        'the case transfer',
      );
      if (response.status === 422) {
        const body = await jsonOf<{ errors?: { pointer?: unknown }[] }>(response, 'the case transfer').catch(() => ({ errors: [] }));
        // Only well-formed JSON pointers of field names: nothing else of the answer is kept.
        const pointers = (Array.isArray(body.errors) ? body.errors : [])
          .map((e) => e?.pointer)
          .filter((p): p is string => typeof p === 'string' && /^(\/[A-Za-z0-9_]{1,64}){1,12}$/.test(p))
          .slice(0, 10);
        throw new UpstreamError('nfam.rejected', `NFAM refused the case${pointers.length ? ` at ${pointers.join(', ')}` : ''}`, {
          retryable: false,
          details: { httpStatus: 422, pointers: pointers.join(',') },
        });
      }
      if (response.status !== 201 && response.status !== 200) throw failure(response, 'the case transfer');
      const body = await jsonOf<{ caseId?: string; caseNumber?: string; status?: string }>(response, 'the case transfer');
      return {
        at: zurichTimestamp(new Date()),
        reference: String(body.caseId ?? ''),
        status: String(body.status ?? 'ACCEPTED'),
        details: { httpStatus: response.status, ...(body.caseNumber ? { caseNumber: body.caseNumber } : {}) },
      };
    },
  };
}
