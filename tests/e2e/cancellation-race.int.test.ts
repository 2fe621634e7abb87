import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobHandler } from '../../src/transfers/engine.js';
import { RICH_CASE, RICH_CASE_ID, richToRegionalPartner } from '../support/events.js';
import { eventually, startTestGateway, type TestGateway } from '../support/gateway.js';
import { caseTransferReceipt, NFAM_API, nockNfamToken, nockRichCase } from '../support/nfam.js';

type Json = Record<string, any>;

const consentBody = { person: { system: 'nfam', localPersonId: RICH_CASE.localPersonId }, consent: { id: 'race-1', kind: 'general', grantedOn: '2025-01-01', recipients: ['social-service'], purposes: ['case-transfer'], dataCategories: ['health'] }, documentSha256: 'ab'.repeat(32) };

/**
 * Cancellation always wins, shown step by step rather than by lucky timing: the worker
 * is driven by hand, so each interleaving of a revocation and an attempt is exact.
 */
describe('a revocation racing an attempt', () => {
  let t: TestGateway;
  let source: string;
  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nockNfamToken();
    nockRichCase('persist');
    t = await startTestGateway({ name: 'cancellation-race', attempts: 5 });
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    source = await t.token('be-asi', ['source-system']);
  });
  afterEach(async () => {
    await t.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const accept = async (): Promise<string> => {
    const answer = (await (await t.request('POST', '/v1/events', { token: source, body: richToRegionalPartner() })).json()) as Json;
    expect((await t.request('POST', '/v1/consents', { token: source, body: consentBody })).status).toBe(201);
    return answer.transfers[0].id as string;
  };
  const job = (transferId: string) => ({ jobId: transferId, transferId, lane: 'nfam', attempt: 1, maxAttempts: 5 });
  const moveTo = async (id: string, path: string[]) => {
    const store = t.gateway.services.store;
    for (let i = 1; i < path.length; i += 1) expect(await store.transition(id, [path[i - 1] as never], path[i] as never, {}, { kind: 'transfer.state', actor: 'test' })).not.toBeNull();
  };

  it('revoked while its delivery was in flight and the worker died: the next attempt cancels it, the target is never called', async () => {
    const id = await accept();
    // A worker took it to the target's door, then died before the answer.
    await moveTo(id, ['accepted', 'extracting', 'delivering']);
    const revoked = (await (await t.request('POST', '/v1/consents/race-1/revoke', { token: source })).json()) as Json;
    expect(revoked.cancelled).toEqual([]);
    expect((await t.gateway.services.store.getTransfer(id))!).toMatchObject({ state: 'delivering', cancelRequested: true });
    const target = nock(NFAM_API).persist().post('/v2/case-transfers').reply(201, (_u, b) => caseTransferReceipt((b as Json).transferId));
    await createJobHandler(t.gateway.services)(job(id));
    expect(target.isDone()).toBe(false);
    expect((await t.gateway.services.store.getTransfer(id))!.state).toBe('cancelled');
  });

  it('revoked while it waited to retry with the flag only: the retry cancels it, the target is never called', async () => {
    const id = await accept();
    await moveTo(id, ['accepted', 'extracting', 'delivering']);
    await t.request('POST', '/v1/consents/race-1/revoke', { token: source });
    // The old worker's move back to `retrying`, unguarded, after the flag was set.
    await moveTo(id, ['delivering', 'retrying']);
    const target = nock(NFAM_API).persist().post('/v2/case-transfers').reply(201, (_u, b) => caseTransferReceipt((b as Json).transferId));
    await createJobHandler(t.gateway.services)(job(id));
    expect(target.isDone()).toBe(false);
    expect((await t.gateway.services.store.getTransfer(id))!.state).toBe('cancelled');
  });

  it('revoked during the delivery call: that failed attempt ends it cancelled, no second request reaches the target', async () => {
    const id = await accept();
    let requests = 0;
    let release: ((status: number) => void) | undefined;
    const server = http.createServer((req, res) => {
      requests += 1;
      req.resume();
      release = (status) => res.writeHead(status, { 'content-type': 'application/json' }).end('{"title":"busy"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    // Deliveries to NFAM go to the loopback server, which holds the request open.
    nock.cleanAll();
    nockNfamToken();
    nockRichCase('persist');
    nock(NFAM_API).persist().post('/v2/case-transfers').reply(async (_u, body) => {
      const answer = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: JSON.stringify(body) });
      return [answer.status, await answer.text()];
    });
    try {
      const running = createJobHandler(t.gateway.services)(job(id)).catch((e: unknown) => e);
      await eventually(async () => requests === 1 && release !== undefined, 20_000, 'the delivery to be in flight');
      await t.request('POST', '/v1/consents/race-1/revoke', { token: source });
      release!(503);
      await running;
      expect((await t.gateway.services.store.getTransfer(id))!.state).toBe('cancelled');
      // The queue would run the job again: it finds the transfer final.
      await createJobHandler(t.gateway.services)(job(id));
      expect(requests).toBe(1);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
