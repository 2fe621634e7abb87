import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RICH_CASE, RICH_CASE_ID, richEvent } from '../support/events.js';
import { REPO, startTestGateway, type TestGateway } from '../support/gateway.js';
import { findPersonalValues, fixturePersonalValues } from '../support/personal-data.js';
import { refusesAllButOps } from './support.js';

type Json = Record<string, any>;

describe('the queue view on Redis: bull-board, read-only, behind the gateway’s auth', () => {
  let t: TestGateway;
  let transferId: string;
  let ops: string;

  beforeAll(async () => {
    t = await startTestGateway({ name: 'ops-queue-redis', services: 'real', policiesDir: path.join(REPO, 'policies') });
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    const answer = (await (await t.request('POST', '/v1/events', { token: await t.token('be-asi', ['source-system']), body: richEvent() })).json()) as Json;
    transferId = answer.transfers[0].id as string;
    ops = await t.token('be-asi', ['ops']);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives BullMQ’s own account of each lane, with job ids only', async () => {
    const body = (await (await t.request('GET', '/v1/ops/queues', { token: ops })).json()) as Json;
    expect(body.source).toBe('redis');
    const inbox = (body.lanes as Json[]).find((l) => l.lane === 'inbox')!;
    expect(inbox.counts).toEqual({ waiting: 1, delayed: 0, active: 0, failed: 0 });
    expect(inbox.jobs).toEqual([{ jobId: transferId, transferId, state: 'waiting', attempts: 0, ageSeconds: expect.any(Number) }]);
  });

  it('serves bull-board to ops, each job showing its transfer id and nothing else', async () => {
    const page = await t.request('GET', '/ops/queues', { token: ops });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Passerelle queues');
    const queues = await t.request('GET', '/ops/queues/api/queues?activeQueue=deliver.inbox&status=waiting&page=1', { token: ops });
    expect(queues.status).toBe(200);
    const text = await queues.text();
    const body = JSON.parse(text) as Json;
    const lane = (body.queues as Json[]).find((q) => q.name === 'deliver.inbox')!;
    expect(lane.readOnlyMode).toBe(true);
    const job = (lane.jobs as Json[]).find((j) => j.id === transferId)!;
    expect(job.data).toEqual({ transferId });
    expect(findPersonalValues(text, fixturePersonalValues())).toEqual([]);
    const asset = html.match(/src="(static\/js\/[^"]+)"/)?.[1];
    expect(asset).toBeDefined();
    expect((await t.request('GET', `/ops/queues/${asset}`, { token: ops })).status).toBe(200);
  });

  it('refuses every role but ops, and every change through the board', async () => {
    await refusesAllButOps(t, '/v1/ops/queues');
    await refusesAllButOps(t, '/ops/queues');
    await refusesAllButOps(t, '/ops/queues/api/queues');
    for (const [method, url] of [['PUT', '/ops/queues/api/queues/deliver.inbox/retry/waiting'], ['PUT', '/ops/queues/api/queues/deliver.inbox/empty'], ['DELETE', '/ops/queues/api/queues/deliver.inbox/obliterate']] as const) {
      expect((await t.request(method, url, { token: ops })).status, `${method} ${url}`).toBe(405);
    }
    const pending = await t.gateway.services.queue.pending('inbox');
    expect(pending).toContain(transferId);
  });
});
