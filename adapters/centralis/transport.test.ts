import { createHash } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, ChangePage, DeliveryRequest } from '../../src/adapters/sdk.js';
import { ConfigError, eventIdFor, readChangeSet, UpstreamError } from '../../src/adapters/sdk.js';
import { checkSettings } from '../../src/adapters/settings/check.js';
import { adapter } from './index.js';
import { settingsOf } from './settings.js';
import {
  BASE,
  bracketPlansFilter,
  expected,
  intercept,
  LOGIN,
  manualClock,
  ORIGIN,
  ROOT,
  sampleBody,
  sampleJson,
  sampleRequests,
  settingsFor,
  TOKEN_PATH,
  tokenScope,
  withoutExtractedAt,
} from './test-transport.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { connect } from './transport.js';
import { mockedNetwork, deliveryRequest } from '../../src/adapters/testing.js';

type Json = Record<string, unknown>;

const MINIMAL = { localCaseId: 'NE-2024-00588', localPersonId: '11fe0fdc-8e0b-5fe3-82e2-656bda88a339', nativeId: 'cbd4ff47-d41b-55c9-b902-097a57a2fa38' };
const RICH = { localCaseId: 'NE-2021-00417', localPersonId: '5c812ac5-99fa-5566-96fa-74d1368573d8', nativeId: '7184ce80-efb7-5735-960e-d1f14ff6fa8c' };
const DOSSIERS = `${ROOT}/smig_dossiers`;
const OPTION_SET = `${ROOT}/GlobalOptionSetDefinitions(Name='cosm_langue')`;
const cursorOf = (page: ChangePage): unknown => JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString('utf8'));
const cursor = (c: Json): string => Buffer.from(JSON.stringify(c)).toString('base64url');
const failure = async (run: () => Promise<unknown>): Promise<UpstreamError> => {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
};

/** An empty tracking page that ends the poll with a new delta link. */
const caughtUp = (token: string): Json => ({
  '@odata.context': `${BASE}/$metadata#smig_dossiers(smig_name)/$delta`,
  value: [],
  '@odata.deltaLink': `${BASE}/smig_dossiers?$select=smig_name&$deltatoken=${token}`,
});

describe('Centralis transport', () => {
  // Every scope of every test consumed, the token endpoint's included.
  mockedNetwork({ everyScopeUsed: true });

  describe('settings', () => {
    it('takes the sample configuration, as the registry checks it when the gateway starts', () => {
      expect(() => checkSettings(adapter, { id: 'ne-smig', settings: SAMPLE_CONTEXT.settings })).not.toThrow();
      const s = settingsOf(SAMPLE_CONTEXT);
      expect(s).toMatchObject({ baseUrl: BASE, tenantId: 'ne.example', scope: 'https://centralis-crm.ne.example/.default', pageSize: 50, pollIntervalSeconds: 300, timeoutSeconds: 30 });
      expect(s.tokenUrl).toBe(`${LOGIN}${TOKEN_PATH}`);
    });

    it.each([
      ['baseUrl', { baseUrl: 'centralis-crm.ne.example/api/data/v9.2/' }],
      ['clientId', { clientId: 'passerelle' }],
      ['clientSecret', { clientSecret: 'the-secret-itself' }],
      ['pageSize', { pageSize: 0 }],
      ['pollIntervalSeconds', { pollIntervalSeconds: 2.5 }],
      ['timeoutSeconds', { timeoutSeconds: 0 }],
    ])('fails fast on a bad %s, naming the key and not the value', (key, bad) => {
      const run = () => connect(settingsFor(bad));
      expect(run).toThrow(ConfigError);
      expect(run).toThrow(`settings.${key}`);
      expect(run).not.toThrow('the-secret-itself');
      expect(() => checkSettings(adapter, { id: 'ne-smig', settings: { ...SAMPLE_CONTEXT.settings, ...bad } })).toThrow(ConfigError);
    });

    it('a secret variable that is not set is centralis.secret-missing, naming the variable only', () => {
      expect(() => connect(settingsFor({}, { env: {} }))).toThrow(expect.objectContaining({ code: 'centralis.secret-missing', message: expect.stringContaining('CENTRALIS_CLIENT_SECRET') }));
    });
  });

  describe('read', () => {
    it.each([
      ['minimal', MINIMAL],
      ['rich', RICH],
    ])('reads sample %s: the requests of its requests.md in order, its records, the dossier id as native id', async (name, ref) => {
      const token = tokenScope();
      const hits: number[] = [];
      const requests = sampleRequests(name);
      const scopes = intercept(requests, hits);
      const { record, nativeId } = await connect(settingsFor()).read(ref);
      token.done();
      for (const scope of scopes) scope.done();
      expect(hits).toEqual(requests.map((_, i) => i));
      expect(withoutExtractedAt([record])).toEqual(expected(name));
      expect(record.source.extractedAt).toBe('2026-01-15T11:00:00+01:00');
      expect(nativeId).toBe(ref.nativeId);
    });

    it('without a dossier id, reads the one active dossier of the person, then the same related queries', async () => {
      tokenScope();
      const [optionSet, byKey, ...related] = sampleRequests('minimal');
      const dossier = sampleJson('minimal.dossier.json');
      const page = { '@odata.context': String(dossier['@odata.context']).replace('/$entity', ''), value: [dossier] };
      const hits: number[] = [];
      const scopes = [
        ...intercept([optionSet!], hits),
        nock(ORIGIN)
          .get(DOSSIERS)
          .query({ $select: byKey!.query.$select!, $expand: byKey!.query.$expand!, $filter: `_smig_personne_value eq ${MINIMAL.localPersonId} and statecode eq 0` })
          .reply(200, page),
        ...intercept(related, hits),
      ];
      const { record, nativeId } = await connect(settingsFor()).read({ localCaseId: MINIMAL.localCaseId, localPersonId: MINIMAL.localPersonId });
      for (const scope of scopes) scope.done();
      expect(nativeId).toBe(MINIMAL.nativeId);
      expect(withoutExtractedAt([record])).toEqual(expected('minimal'));
    });

    it('reads the option set again when a contact holds a language value the cached set lacks', async () => {
      tokenScope();
      const requests = sampleRequests('minimal');
      const contacts = sampleJson<{ value: Json[] }>('minimal.contacts.json');
      contacts.value[0]!.cosm_premierelangue = 100000017;
      const set = sampleJson<{ Options: Json[] }>('minimal.optionset-cosm_langue.json');
      const grown = { ...set, Options: [...set.Options, { Value: 100000017, Label: { UserLocalizedLabel: { Label: 'Tigré' } }, ExternalValue: 'tig' }] };
      const hits: number[] = [];
      const scopes = intercept(requests, hits, (r) => (r.answeredBy === 'minimal.contacts.json' ? JSON.stringify(contacts) : sampleBody(r.answeredBy)));
      const again = nock(ORIGIN).get(OPTION_SET).reply(200, grown);
      const { record } = await connect(settingsFor()).read(MINIMAL);
      for (const scope of [...scopes, again]) scope.done();
      expect(record.person.languages).toEqual([{ code: 'tig', isFirstLanguage: true }]);
    });

    it('a dossier id that is not a GUID never reaches a URL', async () => {
      await expect(connect(settingsFor()).read({ ...MINIMAL, nativeId: "x') or (1 eq 1" })).rejects.toMatchObject({ code: 'centralis.case-ref-invalid', details: { field: 'nativeId' } });
    });
  });

  describe('change tracking', () => {
    it('follows the edge sample over two pages by @odata.nextLink and keeps the final @odata.deltaLink for the next poll', async () => {
      tokenScope();
      const hits: number[] = [];
      const requests = sampleRequests('edge');
      const scopes = intercept(requests, hits);
      const connection = connect(settingsFor());

      const first = await connection.listChanges!(null, 2);
      const page1 = sampleJson('edge.page1.dossiers.json');
      expect(first.more).toBe(true);
      expect(cursorOf(first)).toEqual({ next: page1['@odata.nextLink'] });
      const rows1 = page1.value as Json[];
      expect(first.records.map((r) => r.source.localCaseId)).toEqual(rows1.map((d) => d.smig_name));
      expect(first.refs).toEqual(Object.fromEntries(rows1.map((d) => [d.smig_name, d.smig_dossierid])));
      expect(first.stamps!.map((s) => s.version)).toEqual(rows1.map((d) => `${String(d.smig_dossierid)}:${String(d['@odata.etag'])}`));

      const second = await connection.listChanges!(first.nextCursor, 2);
      const delta = String(sampleJson('edge.page2.dossiers.json')['@odata.deltaLink']);
      expect(second.more).toBe(false);
      expect(cursorOf(second)).toEqual({ delta });
      for (const scope of scopes) scope.done();
      // The option set once per connection, then each request of requests.md in its order.
      expect(hits).toEqual(requests.map((_, i) => i));
      expect(withoutExtractedAt([...first.records, ...second.records])).toEqual(expected('edge'));

      // The next poll asks the delta link as is, with the tracking preference; an empty page runs no related query.
      const url = new URL(delta);
      const next = nock(ORIGIN)
        .matchHeader('prefer', 'odata.include-annotations="*", odata.track-changes, odata.maxpagesize=2')
        .get(url.pathname)
        .query(Object.fromEntries(url.searchParams))
        .reply(200, caughtUp('919043'));
      const third = await connection.listChanges!(second.nextCursor, 2);
      next.done();
      expect(third).toMatchObject({ records: [], rejections: [], refs: {}, more: false });
      expect(cursorOf(third)).toEqual({ delta: `${BASE}/smig_dossiers?$select=smig_name&$deltatoken=919043` });
    });

    it('a restart from the cursor saved after page 1 (a new connection) repeats nothing and loses nothing', async () => {
      tokenScope({ times: 2 });
      const requests = sampleRequests('edge');
      const hits: number[] = [];
      const scopes = intercept(requests, hits);
      const page2 = requests.findIndex((r) => r.answeredBy === 'edge.page2.dossiers.json');
      // The new connection reads the option set again before it goes on.
      const optionSet = intercept([requests[0]!], hits);

      const first = await connect(settingsFor()).listChanges!(null, 2);
      const saved = first.nextCursor;
      const resumed = await connect(settingsFor()).listChanges!(saved, 2);
      for (const scope of [...scopes, ...optionSet]) scope.done();
      expect(hits).toEqual([...requests.slice(0, page2).map((_, i) => i), 0, ...requests.slice(page2).map((_, i) => page2 + i)]);

      const all = [...first.records, ...resumed.records];
      expect(new Set(all.map((r) => r.recordId)).size).toBe(all.length);
      expect(withoutExtractedAt(all)).toEqual(expected('edge'));
      expect(resumed.more).toBe(false);
    });

    it('asks for at most the smaller of the limit and pageSize per page', async () => {
      tokenScope();
      const set = nock(ORIGIN).get(OPTION_SET).reply(200, sampleBody('edge.optionset-cosm_langue.json'));
      const poll = nock(ORIGIN).matchHeader('prefer', 'odata.include-annotations="*", odata.track-changes, odata.maxpagesize=50').get(DOSSIERS).query(true).reply(200, caughtUp('1'));
      await connect(settingsFor()).listChanges!(null, 200);
      set.done();
      poll.done();
    });

    it('an expired delta token (ExpiredVersionStamp, 0x80044352) starts change tracking again from the first request', async () => {
      tokenScope();
      const [optionSet, tracking] = sampleRequests('edge');
      const stale = `${BASE}/smig_dossiers?$select=smig_name&$deltatoken=1%2101%2f01%2f2025`;
      const hits: number[] = [];
      const scopes = [
        ...intercept([optionSet!], hits),
        nock(ORIGIN)
          .get(DOSSIERS)
          .query({ $select: 'smig_name', $deltatoken: '1!01/01/2025' })
          .reply(400, { error: { code: '0x80044352', message: 'Version stamp associated with the client has expired. Please perform a full sync.' } }),
        ...intercept([tracking!], hits, () => JSON.stringify(caughtUp('2'))),
      ];
      const page = await connect(settingsFor()).listChanges!(cursor({ delta: stale }), 2);
      for (const scope of scopes) scope.done();
      expect(page).toMatchObject({ records: [], more: false });
      expect(cursorOf(page)).toEqual({ delta: `${BASE}/smig_dossiers?$select=smig_name&$deltatoken=2` });
    });

    it('a saved next link whose token expired meanwhile also starts again, rather than stalling the poll', async () => {
      tokenScope();
      const [optionSet, tracking] = sampleRequests('edge');
      const hits: number[] = [];
      const scopes = [
        ...intercept([optionSet!], hits),
        nock(ORIGIN).get(DOSSIERS).query({ $select: 'smig_name', $skiptoken: '2' }).reply(400, { error: { code: '0x80044352', message: 'expired' } }),
        ...intercept([tracking!], hits, () => JSON.stringify(caughtUp('3'))),
      ];
      const page = await connect(settingsFor()).listChanges!(cursor({ next: `${BASE}/smig_dossiers?$select=smig_name&$skiptoken=2` }), 2);
      for (const scope of scopes) scope.done();
      expect(cursorOf(page)).toEqual({ delta: `${BASE}/smig_dossiers?$select=smig_name&$deltatoken=3` });
    });

    it('another refusal of the delta link is not taken for an expired token', async () => {
      tokenScope();
      const set = nock(ORIGIN).get(OPTION_SET).reply(200, sampleBody('edge.optionset-cosm_langue.json'));
      const refused = nock(ORIGIN).get(DOSSIERS).query(true).reply(400, { error: { code: '0x80060888', message: 'Haddad Lina is not valid' } });
      const error = await failure(() => connect(settingsFor()).listChanges!(cursor({ delta: `${BASE}/smig_dossiers?$deltatoken=3` }), 2));
      set.done();
      refused.done();
      expect(error).toMatchObject({ code: 'centralis.refused', retryable: false, details: { httpStatus: 400 } });
      expect(error.message).not.toContain('Haddad');
    });

    it('refuses a cursor it did not give out, and never follows a link to another host', async () => {
      await expect(connect(settingsFor()).listChanges!('bm90LWEtY3Vyc29y', 2)).rejects.toMatchObject({ code: 'centralis.cursor-invalid' });
      await expect(connect(settingsFor()).listChanges!(cursor({ next: 'https://evil.example/api/data/v9.2/smig_dossiers' }), 2)).rejects.toMatchObject({ code: 'centralis.cursor-invalid' });
      await expect(connect(settingsFor()).listChanges!(cursor({ delta: `${BASE}/contacts?$deltatoken=1` }), 2)).rejects.toMatchObject({ code: 'centralis.cursor-invalid' });

      tokenScope();
      const set = nock(ORIGIN).get(OPTION_SET).reply(200, sampleBody('edge.optionset-cosm_langue.json'));
      const page = { ...sampleJson('edge.page1.dossiers.json'), '@odata.nextLink': 'https://evil.example/api/data/v9.2/smig_dossiers?$skiptoken=1' };
      const poll = nock(ORIGIN).get(DOSSIERS).query(true).reply(200, page);
      await expect(connect(settingsFor()).listChanges!(null, 2)).rejects.toMatchObject({ code: 'centralis.invalid-answer', retryable: false, details: { field: '@odata.nextLink' } });
      set.done();
      poll.done();
    });
  });

  describe('errors', () => {
    const optionSetAnswers = (status: number, body: string | Json, headers: Record<string, string> = {}) => nock(ORIGIN).get(OPTION_SET).reply(status, body, headers);

    it('caches the token until it expires, then asks Entra ID again', async () => {
      const clock = manualClock();
      const first = tokenScope({ token: 'token-1', expiresIn: 3600 });
      const second = tokenScope({ token: 'token-2', expiresIn: 3600 });
      const set = nock(ORIGIN).matchHeader('authorization', 'Bearer token-1').get(OPTION_SET).reply(200, sampleBody('minimal.optionset-cosm_langue.json'));
      const early = nock(ORIGIN).matchHeader('authorization', 'Bearer token-1').get(DOSSIERS).query(true).times(2).reply(200, caughtUp('1'));
      const late = nock(ORIGIN).matchHeader('authorization', 'Bearer token-2').get(DOSSIERS).query(true).reply(200, caughtUp('2'));
      const c = connect(settingsFor({}, { now: clock.now }));
      await c.listChanges!(null, 2);
      clock.advance(3000);
      await c.listChanges!(null, 2);
      // The SDK renews a minute before `expires_in`: past 3,540 s the next call asks for a new token.
      clock.advance(600);
      await c.listChanges!(null, 2);
      for (const scope of [first, second, set, early, late]) scope.done();
    });

    it('401 asks for a fresh token once, then is the SDK auth error; 403 likewise, with no second try', async () => {
      tokenScope({ times: 2 });
      const denied = optionSetAnswers(401, 'WWW-Authenticate: Bearer').get(OPTION_SET).reply(401, '');
      const error = await failure(() => connect(settingsFor()).read(MINIMAL));
      denied.done();
      expect(error).toMatchObject({ code: 'centralis.auth-failed', retryable: false, details: { httpStatus: 401 } });
      expect(error.message).toContain('check the credentials');

      tokenScope();
      const forbidden = optionSetAnswers(403, { error: { message: 'principal 5b0c7e2a has no role' } });
      const refused = await failure(() => connect(settingsFor()).read(MINIMAL));
      forbidden.done();
      expect(refused).toMatchObject({ code: 'centralis.auth-failed', retryable: false, details: { httpStatus: 403 } });
      expect(refused.message).not.toContain('principal');
    });

    it('Entra ID refusing the client credentials is centralis.auth-failed, permanent', async () => {
      const login = nock(LOGIN).post(TOKEN_PATH).reply(401, { error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret` });
      const error = await failure(() => connect(settingsFor()).read(MINIMAL));
      login.done();
      expect(error).toMatchObject({ code: 'centralis.auth-failed', retryable: false });
      expect(error.message).not.toContain('AADSTS');
    });

    it('500 and 429 are retryable centralis.unavailable, with Retry-After when sent; no body in the message', async () => {
      tokenScope({ times: 2 });
      const busy = optionSetAnswers(500, 'Haddad Lina: SQL timeout');
      const down = await failure(() => connect(settingsFor()).read(MINIMAL));
      busy.done();
      expect(down).toMatchObject({ code: 'centralis.unavailable', retryable: true, details: { httpStatus: 500 } });
      expect(down.retryAfterMs).toBeUndefined();
      expect(down.message).not.toContain('Haddad');

      const limited = optionSetAnswers(429, { error: { code: '0x80072322', message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.' } }, { 'retry-after': '7' });
      const slow = await failure(() => connect(settingsFor()).read(MINIMAL));
      limited.done();
      expect(slow).toMatchObject({ code: 'centralis.unavailable', retryable: true, retryAfterMs: 7000, details: { httpStatus: 429 } });
      expect(slow.message).not.toContain('exceeded');
    });

    it.each([
      ['a body that is not JSON', '<html>Haddad Lina</html>', undefined],
      ['rows that are not a list', { '@odata.context': `${BASE}/$metadata#smig_dossiers`, value: 'Haddad Lina' }, 'value'],
      ['another table', { '@odata.context': `${BASE}/$metadata#contacts`, value: [{ lastname: 'Haddad' }] }, '@odata.context'],
      ['a dossier without its GUID', { '@odata.context': `${BASE}/$metadata#smig_dossiers`, value: [{ smig_name: 'Haddad Lina' }], '@odata.deltaLink': `${BASE}/smig_dossiers?$deltatoken=1` }, 'value[0].smig_dossierid'],
      ['a last page without a delta link', { '@odata.context': `${BASE}/$metadata#smig_dossiers`, value: [] }, '@odata.deltaLink'],
      ['a next link that is no text', { '@odata.context': `${BASE}/$metadata#smig_dossiers`, value: [], '@odata.nextLink': { href: 'Haddad Lina' } }, '@odata.nextLink'],
    ])('%s is centralis.invalid-answer, naming the field and never echoing the body', async (_, body, field) => {
      tokenScope();
      const set = nock(ORIGIN).get(OPTION_SET).reply(200, sampleBody('edge.optionset-cosm_langue.json'));
      const poll = nock(ORIGIN).get(DOSSIERS).query(true).reply(200, body);
      const error = await failure(() => connect(settingsFor()).listChanges!(null, 2));
      set.done();
      poll.done();
      expect(error).toMatchObject({ code: 'centralis.invalid-answer', retryable: true });
      if (field) {
        expect(error.details.field).toBe(field);
        expect(error.message).toContain(field);
      }
      expect(error.message).not.toContain('Haddad');
    });

    it('an option set answer without options names the field', async () => {
      tokenScope();
      const set = optionSetAnswers(200, { '@odata.context': `${BASE}/$metadata#GlobalOptionSetDefinitions/$entity`, Name: 'cosm_langue', Options: 'fr' });
      await expect(connect(settingsFor()).read(MINIMAL)).rejects.toMatchObject({ code: 'centralis.invalid-answer', details: { field: 'Options' } });
      set.done();
    });
  });

  describe('deliver', () => {
    const rich = (): CaseRecord => sampleJson<CaseRecord[]>('rich.expected.json')[0]!;
    const request = (record: CaseRecord = { ...rich(), source: { ...rich().source, extractedAt: '2026-01-15T11:00:00+01:00' } }): DeliveryRequest =>
      deliveryRequest(record, { transferId: '0b8f1f8e-1111-4a4a-9a9a-000000000003', sender: 'ne-smig', target: 'ne-smig' });
    /** The files of the rich sample's notes, by SHA-256: what a document source would hand over. */
    const files = (): Map<string, Uint8Array> => {
      const notes = sampleJson<{ value: Json[] }>('rich.annotations.json').value;
      return new Map(
        notes.map((n) => {
          const bytes = new Uint8Array(Buffer.from(String(n.documentbody), 'base64'));
          return [createHash('sha256').update(bytes).digest('hex'), bytes];
        }),
      );
    };
    /** Dataverse's answer to a change set: 204 and `OData-EntityId` per part. */
    const batchAnswer = (body: string, status = 204): string => {
      const parts = readChangeSet(body, 'request');
      const lines = ['--batchresponse_1', 'Content-Type: multipart/mixed; boundary=changesetresponse_1', ''];
      for (const p of parts) {
        const key = Object.entries(p.body).find(([k]) => k.endsWith('id') && !k.includes('@'))?.[1] ?? '00000000-0000-0000-0000-000000000000';
        lines.push('--changesetresponse_1', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', `Content-ID: ${p.contentId}`, '', `HTTP/1.1 ${status} No Content`, 'OData-Version: 4.0', `OData-EntityId: ${BASE}/${p.entitySet}(${String(key)})`, '', '');
      }
      lines.push('--changesetresponse_1--', '--batchresponse_1--', '');
      return lines.join('\r\n');
    };
    const contactPath = `${ROOT}/contacts(${RICH.localPersonId})`;
    // A dossier written by the gateway has a key derived from the record and its case number.
    const dossierId = eventIdFor(rich().recordId, 'dossier', RICH.localCaseId);
    const dossierPath = `${ROOT}/smig_dossiers(${dossierId})`;

    it('a case Centralis does not hold goes as one $batch change set; the receipt names the new contact and dossier', async () => {
      tokenScope();
      let sent = '';
      const scope = nock(ORIGIN)
        .get(OPTION_SET)
        .reply(200, sampleBody('rich.optionset-cosm_langue.json'))
        .get(`${contactPath}`)
        .query({ $select: 'contactid' })
        .reply(404, { error: { code: '0x80040217', message: 'contact With Id = … Does Not Exist' } })
        .post(`${ROOT}/$batch`)
        .matchHeader('content-type', 'multipart/mixed; boundary=batch_0b8f1f8e-1111-4a4a-9a9a-000000000003')
        .reply(200, (_uri, body) => {
          sent = String(body);
          return batchAnswer(sent);
        }, { 'content-type': 'multipart/mixed; boundary=batchresponse_1' });
      const store = files();
      const receipt = await connect(settingsFor(), { documentContent: async ({ sha256 }) => store.get(sha256) }).deliver(request());
      scope.done();
      const parts = readChangeSet(sent, 'sent');
      expect(parts.map((p) => p.entitySet).slice(0, 2)).toEqual(['contacts', 'smig_dossiers']);
      expect(sent).toContain('POST /api/data/v9.2/contacts HTTP/1.1');
      const notes = parts.filter((p) => p.entitySet === 'annotations');
      expect(notes).toHaveLength(6);
      expect(notes.every((n) => typeof n.body.documentbody === 'string' && !('documentbody@passerelle.content' in n.body))).toBe(true);
      expect(receipt).toEqual({
        at: '2026-01-15T11:00:00+01:00',
        reference: RICH.localPersonId,
        status: 'created',
        details: { httpStatus: 200, dossierId: expect.stringMatching(/^[0-9a-f-]{36}$/), parts: parts.length },
      });
    });

    it('without a document source, notes are left out (never a note that claims a file it lacks) and the receipt counts them', async () => {
      tokenScope();
      let sent = '';
      const scope = nock(ORIGIN)
        .get(OPTION_SET)
        .reply(200, sampleBody('rich.optionset-cosm_langue.json'))
        .get(contactPath)
        .query(true)
        .reply(404)
        .post(`${ROOT}/$batch`)
        .reply(200, (_uri, body) => {
          sent = String(body);
          return batchAnswer(sent);
        });
      const receipt = await connect(settingsFor()).deliver(request());
      scope.done();
      expect(readChangeSet(sent, 'sent').some((p) => p.entitySet === 'annotations')).toBe(false);
      expect(sent).not.toContain('passerelle.content');
      expect(receipt.details).toMatchObject({ documentsLeftOut: 6 });
    });

    it('a change set Dataverse refuses writes nothing and is centralis.refused, permanent, without the answer body', async () => {
      tokenScope();
      const refusal = ['--batchresponse_2', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '', 'HTTP/1.1 400 Bad Request', 'Content-Type: application/json', '', '{"error":{"code":"0x80048d19","message":"Haddad Lina: invalid smig_noavs"}}', '--batchresponse_2--', ''].join('\r\n');
      const scope = nock(ORIGIN).get(OPTION_SET).reply(200, sampleBody('rich.optionset-cosm_langue.json')).get(contactPath).query(true).reply(404).post(`${ROOT}/$batch`).reply(200, refusal);
      const error = await failure(() => connect(settingsFor()).deliver(request()));
      scope.done();
      expect(error).toMatchObject({ code: 'centralis.refused', retryable: false, details: { httpStatus: 400 } });
      expect(error.message).not.toContain('Haddad');
    });

    it('the same case again updates contact and dossier with If-Match; a 412 reads the ETag anew and tries once more', async () => {
      tokenScope();
      const patches: { path: string; ifMatch: unknown; body: Json }[] = [];
      let contactTag = 'W/"101"';
      const scope = nock(ORIGIN)
        .get(OPTION_SET)
        .reply(200, sampleBody('rich.optionset-cosm_langue.json'))
        .get(contactPath)
        .query({ $select: 'contactid' })
        .times(2)
        .reply(() => [200, { '@odata.etag': contactTag, contactid: RICH.localPersonId }])
        .patch(contactPath)
        .times(2)
        .reply(function (uri, body) {
          patches.push({ path: uri, ifMatch: this.req.headers['if-match'], body: body as Json });
          if (this.req.headers['if-match'] === 'W/"101"') {
            contactTag = 'W/"102"';
            return [412, { error: { code: '0x80060882', message: 'changed' } }];
          }
          return [204, ''];
        })
        .get(dossierPath)
        .query({ $select: 'smig_dossierid' })
        .reply(200, { '@odata.etag': 'W/"555"', smig_dossierid: dossierId })
        .patch(dossierPath)
        .reply(function (uri, body) {
          patches.push({ path: uri, ifMatch: this.req.headers['if-match'], body: body as Json });
          return [204, '', { etag: 'W/"556"' }];
        });
      const receipt = await connect(settingsFor()).deliver(request());
      scope.done();
      expect(patches.map((p) => [p.path, p.ifMatch])).toEqual([
        [contactPath, 'W/"101"'],
        [contactPath, 'W/"102"'],
        [dossierPath, 'W/"555"'],
      ]);
      expect(patches[0]!.body).not.toHaveProperty('contactid');
      expect(patches[0]!.body).not.toHaveProperty('smig_contact_smig_statutsejour_personne');
      expect(patches[2]!.body).toMatchObject({ smig_name: RICH.localCaseId, 'smig_personne@odata.bind': `/contacts(${RICH.localPersonId})` });
      expect(receipt).toMatchObject({ reference: RICH.localPersonId, status: 'updated', details: { httpStatus: 204, dossierId, parts: 2, etag: 'W/"556"' } });
    });

    it('a row changed again during the retry is centralis.precondition-failed, worth another attempt', async () => {
      tokenScope();
      const scope = nock(ORIGIN)
        .get(OPTION_SET)
        .reply(200, sampleBody('rich.optionset-cosm_langue.json'))
        .get(contactPath)
        .query(true)
        .times(2)
        .reply(200, { '@odata.etag': 'W/"7"' })
        .patch(contactPath)
        .times(2)
        .reply(412, { error: { message: 'changed' } });
      const error = await failure(() => connect(settingsFor()).deliver(request()));
      scope.done();
      expect(error).toMatchObject({ code: 'centralis.precondition-failed', retryable: true, details: { httpStatus: 412 } });
    });
  });

  it('the plans filter correction applies to the edge sample (or the sample already brackets it)', () => {
    expect(bracketPlansFilter(sampleBody('edge.requests.md'))).toContain('`(_cosm_personne_value eq 4976bf24-3f6a-5db8-872c-3bc77d806450 or _cosm_personne_value eq bd56e015-2849-565f-944f-357f48a51fa6) and statecode eq 0`');
  });
});
