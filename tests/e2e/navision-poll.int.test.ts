import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { pollOnce } from '../../src/transfers/poller.js';
import { REPO, startTestGateway, TEST_POLICIES, type TestGateway } from '../support/gateway.js';
import { freshRedisPrefix, freshSchema } from '../support/services.js';

/**
 * ORS's NAV polled end to end with the real gateway (PostgreSQL, Redis), NAV simulated
 * with nock: pages followed by `@odata.nextLink`, snapshots, the events the snapshot rule
 * gives, and a gateway restarted in the middle of a poll.
 */

const FIXTURES = path.join(REPO, 'adapters/navision/fixtures');
const ORIGIN = 'https://nav.ors-fr.example:7048';
const ROOT = "/DynamicsNAV110/ODataV4/Company('ORS%20Fribourg')";
const EXPAND = 'BeneficiaireStatuts,BeneficiaireResponsabilites';
const SUBS = ['Bilans_Potentiel', 'Mesures_Integration', 'Notes_Beneficiaire', 'Documents_Beneficiaire', 'Autorisations'];
const BASIC = `Basic ${Buffer.from('PASSERELLE:wsak-e2e').toString('base64')}`;
const PAGE_ONE = "Beneficiaire_No eq 'BEN-001455' or Beneficiaire_No eq 'BEN-004401'";
const PAGE_TWO = "Beneficiaire_No eq 'BEN-004402'";
const SINCE_FIRST = '1970-01-01T00:00:00Z';
const SINCE_SECOND = '2025-02-12T09:31:00.450Z';

type Row = Record<string, unknown>;
const body = (name: string): Row => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Row;

/** The poll's first request, or a page reached through `@odata.nextLink` (`$skiptoken`). */
function beneficiaires(scopes: nock.Scope[], query: Record<string, string>): nock.Interceptor {
  const scope = nock(ORIGIN).matchHeader('authorization', BASIC).matchHeader('prefer', 'odata.maxpagesize=2');
  scopes.push(scope);
  return scope.get(`${ROOT}/Beneficiaires`).query(query);
}

const firstQuery = { $filter: `Derniere_Modif_Dossier gt ${SINCE_FIRST}`, $expand: EXPAND, $orderby: 'No' };
// The link page one of the sample carries, requested as is.
const nextLinkQuery = { $filter: 'Derniere_Modif_Dossier gt 2025-02-12T00:00:00Z', $expand: EXPAND, $orderby: 'No', $skiptoken: "'BEN-004401'" };

function subQueries(scopes: nock.Scope[], filter: string, bodyOf: (set: string) => Row): void {
  const scope = nock(ORIGIN).matchHeader('authorization', BASIC);
  for (const set of SUBS) scope.get(`${ROOT}/${set}`).query({ $filter: filter }).reply(200, bodyOf(set));
  scopes.push(scope);
}

/** The first poll: two pages of the edge sample, each with its five sub-queries. */
function firstPoll(scopes: nock.Scope[], page2: 'answered' | 'unavailable'): void {
  beneficiaires(scopes, firstQuery).reply(200, body('edge.page1.beneficiaires.json'));
  subQueries(scopes, PAGE_ONE, (set) => body(`edge.page1.${set.toLowerCase()}.json`));
  if (page2 === 'answered') secondPage(scopes);
  else beneficiaires(scopes, nextLinkQuery).reply(503, { error: { code: 'Unavailable', message: 'service tier restarting' } });
}

function secondPage(scopes: nock.Scope[]): void {
  beneficiaires(scopes, nextLinkQuery).reply(200, body('edge.page2.beneficiaires.json'));
  subQueries(scopes, PAGE_TWO, (set) => body(`edge.page2.${set.toLowerCase()}.json`));
}

/** A policies folder: the sample registry with ORS on this NAV (pages of 2), the test routes and rules. */
function writePolicies(root: string): string {
  const institutions = (parse(readFileSync(path.join(REPO, 'adapters/navision/sample-institutions.yaml'), 'utf8')) as Row[]).map((entry) =>
    entry.id === 'fr-ors' ? { ...entry, settings: { ...(entry.settings as Row), pageSize: 2, timeoutSeconds: 5 } } : entry,
  );
  const policies = path.join(root, 'policies');
  mkdirSync(policies, { recursive: true });
  writeFileSync(path.join(policies, 'institutions.yaml'), stringify(institutions));
  for (const file of ['routes.yaml', 'disclosure.yaml']) writeFileSync(path.join(policies, file), readFileSync(path.join(TEST_POLICIES, file)));
  return policies;
}

const ENV = { NAVISION_USERNAME: 'PASSERELLE', NAVISION_ACCESS_KEY: 'wsak-e2e' };

async function eventsOf(t: TestGateway): Promise<{ event_id: string; type: string }[]> {
  return t.gateway.services.store.sql.query<{ event_id: string; type: string }>('select event_id, type from events where source_institution_id = $1 order by event_id', ['fr-ors']);
}

async function snapshotsOf(t: TestGateway): Promise<string[]> {
  return (await t.gateway.services.store.sql.query<{ local_person_id: string }>('select local_person_id from snapshots where institution_id = $1 order by local_person_id', ['fr-ors'])).map(
    (r) => r.local_person_id,
  );
}

const scopes: nock.Scope[] = [];

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  for (const scope of scopes.splice(0)) scope.done();
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

describe('Navision polled end to end', () => {
  let root: string;
  let t: TestGateway;
  let uninterrupted: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'passerelle-navision-'));
    t = await startTestGateway({ name: 'navision-poll', policiesDir: writePolicies(root), env: ENV });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('a first poll follows the next link, keeps a snapshot per beneficiary and raises case.updated for each new person', async () => {
    firstPoll(scopes, 'answered');
    const round = await pollOnce(t.gateway.services);
    expect(round).toMatchObject({ institutions: 1, rejected: 0, events: 3 });
    expect(await snapshotsOf(t)).toEqual(['BEN-001455', 'BEN-004401', 'BEN-004402']);
    const events = await eventsOf(t);
    // The snapshot rule: a person seen for the first time is one case.updated.
    expect(events.map((e) => e.type)).toEqual(['case.updated', 'case.updated', 'case.updated']);
    uninterrupted = events.map((e) => e.event_id);
  });

  it('a second poll starts after the latest stamp; a new status is exactly one case.status-changed', async () => {
    const page = body('edge.page2.beneficiaires.json');
    const card = (page.value as Row[])[0]!;
    const statuses = card.BeneficiaireStatuts as Row[];
    statuses[2]!.Date_Fin = '2025-02-28';
    statuses.push({ Beneficiaire_No: 'BEN-004402', Entry_No: 4, Code_Statut: 'BR', Date_Debut: '2025-03-01', Date_Fin: '0001-01-01' });
    card.Derniere_Modif_Dossier = '2025-03-01T07:45:12.300Z';
    beneficiaires(scopes, { $filter: `Derniere_Modif_Dossier gt ${SINCE_SECOND}`, $expand: EXPAND, $orderby: 'No' }).reply(200, page);
    subQueries(scopes, PAGE_TWO, (set) => body(`edge.page2.${set.toLowerCase()}.json`));

    const before = await eventsOf(t);
    const round = await pollOnce(t.gateway.services);
    expect(round).toMatchObject({ institutions: 1, events: 1 });
    const after = await eventsOf(t);
    const fresh = after.filter((e) => !before.some((b) => b.event_id === e.event_id));
    expect(fresh.map((e) => e.type)).toEqual(['case.status-changed']);
    expect(after).toHaveLength(before.length + 1);
    const [change] = await t.gateway.services.store.sql.query<{ change: Row }>('select change from events where event_id = $1', [fresh[0]!.event_id]);
    expect(change!.change).toMatchObject({ from: 'F', to: 'B-refugee', effectiveDate: '2025-03-01' });
  });

  it('a gateway restarted in the middle of a poll resumes from the saved next link and raises nothing twice', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-navision-data-'));
    const schema = await freshSchema();
    const redis = freshRedisPrefix();
    // One database schema, Redis prefix and key folder for both processes: the second is the first restarted.
    const shared = { name: 'navision-poll-restart', policiesDir: writePolicies(path.join(root, 'restart')), dataDir, env: { ...ENV, PASSERELLE_DATABASE_SCHEMA: schema.schema, PASSERELLE_REDIS_PREFIX: redis.prefix } };
    try {
      const first = await startTestGateway(shared);
      try {
        firstPoll(scopes, 'unavailable');
        await expect(pollOnce(first.gateway.services)).rejects.toMatchObject({ code: 'navision.unavailable', retryable: true });
        expect((await eventsOf(first)).map((e) => e.type)).toEqual(['case.updated', 'case.updated']);
        expect(await snapshotsOf(first)).toEqual(['BEN-001455', 'BEN-004401']);
      } finally {
        await first.close();
      }
      for (const scope of scopes.splice(0)) scope.done();

      const second = await startTestGateway(shared);
      try {
        // Only page two and its sub-queries: page one is not asked again.
        secondPage(scopes);
        const round = await pollOnce(second.gateway.services);
        expect(round).toMatchObject({ institutions: 1, events: 1 });
        const events = await eventsOf(second);
        expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
        expect(events.map((e) => e.event_id)).toEqual(uninterrupted);
        expect(await snapshotsOf(second)).toEqual(['BEN-001455', 'BEN-004401', 'BEN-004402']);
      } finally {
        await second.close();
      }
    } finally {
      await schema.drop();
      await redis.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
