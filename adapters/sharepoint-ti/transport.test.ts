import { createPublicKey, verify } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, ChangePage } from '../../src/adapters/sdk.js';
import { checkSettings } from '../../src/adapters/settings/check.js';
import { readRequests, thrown, mockedNetwork } from '../../src/adapters/testing.js';
import { ConfigError, PasserelleError, UpstreamError } from '../../src/errors.js';
import { adapter } from './index.js';
import { AUTHORITY, connectionSettings, fixture, FIXTURES, items, ORIGIN, results, SITE, TEST_KEY_PEM, TOKEN_PATH, tokenScope } from './test-transport.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { connect, pollCursorSince } from './transport.js';

type Json = Record<string, unknown>;
const VERBOSE = 'application/json;odata=verbose';
const CHILD_TITLES = ['Statuti', 'Valutazioni', 'Misure di integrazione', 'Diario', 'Documenti', 'Consensi'];
const withoutExtractedAt = (records: readonly CaseRecord[]): unknown[] => records.map(({ source: { extractedAt: _e, ...source }, ...r }) => ({ ...r, source }));
const expected = (sample: string): unknown => JSON.parse(fixture(`${sample}.expected.json`));
const decodeCursor = (cursor: string): Json => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Json;

/**
 * A sample's requests.md under nock: every request it lists, with its exact query, the
 * token and the verbose Accept header, answered by its sample body. `order` records the
 * order the transport asked in.
 */
function replay(sample: string, token = 'tok-1'): { scopes: nock.Scope[]; order: string[]; listed: string[] } {
  const requests = readRequests(FIXTURES, sample)!.requests;
  const order: string[] = [];
  const scopes = requests.map((r) => {
    const url = new URL(r.url);
    const scope = nock(url.origin)
      .matchHeader('authorization', `Bearer ${token}`)
      .matchHeader('accept', VERBOSE)
      .intercept(url.pathname, r.method)
      .query((q) => JSON.stringify(Object.entries(q).sort()) === JSON.stringify(Object.entries(r.query).sort()))
      .reply(200, fixture(r.answeredBy), { 'content-type': 'application/json' });
    scope.on('request', () => order.push(r.answeredBy));
    return scope;
  });
  return { scopes, order, listed: requests.map((r) => r.answeredBy) };
}

/** The child lists polled on `Modified` at the start of a round, answered by `answer(title)`. */
function childPolls(since: string, answer: (title: string) => Json = () => results([]), date?: string): nock.Scope {
  const scope = nock(ORIGIN);
  for (const [i, title] of CHILD_TITLES.entries()) {
    scope
      .get(items(title))
      .query({ $select: 'CasoId', $filter: `Modified ge datetime'${since}'`, $orderby: 'Id', $top: '500' })
      .reply(200, answer(title), i === 0 && date ? { date } : {});
  }
  return scope;
}

const readRef = (id: number) => ({ localCaseId: 'TI-x', localPersonId: String(id) });

describe('SharePoint-TI transport', () => {
  mockedNetwork();

  describe('reads', () => {
    it.each(['minimal', 'rich'])('reads the %s sample in the order of its requests.md and yields its expected record', async (sample) => {
      const token = tokenScope();
      const { scopes, order, listed } = replay(sample);
      const id = sample === 'minimal' ? 731 : 418;
      const { record, nativeId } = await connect(connectionSettings()).read(readRef(id));
      token.done();
      for (const s of scopes) s.done();
      expect(order).toEqual(listed);
      expect(nativeId).toBe(String(id));
      expect(withoutExtractedAt([record])).toEqual(expected(sample));
      expect(record.source.extractedAt).toBe('2025-03-03T09:15:23+01:00');
    });

    it('asks Entra ID for an app-only token with a certificate assertion signed by the key, naming the certificate by x5t', async () => {
      let form: URLSearchParams | undefined;
      const token = nock(AUTHORITY)
        .post(TOKEN_PATH, (body: string) => {
          form = new URLSearchParams(body);
          return true;
        })
        .reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: 'tok-1' });
      const { scopes } = replay('minimal');
      await connect(connectionSettings()).read(readRef(731));
      token.done();
      for (const s of scopes) s.done();
      expect(form!.get('grant_type')).toBe('client_credentials');
      expect(form!.get('client_id')).toBe('8d2f4b6a-3c5e-4f70-9a1b-2c3d4e5f6a7b');
      expect(form!.get('scope')).toBe(`${ORIGIN}/.default`);
      expect(form!.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      expect(form!.has('client_secret')).toBe(false);
      const [header, claims, signature] = form!.get('client_assertion')!.split('.') as [string, string, string];
      const json = (part: string): Json => JSON.parse(Buffer.from(part, 'base64url').toString()) as Json;
      expect(json(header)).toEqual({ alg: 'RS256', typ: 'JWT', x5t: Buffer.from('3F2A9C0D1E8B7A6F5E4D3C2B1A0F9E8D7C6B5A49', 'hex').toString('base64url') });
      expect(json(claims)).toMatchObject({ aud: `${AUTHORITY}${TOKEN_PATH}`, iss: '8d2f4b6a-3c5e-4f70-9a1b-2c3d4e5f6a7b', sub: '8d2f4b6a-3c5e-4f70-9a1b-2c3d4e5f6a7b', nbf: 1740989723, exp: 1740989723 + 600 });
      expect(verify('sha256', Buffer.from(`${header}.${claims}`), createPublicKey(TEST_KEY_PEM), Buffer.from(signature, 'base64url'))).toBe(true);
    });

    it('keeps the token until shortly before it expires, then asks again', async () => {
      let now = new Date('2025-03-03T08:15:23Z');
      const connection = connect(connectionSettings({}, undefined, () => now));
      const first = tokenScope(1, 'tok-1', 3599);
      const twice = [...replay('minimal').scopes, ...replay('minimal').scopes];
      await connection.read(readRef(731));
      await connection.read(readRef(731));
      first.done();
      for (const s of twice) s.done();
      // A minute before its 3599 s are over, the token is renewed.
      now = new Date(now.getTime() + 3540_000);
      const second = tokenScope(1, 'tok-2');
      const { scopes } = replay('minimal', 'tok-2');
      await connection.read(readRef(731));
      second.done();
      for (const s of scopes) s.done();
    });

    it('follows a child list’s own d.__next: a case can hold more child items than one answer', async () => {
      const token = tokenScope();
      const diario = JSON.parse(fixture('rich.diario.json')) as { d: { results: Json[] } };
      const next = `${ORIGIN}${items('Diario')}?%24skiptoken=Paged%3dTRUE%26p_ID%3d963&%24filter=CasoId+eq+418&%24orderby=Id&%24top=500`;
      const api = nock(ORIGIN).get(`${items('Casi')}(418)`).reply(200, fixture('rich.caso.json'));
      for (const [title, file] of [['Statuti', 'statuti'], ['Valutazioni', 'valutazioni'], ['Misure di integrazione', 'misure'], ['Documenti', 'documenti'], ['Consensi', 'consensi']] as const) {
        api.get(items(title)).query((q) => q.$filter === 'CasoId eq 418').reply(200, fixture(`rich.${file}.json`));
      }
      api
        .get(items('Diario'))
        .query((q) => q.$filter === 'CasoId eq 418' && q.$skiptoken === undefined)
        .reply(200, results(diario.d.results.slice(0, 2), next))
        .get(items('Diario'))
        .query((q) => q.$skiptoken === 'Paged=TRUE&p_ID=963')
        .reply(200, results(diario.d.results.slice(2)));
      const { record } = await connect(connectionSettings()).read(readRef(418));
      token.done();
      api.done();
      expect(withoutExtractedAt([record])).toEqual(expected('rich'));
    });

    it('refuses a reference that holds no Casi Id, before any request', async () => {
      const error = await failure(connect(connectionSettings()).read({ localCaseId: 'TI-1', localPersonId: "1 or Id eq 2" }));
      expect(error).toMatchObject({ code: 'sharepoint-ti.case-id-invalid', retryable: false, details: { field: 'localPersonId' } });
      expect(error.message).not.toContain('or Id');
    });
  });

  describe('polls', () => {
    /** The edge sample's round: child polls first (with a `Date`), then its two pages as requests.md lists them. */
    function edgeRound(childAnswer?: (title: string) => Json) {
      const token = tokenScope();
      const children = childPolls('2025-02-12T00:00:00Z', childAnswer, 'Wed, 12 Feb 2025 10:45:30 GMT');
      const { scopes, order, listed } = replay('edge');
      return { all: [token, children, ...scopes], order, listed };
    }

    it('follows d.__next as is, one page per call, and yields the edge sample’s records in order', async () => {
      const { all, order, listed } = edgeRound();
      const connection = connect(connectionSettings({ pageSize: 100 }));
      const first = await connection.listChanges!(pollCursorSince('2025-02-12T00:00:00Z'), 2);
      expect(first.more).toBe(true);
      expect(first.records.map((r) => r.source.localPersonId)).toEqual(['502', '660']);
      expect(decodeCursor(first.nextCursor)).toMatchObject({
        since: '2025-02-12T00:00:00Z',
        start: '2025-02-12T10:44:30Z',
        next: JSON.parse(fixture('edge.page1.casi.json')).d.__next,
      });
      const second = await connection.listChanges!(first.nextCursor, 2);
      for (const s of all) s.done();
      expect(order).toEqual(listed);
      expect(second.more).toBe(false);
      expect(withoutExtractedAt([...first.records, ...second.records])).toEqual(expected('edge'));
      expect(second.stamps!.map((s) => s.version)).toEqual(['777:"3"']);
      expect(first.refs).toEqual({});
      // The next round starts a minute before the site's clock at the round's start; 777 changed after it, so it is remembered by its etag.
      expect(decodeCursor(second.nextCursor)).toEqual({ since: '2025-02-12T10:44:30Z', seen: [[777, '"3"', '2025-02-12T10:44:59Z']] });
    });

    it('a restart from the cursor saved after page 1 turns every change into exactly one record', async () => {
      // Misure of 777 changed too: the child poll names 777, which page 2 then reads once.
      const { all } = edgeRound((title) => (title === 'Misure di integrazione' ? results([{ __metadata: { type: 'SP.Data.MisureIntegrazioneListItem' }, CasoId: 777 }, { __metadata: { type: 'SP.Data.MisureIntegrazioneListItem' }, CasoId: 777 }]) : results([])));
      const first = await connect(connectionSettings()).listChanges!(pollCursorSince('2025-02-12T00:00:00Z'), 2);
      expect(decodeCursor(first.nextCursor)).toMatchObject({ pending: [777] });
      // The gateway stopped here; a new process (with a token of its own) starts from the saved cursor.
      const token = tokenScope(1);
      const restarted = connect(connectionSettings());
      const pages: ChangePage[] = [first];
      let page = first;
      while (page.more) {
        page = await restarted.listChanges!(page.nextCursor, 2);
        pages.push(page);
      }
      for (const s of [...all, token]) s.done();
      const ids = pages.flatMap((p) => p.records.map((r) => r.source.localPersonId));
      expect(ids).toEqual(['502', '660', '777']);
      expect(withoutExtractedAt(pages.flatMap((p) => p.records))).toEqual(expected('edge'));
      expect(pages).toHaveLength(2);
    });

    it('the next round skips what it serves again unchanged, and reads a case whose child list changed', async () => {
      const seen = Buffer.from(JSON.stringify({ since: '2025-02-12T10:44:30Z', seen: [[777, '"3"', '2025-02-12T10:44:59Z']] })).toString('base64url');
      const token = tokenScope();
      // A journal entry of 502 changed: its case's Modified did not.
      const children = childPolls('2025-02-12T10:44:30Z', (title) => (title === 'Diario' ? results([{ __metadata: { type: 'SP.Data.DiarioListItem' }, CasoId: 502 }]) : results([])), 'Wed, 12 Feb 2025 11:00:00 GMT');
      const page1 = JSON.parse(fixture('edge.page1.casi.json')) as { d: { results: Json[] } };
      const page2 = JSON.parse(fixture('edge.page2.casi.json')) as { d: { results: Json[] } };
      const api = nock(ORIGIN)
        .get(items('Casi'))
        .query({ $filter: "Modified ge datetime'2025-02-12T10:44:30Z'", $orderby: 'Id', $top: '100' })
        .reply(200, results(page2.d.results))
        .get(items('Casi'))
        .query({ $filter: 'Id eq 502', $orderby: 'Id', $top: '1' })
        .reply(200, results(page1.d.results.filter((c) => c.Id === 502)));
      for (const title of CHILD_TITLES) api.get(items(title)).query((q) => q.$filter === 'CasoId eq 502').reply(200, fixture(`edge.page1.${title === 'Misure di integrazione' ? 'misure' : title.toLowerCase()}.json`));
      const connection = connect(connectionSettings());
      const first = await connection.listChanges!(seen, 200);
      expect(first.records).toEqual([]);
      expect(first.more).toBe(true);
      const second = await connection.listChanges!(first.nextCursor, 200);
      token.done();
      children.done();
      api.done();
      expect(second.records.map((r) => r.source.localPersonId)).toEqual(['502']);
      expect(second.more).toBe(false);
      expect(decodeCursor(second.nextCursor)).toEqual({ since: '2025-02-12T10:59:00Z' });
    });

    it('a first poll from nothing reads every case and polls no child list', async () => {
      const token = tokenScope();
      const api = nock(ORIGIN).get(items('Casi')).query({ $filter: "Modified ge datetime'1970-01-01T00:00:00Z'", $orderby: 'Id', $top: '50' }).reply(200, results([]));
      const page = await connect(connectionSettings()).listChanges!(null, 50);
      token.done();
      api.done();
      // No Date header: the gateway's clock, five minutes early.
      expect(page).toMatchObject({ records: [], rejections: [], more: false });
      expect(decodeCursor(page.nextCursor)).toEqual({ since: '2025-03-03T08:10:23Z' });
    });

    it('refuses a cursor it did not give out, and a next link to another host', async () => {
      const c = connect(connectionSettings());
      const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
      await expect(c.listChanges!('bm90LWEtY3Vyc29y', 2)).rejects.toMatchObject({ code: 'sharepoint-ti.cursor-invalid', details: { field: 'cursor' } });
      await expect(c.listChanges!(b64({ since: "2025-01-01T00:00:00Z' or Id gt '0" }), 2)).rejects.toMatchObject({ code: 'sharepoint-ti.cursor-invalid' });
      await expect(c.listChanges!(b64({ since: '2025-01-01T00:00:00Z', start: '2025-01-01T00:00:00Z', next: 'https://evil.example/_api' }), 2)).rejects.toMatchObject({ code: 'sharepoint-ti.invalid-answer', retryable: false, details: { field: 'd.__next' } });
      expect(() => pollCursorSince('yesterday')).toThrow(expect.objectContaining({ code: 'sharepoint-ti.cursor-invalid' }));
    });
  });

  describe('failures', () => {
    const casePath = `${items('Casi')}(731)`;

    it('401: a fresh token once, then the typed auth error; 403 is not retried', async () => {
      const token = tokenScope(2);
      const api = nock(ORIGIN).get(casePath).times(2).reply(401, 'Tesfay Selam', { 'www-authenticate': 'Bearer realm="x"' });
      const unauthorised = await failure(connect(connectionSettings()).read(readRef(731)));
      token.done();
      api.done();
      expect(unauthorised).toBeInstanceOf(UpstreamError);
      expect(unauthorised).toMatchObject({ code: 'sharepoint-ti.auth-failed', retryable: false, details: { httpStatus: 401 } });
      expect(unauthorised.message).not.toContain('Tesfay');

      const token2 = tokenScope(1);
      const forbidden = nock(ORIGIN).get(casePath).reply(403, { error: { message: { value: 'Tesfay Selam' } } });
      const error = await failure(connect(connectionSettings()).read(readRef(731)));
      token2.done();
      forbidden.done();
      expect(error).toMatchObject({ code: 'sharepoint-ti.auth-failed', retryable: false, details: { httpStatus: 403 } });
      expect(error.message).toContain('check the credentials');
      expect(error.message).not.toContain('Tesfay');
    });

    it('Entra ID refusing the certificate: the typed auth error with its AADSTS numbers, none of its text', async () => {
      const token = nock(AUTHORITY).post(TOKEN_PATH).reply(401, { error: 'invalid_client', error_description: 'AADSTS700027: Tesfay certificate', error_codes: [700027] });
      const error = await failure(connect(connectionSettings()).read(readRef(731)));
      token.done();
      expect(error).toMatchObject({ code: 'sharepoint-ti.auth-failed', retryable: false, details: { httpStatus: 401, aadsts: '700027' } });
      expect(error.message).toContain('settings.certificateThumbprint');
      expect(error.message).not.toContain('Tesfay');
    });

    it.each([
      [500, {}, undefined],
      [503, { 'retry-after': '30' }, 30_000],
      [429, { 'retry-after': '120' }, 120_000],
    ])('%i is worth another attempt, with Retry-After when sent', async (status, headers, wait) => {
      const token = tokenScope();
      const api = nock(ORIGIN).get(casePath).reply(status, '<html>Tesfay Selam</html>', headers);
      const error = (await failure(connect(connectionSettings()).read(readRef(731)))) as UpstreamError;
      token.done();
      api.done();
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ code: 'sharepoint-ti.unavailable', retryable: true, details: { httpStatus: status } });
      expect(error.retryAfterMs).toBe(wait);
      expect(error.message).not.toContain('Tesfay');
    });

    it('throttled in the middle of a poll: the typed error, and the cursor given before still holds', async () => {
      const token = tokenScope();
      const api = nock(ORIGIN).get(items('Casi')).query(true).reply(429, 'slow down', { 'retry-after': '5' });
      await expect(connect(connectionSettings()).listChanges!(null, 10)).rejects.toMatchObject({ code: 'sharepoint-ti.unavailable', retryable: true, retryAfterMs: 5000 });
      token.done();
      api.done();
    });

    it.each([
      ['a body that is not JSON', '<html>Tesfay Selam</html>', 'body'],
      ['no d', { error: 'Tesfay Selam' }, 'd'],
      ['an item without its Id', { d: { Title: 'Tesfay Selam' } }, 'd.Id'],
      ['another item', { d: { Id: 732, Title: 'Tesfay Selam' } }, 'd.Id'],
    ])('a read answered with %s: the typed error naming the field, not the body', async (_what, body, field) => {
      const token = tokenScope();
      const api = nock(ORIGIN).get(casePath).reply(200, body);
      const error = await failure(connect(connectionSettings()).read(readRef(731)));
      token.done();
      api.done();
      expect(error).toMatchObject({ code: 'sharepoint-ti.invalid-answer', retryable: true, details: { field } });
      expect(error.message).toContain(field);
      expect(error.message).not.toContain('Tesfay');
    });

    it.each([
      ['results that are no list', { d: { results: 'Tesfay Selam' } }, 'd.results'],
      ['an item that is no object', { d: { results: ['Tesfay Selam'] } }, 'd.results[0]'],
      ['a next link that is no text', { d: { results: [], __next: 42 } }, 'd.__next'],
    ])('a poll answered with %s: the typed error naming the field', async (_what, body, field) => {
      const token = tokenScope();
      const api = nock(ORIGIN).get(items('Casi')).query(true).reply(200, body);
      const error = await failure(connect(connectionSettings()).listChanges!(null, 10));
      token.done();
      api.done();
      expect(error).toMatchObject({ code: 'sharepoint-ti.invalid-answer', details: { field } });
      expect(error.message).not.toContain('Tesfay');
    });
  });

  describe('settings', () => {
    it('names settings and secrets that are missing or wrong, with sharepoint-ti codes and no value', () => {
      expect(() => connect(connectionSettings({}, {}))).toThrow(expect.objectContaining({ code: 'sharepoint-ti.secret-missing', details: { field: 'settings.certificate' } }));
      const garbage = thrown(ConfigError, () => connect(connectionSettings({}, { SHAREPOINT_TI_CERTIFICATE: 'not-a-key-Tesfay' })));
      expect(garbage).toMatchObject({ code: 'sharepoint-ti.settings-invalid', details: { field: 'settings.certificate' } });
      expect(garbage.message).not.toContain('Tesfay');
      expect(() => connect(connectionSettings({ siteUrl: 'crs-ti.sharepoint.example' }))).toThrow(expect.objectContaining({ code: 'sharepoint-ti.settings-invalid', details: { field: 'settings.siteUrl' } }));
      expect(() => connect(connectionSettings({ certificate: 'PEM' }))).toThrow(expect.objectContaining({ code: 'sharepoint-ti.settings-invalid', details: { field: 'settings.certificate' } }));
      expect(() => connect(connectionSettings({ pageSize: 0 }))).toThrow(expect.objectContaining({ code: 'sharepoint-ti.settings-invalid', details: { field: 'settings.pageSize' } }));
      expect(() => connect(connectionSettings({ lists: { casi: 'Casi', enti: 'Enti' } }))).toThrow(expect.objectContaining({ details: { field: 'settings.lists.enti' } }));
    });

    it('the settings schema takes the sample configuration and refuses an unknown key or a written secret', () => {
      const institution = (s: Record<string, unknown>) => ({ id: 'ti-crs', settings: { ...SAMPLE_CONTEXT.settings, ...s } });
      expect(() => checkSettings(adapter, institution({ pollIntervalSeconds: 300, timeoutSeconds: 20 }))).not.toThrow();
      expect(() => checkSettings(adapter, institution({ colour: 'red' }))).toThrow('settings.colour has a setting the adapter does not know');
      expect(() => checkSettings(adapter, institution({ certificate: '-----BEGIN PRIVATE KEY-----' }))).toThrow(expect.objectContaining({ code: 'adapter.settings-invalid' }));
    });

    it('renamed lists are asked for by their titles', async () => {
      const token = tokenScope();
      const api = nock(ORIGIN).get(`${SITE}/_api/web/lists/GetByTitle('Casi%20CRS')/items`).query(true).reply(200, results([]));
      await connect(connectionSettings({ lists: { casi: 'Casi CRS' } })).listChanges!(null, 10);
      token.done();
      api.done();
    });
  });
});

/** The typed error a call rejects with; the test fails when it resolves. */
async function failure(promise: Promise<unknown>): Promise<PasserelleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PasserelleError)) throw new Error('expected a PasserelleError');
  return error;
}

