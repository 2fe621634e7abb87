import type { CaseRef, ChangePage, Connection, ConnectionSettings, DeliveryRequest, Receipt } from '../../src/adapters/sdk.js';
import { ConfigError, cursorContent, encodeCursor, HttpClient, readRecord, secretOf, UpstreamError, zurichTimestamp } from '../../src/adapters/sdk.js';
import { caseFromRecord } from './from-contract.js';
import { toContract } from './to-contract.js';
import { reverseOrganisationMap } from './types.js';

/** NFAM's own settings beside the organisation map: where it is and who the gateway is to it. */
export function readSettings(s: ConnectionSettings): { baseUrl: string; tokenUrl: string; clientId: string; clientSecret: string; timeoutMs: number } {
  const url = (key: string): string => {
    const v = s.settings[key];
    if (typeof v !== 'string' || !/^https?:\/\//.test(v)) throw new ConfigError('nfam.settings-invalid', `settings.${key} must be an http(s) URL`, { field: `settings.${key}` });
    return v.replace(/\/+$/, '');
  };
  const clientId = s.settings.clientId;
  if (typeof clientId !== 'string' || clientId === '') throw new ConfigError('nfam.settings-invalid', 'settings.clientId is required', { field: 'settings.clientId' });
  let clientSecret: string;
  try {
    clientSecret = secretOf(s.settings, 'clientSecret', s.env);
  } catch (error) {
    throw new ConfigError(error instanceof ConfigError && error.code === 'adapter.secret-missing' ? 'nfam.secret-missing' : 'nfam.settings-invalid', (error as Error).message, { field: 'settings.clientSecret' });
  }
  return { baseUrl: url('baseUrl'), tokenUrl: url('tokenUrl'), clientId, clientSecret, timeoutMs: typeof s.settings.timeoutMs === 'number' ? s.settings.timeoutMs : 10_000 };
}

/** Cursor of our own: where the poll stands (since-timestamp, NFAM's page cursor, versions seen at that timestamp). */
interface PollCursor {
  since: string;
  page?: string;
  seen?: Record<string, number>;
}

/** A cursor that starts the poll at a given time (RFC 3339). */
export function pollCursorSince(since: string): string {
  return encodeCursor({ since });
}

function decodeCursor(value: string | null): PollCursor {
  if (value === null) return { since: '1970-01-01T00:00:00Z' };
  const parsed = cursorContent(value) as PollCursor | null | undefined;
  if (typeof parsed?.since === 'string') return parsed;
  throw new ConfigError('nfam.cursor-invalid', 'the poll cursor is not one this adapter gave out');
}

interface CasesPage {
  data?: { id: string; caseNumber: string; version: number; updatedAt: string }[];
  page?: { nextCursor: string | null };
}

/** NFAM's REST API, through the SDK's HTTP client (OAuth2 client credentials, cached token). */
export function connect(settings: ConnectionSettings): Connection {
  const s = readSettings(settings);
  const http = new HttpClient({
    system: 'nfam',
    baseUrl: s.baseUrl,
    timeoutMs: s.timeoutMs,
    credentials: { kind: 'oauth2-client-credentials', tokenUrl: s.tokenUrl, clientId: s.clientId, clientSecret: s.clientSecret, scope: 'cases:read cases:write' },
    headers: { accept: 'application/json' },
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });

  return {
    async read(ref: CaseRef) {
      if (!ref.nativeId) {
        throw new UpstreamError('nfam.case-id-unknown', 'NFAM reads a case by its id, which the gateway learns from NFAM webhooks and polls; none is known for this case yet', { retryable: false });
      }
      const answer = await http.request('GET', `/cases/${encodeURIComponent(ref.nativeId)}`, { what: 'the case read' });
      // A garbage answer is NFAM's trouble, worth another attempt; not a record that breaks the contract.
      answer.json();
      const mapped = toContract([{ name: 'case.json', content: answer.bytes }], settings);
      const record = readRecord(mapped, { code: 'nfam.empty', message: 'NFAM answered the case read without a case' });
      return { record, nativeId: ref.nativeId };
    },

    async listChanges(cursor: string | null, limit: number): Promise<ChangePage> {
      const at = decodeCursor(cursor);
      const { body } = await http.json<CasesPage>('GET', '/cases', {
        query: { updatedSince: at.since, limit: String(Math.min(200, Math.max(1, limit))), cursor: at.page },
        what: 'the poll',
      });
      const cases = body.data ?? [];
      // `updatedSince` is inclusive: skip a case seen again with the same version.
      const fresh = cases.filter((c) => at.seen?.[c.id] !== c.version);
      const mapped = toContract([{ name: 'page.json', content: new TextEncoder().encode(JSON.stringify({ data: fresh })) }], settings);
      const since = cases.at(-1)?.updatedAt ?? at.since;
      const seen: Record<string, number> = {};
      for (const c of cases) if (c.updatedAt === since) seen[c.id] = c.version;
      const nextPage = body.page?.nextCursor ?? null;
      return {
        records: mapped.records,
        rejections: mapped.rejections,
        refs: Object.fromEntries(cases.map((c) => [c.caseNumber, c.id])),
        nextCursor: nextPage
          ? encodeCursor({ since: at.since, page: nextPage, seen: { ...at.seen, ...seen } })
          : encodeCursor({ since, seen: { ...(since === at.since ? at.seen : {}), ...seen } }),
        more: nextPage !== null,
      };
    },

    async deliver(request: DeliveryRequest): Promise<Receipt> {
      const target = reverseOrganisationMap(settings.settings)[request.targetInstitutionId];
      if (!target) {
        throw new UpstreamError('nfam.unknown-organisation', 'the target institution has no NFAM organisation id in the settings; the delivery was not sent', { retryable: false });
      }
      const { id: _id, version: _v, createdAt: _c, updatedAt: _u, person, ...rest } = caseFromRecord(request.record, settings) as Record<string, unknown> & { person: object };
      const answer = await http.request('POST', '/case-transfers', {
        headers: { 'idempotency-key': request.transferId },
        json: { transferId: request.transferId, targetOrganisationId: target, senderInstitutionId: request.senderInstitutionId, case: { ...rest, person: { ...person, id: null } } },
        accept: [200, 201, 422],
        what: 'the case transfer',
      });
      if (answer.status === 422) {
        let body: { errors?: { pointer?: unknown }[] } = {};
        try {
          body = answer.json();
        } catch {
          // A 422 without a readable body still refuses the case.
        }
        // Only well-formed JSON pointers of field names: nothing else of the answer is kept.
        const pointers = (Array.isArray(body.errors) ? body.errors : [])
          .map((e) => e?.pointer)
          .filter((p): p is string => typeof p === 'string' && /^(\/[A-Za-z0-9_]{1,64}){1,12}$/.test(p))
          .slice(0, 10);
        throw new UpstreamError('nfam.rejected', `NFAM refused the case${pointers.length ? ` at ${pointers.join(', ')}` : ''}`, { retryable: false, details: { httpStatus: 422, pointers: pointers.join(',') } });
      }
      const body = answer.json<{ caseId?: string; caseNumber?: string; status?: string }>();
      return {
        at: zurichTimestamp(new Date()),
        reference: String(body.caseId ?? ''),
        status: String(body.status ?? 'ACCEPTED'),
        details: { httpStatus: answer.status, ...(body.caseNumber ? { caseNumber: body.caseNumber } : {}) },
      };
    },
  };
}
