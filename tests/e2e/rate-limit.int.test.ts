import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { richToRegionalPartner, RICH_CASE_ID } from '../support/events.js';
import { settled, startTestGateway, type TestGateway } from '../support/gateway.js';
import { caseTransferReceipt, NFAM_API, nockNfamToken, nockRichCase } from '../support/nfam.js';

type Json = Record<string, any>;

describe.each(['real', 'embedded'] as const)('a target that asks to wait (429), %s services', (services) => {
  let t: TestGateway | undefined;
  afterEach(async () => {
    await t?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('is asked again two seconds later or more after Retry-After: 2, and the waits spend no attempt', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nockNfamToken();
    nockRichCase('persist');
    // The tests' backoff ceiling is 200 ms; the target's Retry-After is honoured up to the ceiling.
    t = await startTestGateway({ name: `rate-limit-${services}`, services, env: { PASSERELLE_MAX_BACKOFF_MS: '60000' } });
    await t.gateway.startWorkers();
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', 'NFAM-2022-004127', RICH_CASE_ID);
    const asked: number[] = [];
    // Four 429s are as many as the attempts a transfer has: counted, they would fail it.
    const target = nock(NFAM_API)
      .post('/v2/case-transfers')
      .times(4)
      .reply(() => {
        asked.push(Date.now());
        return [429, { title: 'slow down' }, { 'retry-after': '2' }];
      })
      .post('/v2/case-transfers')
      .reply(201, (_uri, body) => {
        asked.push(Date.now());
        return caseTransferReceipt((body as Json).transferId);
      });
    const source = await t.token('be-asi', ['source-system']);
    const answer = (await (await t.request('POST', '/v1/events', { token: source, body: richToRegionalPartner() })).json()) as Json;
    const id = answer.transfers[0].id as string;
    const delivered = await settled(t, id, 60_000);
    target.done();
    expect(delivered).toMatchObject({ state: 'delivered', attempts: 1 });
    const gaps = asked.slice(1).map((at, i) => at - asked[i]!);
    expect(gaps).toHaveLength(4);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(2000);
    const waits = (await t.gateway.services.store.auditOfTransfer(id)).filter((a) => a.data.step === 'rate-limited');
    expect(waits.map((a) => a.data.waitMs)).toEqual([2000, 2000, 2000, 2000]);
  }, 90_000);
});
