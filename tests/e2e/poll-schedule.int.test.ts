import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { eventually, startTestGateway, TEST_POLICIES, type TestGateway } from '../support/gateway.js';
import { NFAM_API, nockNfamToken } from '../support/nfam.js';

type Row = Record<string, unknown>;

/**
 * Each source is polled at its own interval: the canton's NFAM asks for an hour, while
 * another entry of the registry names a second (a commune's inbox, which is never polled).
 */
describe('the poller', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'passerelle-poll-schedule-'));
  let t: TestGateway | undefined;
  afterAll(async () => {
    await t?.close();
    nock.cleanAll();
    nock.enableNetConnect();
    rmSync(root, { recursive: true, force: true });
  });

  it('polls a source at its own interval, not at the shortest interval of the registry', async () => {
    const institutions = (parse(readFileSync(path.join(TEST_POLICIES, 'institutions.yaml'), 'utf8')) as Row[]).map((entry) =>
      entry.id === 'be-asi' ? { ...entry, settings: { ...(entry.settings as Row), pollIntervalSeconds: 3600 } } : entry.id === 'be-koeniz' ? { ...entry, settings: { ...(entry.settings as Row), pollIntervalSeconds: 1 } } : entry,
    );
    const policies = path.join(root, 'policies');
    mkdirSync(policies, { recursive: true });
    writeFileSync(path.join(policies, 'institutions.yaml'), stringify(institutions));
    for (const file of ['routes.yaml', 'disclosure.yaml']) writeFileSync(path.join(policies, file), readFileSync(path.join(TEST_POLICIES, file)));

    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nockNfamToken();
    let polls = 0;
    nock(NFAM_API)
      .persist()
      .get('/v2/cases')
      .query(true)
      .reply(() => {
        polls += 1;
        return [200, { data: [], page: { nextCursor: null } }];
      });
    t = await startTestGateway({ name: 'poll-schedule', policiesDir: policies });
    await t.gateway.startWorkers();
    await eventually(async () => polls > 0, 30_000, 'the first poll');
    // Three seconds in which a one-second tick would have polled NFAM three more times.
    await new Promise((r) => setTimeout(r, 3000));
    expect(polls).toBe(1);
  }, 60_000);
});
