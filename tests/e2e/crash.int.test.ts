import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { richToRegionalPartner } from '../support/events.js';
import { eventually, LOG_DIR, REPO, settled, startTestGateway, TEST_POLICIES, type TestGateway } from '../support/gateway.js';
import { caseTransferReceipt, fixture, RICH_CASE_ID } from '../support/nfam.js';

/**
 * NFAM as a real HTTP server on loopback, because the worker under test runs in another
 * process. It holds the first delivery open (the worker dies during it) and keeps NFAM's
 * idempotency: the same Idempotency-Key gives the same case.
 */
function startNfamServer(): Promise<{ url: string; posts: () => number; accepted: () => number; firstHeld: () => boolean; close(): Promise<void> }> {
  const cases = new Map<string, Record<string, unknown>>();
  let posts = 0;
  let held = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      if (req.method === 'POST' && url === '/oauth2/token') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 't', token_type: 'Bearer', expires_in: 900 }));
      } else if (req.method === 'GET' && url === `/v2/cases/${RICH_CASE_ID}`) {
        res.writeHead(200, { 'content-type': 'application/json', etag: '"41"' }).end(fixture('rich.case.json'));
      } else if (req.method === 'POST' && url === '/v2/case-transfers') {
        posts += 1;
        if (posts === 1) {
          held = true; // never answered: the worker is killed while it waits
          return;
        }
        const key = String(req.headers['idempotency-key']);
        const known = cases.get(key);
        if (known) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(known));
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { transferId: string };
        const receipt = caseTransferReceipt(body.transferId);
        cases.set(key, receipt);
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(receipt));
      } else {
        res.writeHead(404).end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        posts: () => posts,
        accepted: () => cases.size,
        firstHeld: () => held,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    }),
  );
}

function startWorker(t: TestGateway, name: string): ChildProcess {
  const { config } = t;
  const child = spawn(process.execPath, [path.join(REPO, 'bin/passerelle.js'), 'worker'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      PASSERELLE_DATABASE_URL: config.databaseUrl!,
      PASSERELLE_DATABASE_SCHEMA: config.databaseSchema,
      PASSERELLE_REDIS_URL: config.redisUrl!,
      PASSERELLE_REDIS_PREFIX: config.redisPrefix,
      PASSERELLE_DATA_DIR: config.dataDir,
      PASSERELLE_POLICIES: config.policiesDir,
      PASSERELLE_LOCK_DURATION_MS: '2000',
      PASSERELLE_STALLED_INTERVAL_MS: '1000',
      PASSERELLE_BACKOFF_MS: '50',
      PASSERELLE_LOG_LEVEL: 'debug',
      NFAM_CLIENT_SECRET: 'test-client-secret',
      NFAM_WEBHOOK_SECRET: 'whsec_nfam_test_3c7e1b5a9d',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The worker's log joins the others for the privacy scan at the end of the run.
  const log = createWriteStream(path.join(LOG_DIR, `crash-${name}-${Date.now()}.log`));
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

describe('a worker killed in the middle of a delivery', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.reverse()) await c();
    cleanups.length = 0;
  });

  it('loses nothing: after restart the transfer completes exactly once', async () => {
    const nfam = await startNfamServer();
    cleanups.push(() => nfam.close());
    const policies = mkdtempSync(path.join(os.tmpdir(), 'passerelle-policies-'));
    cleanups.push(() => rmSync(policies, { recursive: true, force: true }));
    cpSync(TEST_POLICIES, policies, { recursive: true });
    const institutions = path.join(policies, 'institutions.yaml');
    writeFileSync(
      institutions,
      readFileSync(institutions, 'utf8')
        .replaceAll('https://api.nfam.be.example', nfam.url)
        .replaceAll('https://auth.nfam.be.example', nfam.url),
    );

    const t = await startTestGateway({ name: 'crash', policiesDir: policies });
    cleanups.push(() => t.close());
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', 'NFAM-2022-004127', RICH_CASE_ID);
    const source = await t.token('be-asi', ['source-system']);
    const answer = await t.request('POST', '/v1/events', {
      token: source,
      body: richToRegionalPartner(),
    });
    expect(answer.status).toBe(202);
    const id = ((await answer.json()) as { transfers: { id: string }[] }).transfers[0]!.id;

    const first = startWorker(t, 'first');
    cleanups.push(() => void first.kill('SIGKILL'));
    await eventually(async () => nfam.firstHeld(), 30_000, 'the first delivery to reach NFAM');
    expect((await t.gateway.services.store.getTransfer(id))?.state).toBe('delivering');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    const second = startWorker(t, 'second');
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          if (second.exitCode !== null) return resolve();
          second.once('exit', () => resolve());
          second.kill('SIGTERM');
        }),
    );
    const done = await settled(t, id, 45_000);

    expect(done.state).toBe('delivered');
    expect(nfam.accepted()).toBe(1);
    expect(nfam.posts()).toBe(2);
    const audit = await t.gateway.services.store.auditOfTransfer(id);
    expect(audit.filter((a) => a.data.to === 'delivered')).toHaveLength(1);
  });
});
