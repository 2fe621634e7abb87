import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RICH_CASE, RICH_CASE_ID, richEvent, richToRegionalPartner } from '../support/events.js';
import { eventually, settled, startTestGateway, type TestGateway } from '../support/gateway.js';
import { caseTransferReceipt, NFAM_API, nockNfamToken, nockRichCase } from '../support/nfam.js';

type Json = Record<string, any>;

const SOURCE_CONSENT = '2c293ffe-0d45-596e-b5a1-2b0c9fe3ad85';
const consentBody = (over: Json = {}) => ({
  person: { system: 'nfam', localPersonId: RICH_CASE.localPersonId },
  consent: { id: 'c-forged', kind: 'general', grantedOn: '2025-01-01', recipients: ['commune', 'be-koeniz'], purposes: ['case-transfer'], dataCategories: ['health', 'social-assistance', 'journal', 'documents'] },
  documentSha256: 'ab'.repeat(32),
  ...over,
});
const outcome = (d: Json) => ({ disclosed: d.disclosed, withheld: d.withheld, rejected: d.rejected });

/**
 * Only the institutions of the installation that holds a person speak for the person:
 * each attack of the security review, as a test that stays.
 */
describe('one institution never speaks for another installation’s person', () => {
  let t: TestGateway;
  let canton: string;
  const counts = async () => {
    const [row] = await t.gateway.services.store.sql.query<Json>(
      `select (select count(*) from consents)::int as consents, (select count(*) from consent_revocations)::int as revocations,
              (select count(*) from audit_entries where kind <> 'request.refused')::int as audit`,
    );
    return row;
  };
  const deliverOne = async (body: Json = richEvent()): Promise<Json> => {
    const answer = (await (await t.request('POST', '/v1/events', { token: canton, body })).json()) as Json;
    return settled(t, answer.transfers[0].id);
  };

  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nockNfamToken();
    nockRichCase('persist');
    t = await startTestGateway({ name: 'security-cross-institution', attempts: 50, backoffMs: 100, env: { PASSERELLE_MAX_BACKOFF_MS: '300' } });
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    await t.gateway.startWorkers();
    canton = await t.token('be-asi', ['source-system']);
  });
  afterEach(async () => {
    await t.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it("a commune's consent for the canton's person is 403, writes nothing, and the next transfer discloses exactly as before", async () => {
    const before = await deliverOne();
    expect(before.state).toBe('delivered');
    expect(before.decision.withheld.map((w: Json) => w.category)).toEqual(expect.arrayContaining(['health', 'journal', 'documents', 'social-assistance']));
    const commune = await t.token('be-koeniz', ['source-system']);
    const written = await counts();

    const forged = await t.request('POST', '/v1/consents', { token: commune, body: consentBody() });
    expect(forged.status).toBe(403);
    // Köniz has no NFAM: it does not hold the person.
    expect(((await forged.json()) as Json).code).toBe('consent.person-not-held');
    const onBehalf = await t.request('POST', '/v1/consents', { token: commune, body: consentBody({ person: { system: 'nfam', localPersonId: RICH_CASE.localPersonId, institutionId: 'be-asi' } }) });
    expect(onBehalf.status).toBe(403);
    expect(((await onBehalf.json()) as Json).code).toBe('auth.wrong-institution');
    // Even an institution of the same system, on another installation, does not hold the person.
    const training = await t.token('be-nfam-training', ['source-system']);
    const other = await t.request('POST', '/v1/consents', { token: training, body: consentBody() });
    expect(other.status).toBe(403);
    expect(((await other.json()) as Json).code).toBe('consent.person-not-held');
    expect(await counts()).toEqual(written);

    const after = await deliverOne();
    expect(outcome(after.decision)).toEqual(outcome(before.decision));
  });

  it("a gateway consent reusing a source consent's id neither shadows nor revokes it", async () => {
    nock(NFAM_API).persist().post('/v2/case-transfers').reply(201, (_u, body) => caseTransferReceipt((body as Json).transferId));
    const before = await deliverOne(richToRegionalPartner());
    expect(before.decision.disclosed.map((d: Json) => d.category)).toContain('health');
    // The regional partner works on the canton's NFAM: it may record consents, in its own namespace.
    const region = await t.token('be-region-mittelland', ['source-system']);
    const shadow = await t.request('POST', '/v1/consents', {
      token: region,
      body: consentBody({ consent: { id: SOURCE_CONSENT, kind: 'general', grantedOn: '2020-01-01', revokedOn: '2024-01-01', recipients: ['social-service'], purposes: ['case-transfer'], dataCategories: ['health', 'journal'] } }),
    });
    expect(shadow.status).toBe(201);
    const after = await deliverOne(richToRegionalPartner());
    expect(outcome(after.decision)).toEqual(outcome(before.decision));
    // Revoking its own consent touches the source's none either.
    expect((await t.request('POST', `/v1/consents/${SOURCE_CONSENT}/revoke`, { token: region })).status).toBe(200);
    const again = await deliverOne(richToRegionalPartner());
    expect(outcome(again.decision)).toEqual(outcome(before.decision));
  });

  it('a foreign institution cannot revoke the canton’s consent nor cancel its transfers, by route or by event', async () => {
    nock(NFAM_API).persist().post('/v2/case-transfers').reply(503, { title: 'maintenance' });
    const first = (await (await t.request('POST', '/v1/events', { token: canton, body: richToRegionalPartner() })).json()) as Json;
    const recorded = await t.request('POST', '/v1/consents', { token: canton, body: consentBody({ consent: { id: 'c-canton', kind: 'general', grantedOn: '2025-01-01', recipients: ['social-service'], purposes: ['case-transfer'], dataCategories: ['health'] } }) });
    expect(recorded.status).toBe(201);
    const waiting = first.transfers[0].id as string;
    await eventually(async () => ((await t.gateway.services.store.getTransfer(waiting))?.attempts ?? 0) > 0, 20_000, 'an attempt');

    const commune = await t.token('be-koeniz', ['source-system']);
    for (const body of [{}, { institutionId: 'be-asi' }]) {
      const answer = await t.request('POST', '/v1/consents/c-canton/revoke', { token: commune, body });
      expect(answer.status).toBe(404);
    }
    const training = await t.token('be-nfam-training', ['source-system']);
    const event = richEvent({ type: 'consent.revoked', source: { system: 'nfam', institutionId: 'be-nfam-training' }, consentId: 'c-canton' });
    delete event.change;
    const revokedElsewhere = (await (await t.request('POST', '/v1/events', { token: training, body: event })).json()) as Json;
    expect(revokedElsewhere.cancelled).toEqual([]);
    const eventOfSource = richEvent({ type: 'consent.revoked', source: { system: 'nfam', institutionId: 'be-nfam-training' }, consentId: SOURCE_CONSENT });
    delete eventOfSource.change;
    expect(((await (await t.request('POST', '/v1/events', { token: training, body: eventOfSource })).json()) as Json).cancelled).toEqual([]);
    expect((await t.gateway.services.store.getTransfer(waiting))!.state).not.toBe('cancelled');

    // The canton itself can.
    const own = (await (await t.request('POST', '/v1/consents/c-canton/revoke', { token: canton })).json()) as Json;
    await eventually(async () => (await t.gateway.services.store.getTransfer(waiting))?.state === 'cancelled', 20_000, 'the cancellation');
    expect(own.consentId).toBe('c-canton');
  });

  it('the same eventId from another institution is another event, and neither sees the other’s transfers', async () => {
    const event = richEvent();
    const mine = (await (await t.request('POST', '/v1/events', { token: canton, body: event })).json()) as Json;
    expect(mine.duplicate).toBe(false);
    expect(mine.transfers).toHaveLength(1);
    const training = await t.token('be-nfam-training', ['source-system']);
    const theirs = (await (
      await t.request('POST', '/v1/events', { token: training, body: { ...event, type: 'case.updated', change: undefined, source: { system: 'nfam', institutionId: 'be-nfam-training' } } })
    ).json()) as Json;
    expect(theirs.duplicate).toBe(false);
    expect(theirs.transfers).toEqual([]);
    const again = (await (await t.request('POST', '/v1/events', { token: canton, body: event })).json()) as Json;
    expect(again.duplicate).toBe(true);
    expect(again.transfers.map((x: Json) => x.id)).toEqual(mine.transfers.map((x: Json) => x.id));
    const rows = await t.gateway.services.store.sql.query<Json>('select source_institution_id from events where event_id = $1 order by 1', [event.eventId]);
    expect(rows.map((r) => r.source_institution_id)).toEqual(['be-asi', 'be-nfam-training']);
  });
});
