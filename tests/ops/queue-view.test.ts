import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RICH_CASE, RICH_CASE_ID, richEvent } from '../support/events.js';
import { REPO, startTestGateway, type TestGateway } from '../support/gateway.js';
import { findPersonalValues, fixturePersonalValues } from '../support/personal-data.js';
import { refusesAllButOps } from './support.js';

type Json = Record<string, any>;

describe('the queue view, embedded: the store’s account of the in-process queue', () => {
  let t: TestGateway;
  let transferId: string;

  beforeAll(async () => {
    t = await startTestGateway({ name: 'ops-queue-embedded', services: 'embedded', policiesDir: path.join(REPO, 'policies') });
    // No workers: the transfer waits, as a job would on a stuck target.
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    const answer = (await (await t.request('POST', '/v1/events', { token: await t.token('be-asi', ['source-system']), body: richEvent() })).json()) as Json;
    transferId = answer.transfers[0].id as string;
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists each lane with its counts, the age of its oldest job and the job ids, for ops', async () => {
    const response = await t.request('GET', '/v1/ops/queues', { token: await t.token('be-asi', ['ops']) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Json;
    expect(body.source).toBe('store');
    const inbox = (body.lanes as Json[]).find((l) => l.lane === 'inbox')!;
    expect(inbox).toMatchObject({ counts: { waiting: 1, delayed: 0, active: 0, failed: 0 }, oldestAgeSeconds: expect.any(Number) });
    expect(inbox.jobs).toEqual([{ jobId: transferId, transferId, state: 'waiting', attempts: 0, ageSeconds: expect.any(Number) }]);
    expect(findPersonalValues(JSON.stringify(body), fixturePersonalValues())).toEqual([]);
    const failedOnly = (await (await t.request('GET', '/v1/ops/queues?state=failed&limit=5', { token: await t.token('be-asi', ['ops']) })).json()) as Json;
    expect(failedOnly.lanes.every((l: Json) => l.jobs.length === 0)).toBe(true);
    expect((await t.request('GET', '/v1/ops/queues?state=lost', { token: await t.token('be-asi', ['ops']) })).status).toBe(400);
  });

  it('shows the same as a page, reached with a bearer token or the sign-in cookie', async () => {
    const ops = await t.token('be-asi', ['ops']);
    const page = await t.request('GET', '/ops/queues', { token: ops });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h2>inbox</h2>');
    expect(html).toContain(transferId);
    expect(page.headers.get('cache-control')).toBe('no-store');

    const browser = await t.request('GET', '/ops/queues', { headers: { accept: 'text/html' } });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe('/ops/login');
    const login = await t.request('POST', '/ops/login', { body: `token=${encodeURIComponent(ops)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/passerelle_ops=.*Path=\/ops.*HttpOnly.*SameSite=Strict/);
    const withCookie = await t.request('GET', '/ops/queues', { headers: { cookie: cookie.split(';')[0]! } });
    expect(withCookie.status).toBe(200);
    const dpoLogin = await t.request('POST', '/ops/login', { body: `token=${encodeURIComponent(await t.token('be-dpo', ['dpo']))}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(dpoLogin.status).toBe(401);
    expect(dpoLogin.headers.get('set-cookie')).toBeNull();
  });

  it('refuses every role but ops, and every change', async () => {
    await refusesAllButOps(t, '/v1/ops/queues');
    await refusesAllButOps(t, '/ops/queues');
    expect((await t.request('POST', '/ops/queues', { token: await t.token('be-asi', ['ops']) })).status).toBe(405);
  });
});
