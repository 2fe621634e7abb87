import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RICH_CASE, RICH_CASE_ID, richEvent } from '../support/events.js';
import { REPO, startTestGateway, type TestGateway } from '../support/gateway.js';
import { jsonLines, passerelleAsync } from './support.js';

// Never spawnSync here: the gateway of this test process must keep running (its audit
// sequencer holds a lock for a moment that the command's own sequencer waits for).
const passerelle = passerelleAsync;

type Json = Record<string, any>;

describe('passerelle transfers: daily work on the store of a canton-shaped gateway', () => {
  let t: TestGateway;
  let env: Record<string, string>;
  let failed: string;
  let open: string;

  beforeAll(async () => {
    t = await startTestGateway({ name: 'cli-transfers', services: 'real', policiesDir: path.join(REPO, 'policies') });
    const c = t.config;
    env = {
      PASSERELLE_DATABASE_URL: c.databaseUrl!,
      PASSERELLE_DATABASE_SCHEMA: c.databaseSchema,
      PASSERELLE_REDIS_URL: c.redisUrl!,
      PASSERELLE_REDIS_PREFIX: c.redisPrefix,
      PASSERELLE_DATA_DIR: c.dataDir,
      PASSERELLE_POLICIES: c.policiesDir,
    };
    const { store } = t.gateway.services;
    await store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    const source = await t.token('be-asi', ['source-system']);
    const post = async (): Promise<string> => (((await (await t.request('POST', '/v1/events', { token: source, body: richEvent() })).json()) as Json).transfers[0].id as string);
    [failed, open] = [await post(), await post()];
    // A dead letter, as a target down for good leaves it.
    await store.transition(failed, ['accepted'], 'failed', { attempts: 4, error: { code: 'inbox.unavailable', message: 'the inbox did not answer' } }, { kind: 'transfer.state', actor: 'worker', data: { step: 'dead-letter' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists transfers, by state', async () => {
    const all = await passerelle(['transfers', 'list'], env);
    expect(all.code).toBe(0);
    expect(jsonLines(all.stdout).map((x) => x.id).sort()).toEqual([failed, open].sort());
    const dead = await passerelle(['transfers', 'list', '--state', 'failed'], env);
    expect(jsonLines(dead.stdout)).toEqual([expect.objectContaining({ id: failed, state: 'failed', error: expect.objectContaining({ code: 'inbox.unavailable' }) })]);
    const typo = await passerelle(['transfers', 'list', '--state', 'faild'], env);
    expect(typo.code).toBe(2);
    expect(jsonLines(typo.stderr)[0]!.message).toMatch(/did you mean failed\?/);
  });

  it('shows one transfer with its history', async () => {
    const run = await passerelle(['transfers', 'show', failed], env);
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.stdout) as Json;
    expect(shown).toMatchObject({ id: failed, state: 'failed', targetInstitutionId: 'be-koeniz' });
    expect(shown.history.map((h: Json) => h.state)).toEqual(expect.arrayContaining(['accepted', 'failed']));
    expect((await passerelle(['transfers', 'show', 'not-a-uuid'], env)).code).toBe(2);
    expect(jsonLines((await passerelle(['transfers', 'show', '00000000-0000-4000-8000-000000000000'], env)).stderr)[0]).toMatchObject({ code: 'transfer.not-found' });
  });

  it('replays a dead letter only with --yes, onto the queue under a new job id', async () => {
    const refused = await passerelle(['transfers', 'replay', failed], env);
    expect(refused.code, refused.stderr).toBe(2);
    expect(jsonLines(refused.stderr)[0]).toMatchObject({ code: 'cli.confirmation-required' });
    expect((await t.gateway.services.store.getTransfer(failed))!.state).toBe('failed');
    const run = await passerelle(['transfers', 'replay', failed, '--yes'], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: failed, state: 'accepted' });
    expect(await t.gateway.services.queue.pending('inbox')).toContain(`${failed}.replay-1`);
    const audit = await t.gateway.services.store.auditOfTransfer(failed);
    expect(audit.at(-1)).toMatchObject({ actor: expect.stringMatching(/^cli:/), data: expect.objectContaining({ step: 'replay' }) });
    // Only a failed transfer can be replayed.
    expect(jsonLines((await passerelle(['transfers', 'replay', open, '--yes'], env)).stderr)[0]).toMatchObject({ code: 'transfer.not-replayable' });
  });

  it('cancels an open transfer with --yes and takes its job off the queue', async () => {
    const refused = await passerelle(['transfers', 'cancel', open], env);
    expect(refused.code, refused.stderr).toBe(2);
    const run = await passerelle(['transfers', 'cancel', open, '--yes'], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: open, state: 'cancelled' });
    expect(await t.gateway.services.queue.pending('inbox')).not.toContain(open);
    expect(jsonLines((await passerelle(['transfers', 'cancel', open, '--yes'], env)).stderr)[0]).toMatchObject({ code: 'transfer.final' });
  });
});
