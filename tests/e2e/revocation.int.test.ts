import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RICH_CASE, RICH_CASE_ID, richToRegionalPartner } from '../support/events.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { caseTransferReceipt, NFAM_API, nockNfamToken, nockRichCase } from '../support/nfam.js';

type Json = Record<string, any>;

describe('a consent revoked at the gateway, with real PostgreSQL and Redis', () => {
  let t: TestGateway;
  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nockNfamToken();
    nockRichCase('persist');
    t = await startTestGateway({ name: 'revocation', attempts: 50, backoffMs: 100, env: { PASSERELLE_MAX_BACKOFF_MS: '500' } });
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    await t.gateway.startWorkers();
  });
  afterEach(async () => {
    await t.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('while 100 transfers of the person wait for a target that is down: none is delivered when it comes back, all are cancelled, the audit says why', async () => {
    const down = nock(NFAM_API).persist().post('/v2/case-transfers').reply(503, { title: 'maintenance' });
    const source = await t.token('be-asi', ['source-system']);
    const ids: string[] = [];
    const consent = { id: 'gw-consent-100', kind: 'general', grantedOn: '2025-01-01', recipients: ['social-service'], purposes: ['case-transfer'], dataCategories: ['health', 'journal'] };
    for (let i = 0; i < 100; i += 1) {
      const answer = (await (await t.request('POST', '/v1/events', { token: source, body: richToRegionalPartner() })).json()) as Json;
      ids.push(answer.transfers[0].id);
      // The first event shows that the canton's NFAM holds the person: it may record the consent.
      if (i === 0) {
        const recorded = await t.request('POST', '/v1/consents', { token: source, body: { person: { system: 'nfam', localPersonId: RICH_CASE.localPersonId }, consent, documentSha256: 'cd'.repeat(32) } });
        expect(recorded.status).toBe(201);
      }
    }
    await eventually(async () => (await t.gateway.services.store.getTransfer(ids[99]!))?.attempts, 20_000, 'the last transfer to be tried');

    const revoked = (await (await t.request('POST', '/v1/consents/gw-consent-100/revoke', { token: source })).json()) as Json;
    const states = async () => Promise.all(ids.map(async (id) => (await t.gateway.services.store.getTransfer(id))!.state));
    await eventually(async () => (await states()).every((s) => s === 'cancelled'), 60_000, 'all 100 to be cancelled');
    expect(revoked.cancelled.length).toBeGreaterThan(0);

    // The target comes back: nothing goes.
    down.persist(false);
    nock.cleanAll();
    nockNfamToken();
    nockRichCase('persist');
    const back = nock(NFAM_API).persist().post('/v2/case-transfers').reply(201, (_u, body) => caseTransferReceipt((body as Json).transferId));
    await new Promise((r) => setTimeout(r, 1500));
    expect(back.isDone()).toBe(false);
    expect(new Set(await states())).toEqual(new Set(['cancelled']));

    const why = await t.gateway.services.store.sql.query<{ transfer_id: string; data: Json }>(
      "select transfer_id, data from audit_entries where kind = 'transfer.state' and data->>'to' = 'cancelled'",
    );
    expect(new Set(why.map((w) => w.transfer_id))).toEqual(new Set(ids));
    for (const w of why) expect(['consent-revoked', 'cancel-requested']).toContain(w.data.step);
    const delivered = await t.gateway.services.store.sql.query("select 1 from audit_entries where data->>'to' = 'delivered'");
    expect(delivered).toHaveLength(0);
  });
});
