import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { verifyDelivery } from '../../src/seal/delivery.js';
import { richEvent, richToRegionalPartner } from '../support/events.js';
import { findPersonalValues, fixturePersonalValues } from '../support/personal-data.js';
import { dumpRedis } from '../support/services.js';
import { eventually, settled, startTestGateway, type TestGateway } from '../support/gateway.js';
import { caseTransferReceipt, NFAM_API, nockNfamToken, nockRichCase, richDelivery, RICH_CASE_ID } from '../support/nfam.js';

type Json = Record<string, any>;

// What each withheld category must take out of the delivered record.
const CATEGORY_PROBES: Record<string, (r: Json) => unknown[]> = {
  health: (r) => (r.potentialAssessments ?? []).map((a: Json) => a.health),
  'social-assistance': (r) => [r.socialAssistance],
  journal: (r) => [r.journal],
  documents: (r) => [r.documents],
  consent: (r) => [r.consents],
  'assessment-notes': (r) => (r.potentialAssessments ?? []).flatMap((a: Json) => [a.resources, a.obstacles, a.goals]),
  plan: (r) => [r.integrationPlan],
  language: (r) => [r.person?.languages],
  'education-work': (r) => [r.employment],
};


describe('the one flow, end to end with real PostgreSQL and Redis', () => {
  let t: TestGateway;
  const receivedAt = new Date(richDelivery().receivedAt);

  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nockNfamToken();
    t = await startTestGateway({ name: 'flow', clock: () => receivedAt });
    await t.gateway.startWorkers();
  });

  afterEach(async () => {
    await t.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('an NFAM webhook moves the case cantonal → communal into the commune inbox, signed, filtered, explained, audited', async () => {
    const cases = nockRichCase(2);
    const delivery = richDelivery();
    const hook = await t.request('POST', '/v1/hooks/nfam', { headers: delivery.headers, body: delivery.body });
    expect(hook.status).toBe(204);

    const ops = await t.token('be-asi', ['ops']);
    const transfer = await eventually(async () => {
      const page = (await (await t.request('GET', '/v1/transfers?target=be-koeniz', { token: ops })).json()) as Json;
      const found = page.items[0] as Json | undefined;
      return found && found.state === 'delivered' ? found : undefined;
    }, 20_000, 'the transfer to be delivered');
    cases.done();
    expect(transfer).toMatchObject({ eventId: '3d72075d-e567-5aed-845b-79c9eb858417', purpose: 'case-transfer', attempts: 1 });

    const commune = await t.token('be-koeniz', ['receiver']);
    const inbox = (await (await t.request('GET', '/v1/inbox', { token: commune })).json()) as Json;
    expect(inbox.items.map((i: Json) => i.transferId)).toEqual([transfer.id]);
    const item = (await (await t.request('GET', `/v1/inbox/${transfer.id}`, { token: commune })).json()) as Json;

    const jwks = (await (await t.request('GET', '/.well-known/jwks.json')).json()) as Json;
    const sealed = await verifyDelivery(item.jws, jwks as never, { audience: 'be-koeniz' });
    expect(sealed.record).toEqual(item.record);
    expect(sealed).toMatchObject({ aud: 'be-koeniz', jti: transfer.id, sub: 'be-asi', purpose: 'case-transfer' });
    expect((sealed.record as Json).person.officialName).toBeDefined();

    const decision = transfer.decision as Json;
    expect(decision.rejected).toBe(false);
    const withheld = new Map((decision.withheld as Json[]).map((w) => [w.category, w.reason]));
    expect([...withheld.keys()].sort()).toEqual(['documents', 'health', 'journal', 'social-assistance']);
    for (const reason of withheld.values()) expect(reason).toBe('consent-out-of-scope');
    for (const category of withheld.keys()) {
      for (const value of CATEGORY_PROBES[category]!(sealed.record as Json)) expect(value, category).toBeUndefined();
    }
    expect(decision.disclosed.map((d: Json) => d.category).sort()).toEqual(
      ['assessment-notes', 'consent', 'education-work', 'identity', 'language', 'plan', 'residence', 'responsibility'],
    );

    const audit = await t.gateway.services.store.auditOfTransfer(transfer.id);
    const states = audit.filter((a) => a.kind === 'transfer.state').map((a) => a.data.to);
    expect(states).toEqual(['accepted', 'extracting', 'delivering', 'delivered']);
    expect(audit.some((a) => a.kind === 'transfer.decision')).toBe(true);

    // While the queue still holds its keys: no personal value in Redis, none in the log.
    const values = fixturePersonalValues();
    const redis = await dumpRedis(t.config.redisPrefix);
    expect(redis.keys).toBeGreaterThan(0);
    expect(findPersonalValues(redis.text, values)).toEqual([]);
    expect(findPersonalValues(readFileSync(t.logFile, 'utf8'), values)).toEqual([]);
    // Request lines carry the request id, the worker's lines the transfer id.
    const logLines = readFileSync(t.logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Json);
    const requests = logLines.filter((l) => l.msg === 'request');
    const attempts = logLines.filter((l) => l.msg === 'transfer attempt');
    expect(requests.length).toBeGreaterThan(2);
    expect(requests.every((l) => typeof l.requestId === 'string')).toBe(true);
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((l) => l.transferId === transfer.id)).toBe(true);
    // The webhook's request id follows the job into the worker's lines and audit entries.
    const hookRequest = requests.find((l) => l.path === '/v1/hooks/:system/:institutionId?')!;
    expect(attempts.every((l) => l.requestId === hookRequest.requestId)).toBe(true);
    expect(audit.filter((a) => a.kind.startsWith('transfer.')).every((a) => a.requestId === hookRequest.requestId)).toBe(true);
    const auditRows = await t.gateway.services.store.sql.query('select * from audit_entries');
    expect(auditRows.length).toBeGreaterThan(5);
    expect(findPersonalValues(JSON.stringify(auditRows), values)).toEqual([]);

    const ack = await t.request('POST', `/v1/inbox/${transfer.id}/ack`, { token: commune });
    expect(ack.status).toBe(204);
    const other = await t.token('be-bern', ['receiver']);
    expect((await t.request('GET', `/v1/inbox/${transfer.id}`, { token: other })).status).toBe(404);
  });

  it('the same event posted twice creates one transfer', async () => {
    nockRichCase(2);
    const source = await t.token('be-asi', ['source-system']);
    const event = richEvent();
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', 'NFAM-2022-004127', RICH_CASE_ID);
    const first = (await (await t.request('POST', '/v1/events', { token: source, body: event })).json()) as Json;
    const second = await t.request('POST', '/v1/events', { token: source, body: event });
    const again = (await second.json()) as Json;
    expect(second.status).toBe(202);
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(first.transfers).toHaveLength(1);
    expect(again.transfers.map((x: Json) => x.id)).toEqual(first.transfers.map((x: Json) => x.id));
    const ops = await t.token('be-asi', ['ops']);
    const all = (await (await t.request('GET', '/v1/transfers', { token: ops })).json()) as Json;
    expect(all.items).toHaveLength(1);
  });

  it('a consent revoked while the transfer waits for a target that is down cancels it', async () => {
    nockRichCase('persist');
    const down = nock(NFAM_API).post('/v2/case-transfers').times(100).reply(503, { title: 'maintenance' });
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', 'NFAM-2022-004127', RICH_CASE_ID);
    const source = await t.token('be-asi', ['source-system']);
    const accepted = (await (
      await t.request('POST', '/v1/events', {
        token: source,
        body: richToRegionalPartner(),
      })
    ).json()) as Json;
    const id = accepted.transfers[0].id as string;
    await eventually(async () => (await t.gateway.services.store.getTransfer(id))?.state === 'retrying', 10_000, 'retrying');

    const revoked = await t.request('POST', '/v1/events', {
      token: source,
      body: richEvent({ type: 'consent.revoked', change: undefined, occurredAt: '2025-03-03T09:20:00+01:00', consentId: '2c293ffe-0d45-596e-b5a1-2b0c9fe3ad85' }),
    });
    expect(revoked.status).toBe(202);
    const final = await settled(t, id);
    expect(final.state).toBe('cancelled');
    expect(down.isDone()).toBe(false);
    const audit = await t.gateway.services.store.auditOfTransfer(id);
    expect(audit.filter((a) => a.data.to === 'delivered')).toHaveLength(0);
    expect(audit.some((a) => a.data.step === 'consent-revoked' || a.data.step === 'cancel-requested')).toBe(true);
  });

  it('503 three times then 201 ends delivered with 4 attempts; always failing ends failed and replay delivers', async () => {
    nockRichCase('persist');
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', 'NFAM-2022-004127', RICH_CASE_ID);
    const target = nock(NFAM_API)
      .post('/v2/case-transfers')
      .times(3)
      .reply(503, { title: 'busy' }, { 'retry-after': '0' })
      .post('/v2/case-transfers')
      .reply(201, (_uri, body) => caseTransferReceipt((body as Json).transferId));
    const source = await t.token('be-asi', ['source-system']);
    const post = async () =>
      ((await (
        await t.request('POST', '/v1/events', {
          token: source,
          body: richToRegionalPartner(),
        })
      ).json()) as Json).transfers[0].id as string;
    const id = await post();
    const delivered = await settled(t, id);
    target.done();
    expect(delivered.state).toBe('delivered');
    expect(delivered.attempts).toBe(4);
    expect(delivered.receipt?.status).toBe('ACCEPTED');

    nock(NFAM_API).post('/v2/case-transfers').times(4).reply(503, { title: 'down' });
    const failedId = await post();
    const failed = await settled(t, failedId);
    expect(failed.state).toBe('failed');
    expect(failed.attempts).toBe(4);
    expect(failed.error?.code).toBe('nfam.unavailable');

    const back = nock(NFAM_API)
      .post('/v2/case-transfers')
      .reply(201, (_uri, body) => caseTransferReceipt((body as Json).transferId));
    const ops = await t.token('be-asi', ['ops']);
    const notFailed = await t.request('POST', `/v1/transfers/${id}/replay`, { token: ops });
    expect(notFailed.status).toBe(409);
    const replay = await t.request('POST', `/v1/transfers/${failedId}/replay`, { token: ops });
    expect(replay.status).toBe(202);
    const redelivered = await settled(t, failedId);
    expect(redelivered.state).toBe('delivered');
    back.done();
    expect(redelivered.attempts).toBe(5);
  });
});
