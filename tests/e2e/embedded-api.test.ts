import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, REPO, settled, startTestGateway, type TestGateway } from '../support/gateway.js';
import { pollOnce } from '../../src/transfers/poller.js';
import { richEvent, RICH_CASE_ID } from '../support/events.js';
import { schemaErrors } from '../support/openapi.js';

type Json = Record<string, any>;

/**
 * The embedded shape (PGlite, in-process queue, NFAM simulated in process), with every
 * answer held to its schema in contracts/openapi.yaml.
 */
describe('the API in embedded mode answers as contracts/openapi.yaml says', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ name: 'embedded-api', services: 'embedded', policiesDir: path.join(REPO, 'policies') });
    await t.gateway.startWorkers();
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', 'NFAM-2022-004127', RICH_CASE_ID);
  });
  afterAll(async () => {
    await t.close();
  });

  async function json(response: Response, status: number, schema: string): Promise<Json> {
    expect(response.status).toBe(status);
    const body = (await response.json()) as Json;
    expect(schemaErrors(schema, body)).toEqual([]);
    return body;
  }

  it('health, readiness, keys', async () => {
    await json(await t.request('GET', '/health'), 200, 'Health');
    await json(await t.request('GET', '/ready'), 200, 'Ready');
    const jwks = await json(await t.request('GET', '/.well-known/jwks.json'), 200, 'Jwks');
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect((await t.request('GET', '/openapi.json')).status).toBe(200);
    expect((await t.request('GET', '/case-record.schema.json')).headers.get('content-type')).toContain('application/schema+json');
  });

  it('events, transfers and the inbox, through to acknowledgement', async () => {
    const source = await t.token('be-asi', ['source-system']);
    const ops = await t.token('be-asi', ['ops']);
    const commune = await t.token('be-koeniz', ['receiver']);
    const accepted = await json(
      await t.request('POST', '/v1/events', {
        token: source,
        body: richEvent(),
      }),
      202,
      'EventAccepted',
    );
    const id = accepted.transfers[0].id as string;
    await eventually(async () => (await t.gateway.services.store.getTransfer(id))?.state === 'delivered', 10_000, 'delivery');

    const one = await json(await t.request('GET', `/v1/transfers/${id}`, { token: ops }), 200, 'TransferWithHistory');
    expect(one.history.map((h: Json) => h.state).filter(Boolean)).toEqual(['accepted', 'extracting', 'delivering', 'delivered']);
    const page = await json(await t.request('GET', '/v1/transfers?state=delivered&limit=1', { token: ops }), 200, 'TransferPage');
    expect(page.items).toHaveLength(1);
    expect(typeof page.nextCursor).toBe('string');
    const next = await json(await t.request('GET', `/v1/transfers?state=delivered&limit=1&cursor=${page.nextCursor}`, { token: ops }), 200, 'TransferPage');
    expect(next.items).toEqual([]);

    const inbox = await json(await t.request('GET', '/v1/inbox', { token: commune }), 200, 'InboxPage');
    expect(inbox.items).toHaveLength(1);
    await json(await t.request('GET', `/v1/inbox/${id}`, { token: commune }), 200, 'InboxItem');
    expect((await t.request('POST', `/v1/inbox/${id}/ack`, { token: commune })).status).toBe(204);
    expect((await t.request('POST', `/v1/inbox/${id}/ack`, { token: commune })).status).toBe(204);
    const acknowledged = await json(await t.request('GET', '/v1/inbox?status=acknowledged', { token: commune }), 200, 'InboxPage');
    expect(acknowledged.items[0].acknowledgedAt).not.toBeNull();
    await json(await t.request('GET', '/v1/inbox/not-a-uuid', { token: commune }), 404, 'Problem');
    await json(await t.request('POST', `/v1/transfers/${id}/replay`, { token: ops }), 409, 'Problem');
    await json(await t.request('GET', '/v1/transfers', { token: commune }), 403, 'Problem');

    // Everything above left a chained, signed audit trail that verifies.
    const dpo = await t.token('be-dpo', ['dpo']);
    const report = await json(await t.request('GET', '/v1/audit/verify', { token: dpo }), 200, 'VerifyReport');
    expect(report).toMatchObject({ ok: true, checkpoints: 1 });
    expect(report.entries).toBeGreaterThan(8);
    await json(await t.request('GET', '/v1/audit/verify', { token: commune }), 403, 'Problem');
  });

  it('an event whose commune cannot be found is refused with the rule named, and nothing is written', async () => {
    // The demo topology without the commune of Ostermundigen, where one fixture person lives.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'policies-'));
    cpSync(path.join(REPO, 'policies'), dir, { recursive: true });
    const file = path.join(dir, 'institutions.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/- id: be-ostermundigen[\s\S]*?settings: \{\}\n/, ''));
    const other = await startTestGateway({ name: 'embedded-no-commune', services: 'embedded', policiesDir: dir });
    try {
      await other.gateway.services.store.rememberCaseRef('nfam', 'be-asi', 'NFAM-2022-002290', 'f5679910-b7fe-5ed2-a9f6-a7ca83c7ac50');
      const problem = await json(
        await other.request('POST', '/v1/events', {
          token: await other.token('be-asi', ['source-system']),
          body: richEvent({ case: { localCaseId: 'NFAM-2022-002290', localPersonId: '9947cd40-7528-53d7-96cc-1e75962dd7b2' } }),
        }),
        422,
        'Problem',
      );
      expect(problem.code).toBe('routing.no-commune');
      expect(problem.detail).toContain('cantonal-to-communal');
      expect(await other.gateway.services.store.listTransfers({ limit: 100 })).toEqual([]);
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loses nothing across a restart: the reconciler queues what the store holds open', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-restart-'));
    try {
      const first = await startTestGateway({ name: 'embedded-restart-1', services: 'embedded', policiesDir: path.join(REPO, 'policies'), dataDir: dir });
      await first.gateway.services.store.rememberCaseRef('nfam', 'be-asi', 'NFAM-2022-004127', RICH_CASE_ID);
      const accepted = (await (await first.request('POST', '/v1/events', { token: await first.token('be-asi', ['source-system']), body: richEvent() })).json()) as Json;
      const id = accepted.transfers[0].id as string;
      await first.close(); // before any worker ran: the in-process queue is gone with the process

      const second = await startTestGateway({ name: 'embedded-restart-2', services: 'embedded', policiesDir: path.join(REPO, 'policies'), dataDir: dir });
      try {
        expect((await second.gateway.services.store.getTransfer(id))?.state).toBe('accepted');
        await second.gateway.startWorkers();
        expect((await settled(second, id)).state).toBe('delivered');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('learns the source system’s case ids by polling its change feed, and resumes where it stood', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-poll-'));
    const fresh = await startTestGateway({ name: 'embedded-poll', services: 'embedded', policiesDir: path.join(REPO, 'policies'), dataDir: dir });
    try {
      const { store } = fresh.gateway.services;
      expect(await store.caseRef('nfam', 'be-asi', 'NFAM-2024-000915')).toBeNull();
      const first = await pollOnce(fresh.gateway.services);
      expect(first).toMatchObject({ institutions: 1, rejected: 0 });
      expect(first.refs).toBe(5);
      expect(await store.caseRef('nfam', 'be-asi', 'NFAM-2024-000915')).toBe('e307d0c8-6036-52b1-ae27-818b32d6b671');
      expect(await store.pollCursor('be-asi')).not.toBeNull();
      // Only the newest case again (the feed is inclusive), and nothing fresh.
      expect((await pollOnce(fresh.gateway.services)).refs).toBeLessThan(first.refs);
    } finally {
      await fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
