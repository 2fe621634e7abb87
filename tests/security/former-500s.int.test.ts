import { createHmac } from 'node:crypto';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../src/api/routes/audit.js';
import { RICH_CASE, RICH_CASE_ID, richEvent } from '../support/events.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { NFAM_API, nockNfamToken, nockRichCase, richDelivery } from '../support/nfam.js';

type Json = Record<string, any>;

/** The eight inputs that answered 500 in the security review, and the other hostile edges: each a 4xx now. */
describe('hostile input answers a 4xx problem with a stable code', () => {
  let t: TestGateway;
  let dpo: string;
  let source: string;
  let ops: string;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nockNfamToken();
    nockRichCase('persist');
    t = await startTestGateway({ name: 'security-former-500s', clock: () => new Date(richDelivery().receivedAt) });
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    dpo = await t.token('be-dpo', ['dpo']);
    source = await t.token('be-asi', ['source-system']);
    ops = await t.token('be-asi', ['ops']);
    // The canton's NFAM shows the person: consents may be recorded for them.
    expect((await t.request('POST', '/v1/events', { token: source, body: richEvent({ type: 'case.updated', change: undefined }) })).status).toBe(202);
  });
  afterAll(async () => {
    await t.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const problem = async (response: Response, status: number, code: string | RegExp): Promise<Json> => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as Json;
    if (typeof code === 'string') expect(body.code).toBe(code);
    else expect(body.code).toMatch(code);
    return body;
  };

  it('1. a NUL in a filter', async () => {
    await problem(await t.request('GET', '/v1/audit?institution=%00', { token: dpo }), 400, 'request.invalid-url');
    await problem(await t.request('GET', '/v1/transfers?target=a%00b', { token: ops }), 400, 'request.invalid-url');
  });

  it('2. years out of range', async () => {
    for (const since of ['99999-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2020-02-30T00:00:00Z']) {
      await problem(await t.request('GET', `/v1/transfers?since=${encodeURIComponent(since)}`, { token: ops }), 400, 'request.invalid-query');
      await problem(await t.request('GET', `/v1/audit?until=${encodeURIComponent(since)}`, { token: dpo }), 400, 'request.invalid-query');
    }
  });

  it('3. a tampered cursor', async () => {
    const body = Buffer.from(JSON.stringify({ createdAt: "2026-01-01T00:00:00Z'; drop table transfers; --", id: 'x' })).toString('base64url');
    const forged = `${body}.${createHmac('sha256', 'guess').update(body).digest('base64url')}`;
    for (const cursor of [forged, body, 'not-a-cursor', 'a.b.c']) {
      await problem(await t.request('GET', `/v1/transfers?cursor=${encodeURIComponent(cursor)}`, { token: ops }), 400, 'request.invalid-cursor');
      await problem(await t.request('GET', `/v1/inbox?cursor=${encodeURIComponent(cursor)}`, { token: await t.token('be-koeniz', ['receiver']) }), 400, 'request.invalid-cursor');
    }
  });

  it('4. a console path of 36 dashes', async () => {
    const login = await t.request('POST', '/console/login', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${dpo}` });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const answer = await t.request('GET', `/console/transfers/${'-'.repeat(36)}`, { headers: { cookie } });
    expect(answer.status).toBe(404);
  });

  it('5. an impossible revokedOn', async () => {
    const consent = { id: 'c-1', kind: 'general', grantedOn: '2025-01-01', recipients: ['commune'], purposes: ['case-transfer'], dataCategories: ['health'] };
    expect((await t.request('POST', '/v1/consents', { token: source, body: { person: { system: 'nfam', localPersonId: RICH_CASE.localPersonId }, consent, documentSha256: 'ab'.repeat(32) } })).status).toBe(201);
    for (const revokedOn of ['2020-02-30', '2020-13-01', '1850-01-01', '20200101']) {
      await problem(await t.request('POST', '/v1/consents/c-1/revoke', { token: source, body: { revokedOn } }), 422, 'request.invalid');
    }
  });

  it('6. a consent id of 900 KB', async () => {
    const consent = { id: 'x'.repeat(900 * 1024), kind: 'general', grantedOn: '2025-01-01', recipients: ['commune'], purposes: ['case-transfer'], dataCategories: ['health'] };
    const body = await problem(await t.request('POST', '/v1/consents', { token: source, body: { person: { system: 'nfam', localPersonId: RICH_CASE.localPersonId }, consent, documentSha256: 'ab'.repeat(32) } }), 422, 'request.invalid');
    expect(body.field).toBe('consent.id');
    await problem(await t.request('POST', `/v1/consents/${'x'.repeat(200)}/revoke`, { token: source }), 422, 'request.invalid');
  });

  it('7. a signed webhook whose body is null', async () => {
    for (const raw of ['null', '[]', '"text"', '42']) {
      const stamp = Math.floor(new Date(richDelivery().receivedAt).getTime() / 1000);
      const signature = createHmac('sha256', 'whsec_nfam_test_3c7e1b5a9d').update(`${stamp}.${raw}`).digest('hex');
      await problem(await t.request('POST', '/v1/hooks/nfam', { headers: { 'nfam-signature': `t=${stamp},v1=${signature}` }, body: raw }), 422, 'webhook.malformed');
    }
  });

  it('8. a preview the source cannot answer for the caller', async () => {
    nock(NFAM_API).get(/\/v2\/cases\/.*/).reply(404, { title: 'not found' });
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', 'NFAM-0000-000000', '00000000-0000-4000-8000-00000000dead');
    const answer = await t.request('POST', '/v1/transfers/preview', {
      token: source,
      body: { source: { institutionId: 'be-asi' }, case: { localCaseId: 'NFAM-0000-000000', localPersonId: 'p-unknown' }, to: 'be-koeniz', purpose: 'case-transfer' },
    });
    await problem(answer, 422, /^nfam\./);
  });

  it('caps a preview at 20 recipients, and audits one entry per preview naming them', async () => {
    const many = Array.from({ length: 21 }, (_, i) => `be-x-${i}`);
    await problem(await t.request('POST', '/v1/transfers/preview', { token: source, body: { source: { institutionId: 'be-asi' }, case: RICH_CASE, to: many, purpose: 'case-transfer' } }), 422, 'request.invalid');
    const before = await t.gateway.services.store.sql.query("select count(*)::int as n from audit_entries where kind = 'transfer.preview'");
    const to = ['be-koeniz', 'be-bern', 'be-rav-bern'];
    const answer = await t.request('POST', '/v1/transfers/preview', { token: source, body: { source: { institutionId: 'be-asi' }, case: RICH_CASE, to, purpose: 'case-transfer' } });
    expect(answer.status).toBe(200);
    const after = await t.gateway.services.store.sql.query<{ data: Json }>("select data from audit_entries where kind = 'transfer.preview' order by seq desc");
    expect(after.length - Number((before[0] as Json).n)).toBe(1);
    expect(after[0]!.data.recipients).toEqual(to);
  });

  it('neutralises CSV cells a spreadsheet would run (OWASP)', async () => {
    for (const [value, cell] of [['=1+1', "'=1+1"], ['+41', "'+41"], ['-2', "'-2"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['\rx', `"'\rx"`], ['plain', 'plain']]) {
      expect(csvCell(value)).toBe(cell);
    }
    // Through the export: a request id chosen by the caller lands in a cell.
    await t.request('GET', '/v1/audit?limit=1', { token: dpo, headers: { 'x-request-id': '-1-1' } });
    const csv = await (await t.request('GET', '/v1/audit/export?format=csv', { token: dpo })).text();
    expect(csv).toContain(",'-1-1,");
    expect(csv).not.toMatch(/(^|,)-1-1(,|$)/m);
  });

  it('answers with security headers, and keeps personal answers out of caches', async () => {
    const answer = await t.request('GET', '/v1/transfers', { token: ops });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect((await t.request('GET', '/v1/inbox', { token: await t.token('be-koeniz', ['receiver']) })).headers.get('cache-control')).toBe('no-store');
    expect((await t.request('GET', '/console/login')).headers.get('cache-control')).toBe('no-store');
    expect((await t.request('GET', '/.well-known/jwks.json')).headers.get('cache-control')).toContain('max-age');
  });
});
