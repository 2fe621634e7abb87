import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { bracketPlansFilter } from '../../adapters/centralis/test-transport.js';
import { eventIdFor } from '../../src/adapters/sdk.js';
import { parseRequests, type ExpectedRequest } from '../../src/adapters/testing.js';
import { pollOnce } from '../../src/transfers/poller.js';
import { REPO, startTestGateway, TEST_POLICIES, type TestGateway, type TestGatewayOptions } from '../support/gateway.js';
import { expectEntraCertificateToken, expectRequest, remoteSystemsUnderNock, requiredScope, type Answer } from '../support/requests.js';
import { dumpRedis, freshRedisPrefix, freshSchema } from '../support/services.js';

/**
 * The acceptance check "a restart in the middle of a multi-page poll turns every change into
 * exactly one event", for the two sources whose transports page with a link: Centralis
 * (Dataverse change tracking, `@odata.nextLink` then `@odata.deltaLink`) and SharePoint-TI
 * (lists polled on `Modified`, `d.__next`). Real gateway, PostgreSQL and Redis; the systems
 * and Entra ID under nock, answering with the adapters' `edge` samples. For each: the first
 * run is cut after page 1 (page 2 answers 503), a new gateway on the same store, Redis prefix
 * and key folder resumes from the saved cursor, each case of the sample ends with exactly one
 * event and one `event.accepted` audit entry, and a further poll with nothing new adds none.
 */

type Json = Record<string, unknown>;

remoteSystemsUnderNock();

/** A request of a sample's requests.md, answered once; `log` records its sample file in the order asked. */
function expectSampleRequest(r: ExpectedRequest, token: string, answer: Answer, log: string[], query: Record<string, string> = r.query): void {
  expectRequest(r, { token, label: r.answeredBy, answer, log, query });
}

/** A policies folder: the adapter's sample registry entry with `settings` overridden, the test routes and rules. */
function writePolicies(root: string, adapter: string, id: string, settings: Json): string {
  const entries = (parse(readFileSync(path.join(REPO, `adapters/${adapter}/sample-institutions.yaml`), 'utf8')) as Json[]).map((entry) =>
    entry.id === id ? { ...entry, settings: { ...(entry.settings as Json), ...settings } } : entry,
  );
  const policies = path.join(root, 'policies');
  mkdirSync(policies, { recursive: true });
  writeFileSync(path.join(policies, 'institutions.yaml'), stringify(entries));
  for (const file of ['routes.yaml', 'disclosure.yaml']) writeFileSync(path.join(policies, file), readFileSync(path.join(TEST_POLICIES, file)));
  return policies;
}

/** One database schema, Redis prefix and key folder for every gateway of a describe: each one after the first is the first restarted. */
async function sharedStore(name: string, root: string, policiesDir: string, env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(root, 'data-'));
  const schema = await freshSchema();
  const redis = freshRedisPrefix();
  const options: TestGatewayOptions = { name, policiesDir, dataDir, env: { ...env, PASSERELLE_DATABASE_SCHEMA: schema.schema, PASSERELLE_REDIS_PREFIX: redis.prefix } };
  return {
    options,
    prefix: redis.prefix,
    async drop() {
      await schema.drop();
      await redis.drop();
    },
  };
}

interface EventRow {
  event_id: string;
  type: string;
  local_case_id: string;
}

async function eventsOf(t: TestGateway, institutionId: string): Promise<EventRow[]> {
  return t.gateway.services.store.sql.query<EventRow>('select event_id, type, local_case_id from events where source_institution_id = $1 order by local_case_id, event_id', [institutionId]);
}

/** Per case of the institution: how many events, and how many `event.accepted` audit entries name them. */
async function tally(t: TestGateway, institutionId: string): Promise<Record<string, { events: number; accepted: number }>> {
  const rows = await t.gateway.services.store.sql.query<{ local_case_id: string; events: number; accepted: number }>(
    `select e.local_case_id, count(distinct e.event_id)::int as events, count(a.id)::int as accepted
       from events e left join audit_entries a on a.event_id = e.event_id and a.kind = 'event.accepted' and a.institution_id = e.source_institution_id
      where e.source_institution_id = $1
      group by e.local_case_id order by e.local_case_id`,
    [institutionId],
  );
  return Object.fromEntries(rows.map((r) => [r.local_case_id, { events: r.events, accepted: r.accepted }]));
}

/** `event.accepted` entries of the institution that name no stored event (none may exist). */
async function strayAudits(t: TestGateway, institutionId: string): Promise<number> {
  const [row] = await t.gateway.services.store.sql.query<{ n: number }>(
    `select count(*)::int as n from audit_entries a where a.kind = 'event.accepted' and a.institution_id = $1 and not exists (select 1 from events e where e.event_id = a.event_id)`,
    [institutionId],
  );
  return row!.n;
}

async function snapshotsOf(t: TestGateway, institutionId: string): Promise<string[]> {
  const rows = await t.gateway.services.store.sql.query<{ local_case_id: string }>('select local_case_id from snapshots where institution_id = $1 and not pending order by local_case_id', [institutionId]);
  return rows.map((r) => r.local_case_id);
}

async function savedCursor(t: TestGateway, institutionId: string): Promise<Json> {
  const cursor = await t.gateway.services.store.pollCursor(institutionId);
  expect(cursor).not.toBeNull();
  return JSON.parse(Buffer.from(cursor!, 'base64url').toString('utf8')) as Json;
}

/** The sample's cases, as its expected records name them, in sample order. */
function sampleCases(fixtures: string): { localCaseId: string; localPersonId: string }[] {
  return (JSON.parse(readFileSync(path.join(fixtures, 'edge.expected.json'), 'utf8')) as { source: { localCaseId: string; localPersonId: string } }[]).map((r) => ({
    localCaseId: r.source.localCaseId,
    localPersonId: r.source.localPersonId,
  }));
}

const once = (cases: readonly { localCaseId: string }[]) => Object.fromEntries(cases.map((c) => [c.localCaseId, { events: 1, accepted: 1 }]));

/** The personal values of a sample's persons (names, AHV and ZEMIS numbers, free text), as tests/support/personal-data.ts takes them for NFAM. */
function personalValues(fixtures: string): string[] {
  const values = new Set<string>();
  const add = (value: unknown, min: number): void => {
    if (typeof value === 'string' && value.length >= min) values.add(value);
  };
  for (const record of JSON.parse(readFileSync(path.join(fixtures, 'edge.expected.json'), 'utf8')) as Record<string, any>[]) {
    for (const key of ['officialName', 'firstName', 'vn', 'zemisId']) add(record.person[key], 4);
    for (const j of record.journal ?? []) add(j.text, 16);
    for (const a of record.potentialAssessments ?? []) for (const v of [a.resources, a.obstacles, a.goals, a.health?.restrictions]) add(v, 16);
    for (const m of record.integrationPlan?.measures ?? []) add(m.note, 16);
    for (const d of record.documents ?? []) add(d.title, 16);
  }
  return [...values];
}

async function expectNoPersonalData(fixtures: string, logFiles: readonly string[], prefix: string): Promise<void> {
  const values = personalValues(fixtures);
  expect(values.length).toBeGreaterThan(0);
  for (const file of logFiles) {
    const text = readFileSync(file, 'utf8');
    expect(text.length).toBeGreaterThan(0);
    expect(values.filter((v) => text.includes(v))).toEqual([]);
  }
  const redis = await dumpRedis(prefix);
  expect(values.filter((v) => redis.text.includes(v))).toEqual([]);
}

const unavailable = { status: 503, body: { error: { code: '0x80040216', message: 'service restarting' } }, headers: { 'retry-after': '1' } };

// ---------------------------------------------------------------------------------------
// Centralis: Dataverse change tracking

const CENTRALIS = path.join(REPO, 'adapters/centralis/fixtures');
const NE = 'ne-smig';
const NE_LOGIN = 'https://login.microsoftonline.com';
const NE_TOKEN_PATH = '/ne.example/oauth2/v2.0/token';
const NE_CLIENT_ID = '5b0c7e2a-1f3d-4c6e-9a8b-2d4f6a8c0e1f';
const NE_SECRET = 'cs-e2e-poll-restart';

const neBody = (file: string): string => readFileSync(path.join(CENTRALIS, file), 'utf8');
const neJson = (file: string): Json => JSON.parse(neBody(file)) as Json;

/**
 * edge.requests.md, in its order: the option set, page 1 and its six related queries, page 2
 * (its `@odata.nextLink`) and its six. The plans filter of page 1 is bracketed as the
 * transport sends it (the sample lists it unbracketed; see adapters/centralis/test-transport.ts).
 */
const NE_REQUESTS = parseRequests(bracketPlansFilter(neBody('edge.requests.md'))).requests;
const NE_PAGE2 = NE_REQUESTS.findIndex((r) => r.answeredBy === 'edge.page2.dossiers.json');

/** Entra ID: client credentials with the secret from the environment, for the Dataverse resource. */
function centralisToken(token: string): void {
  const form = (body: Record<string, string>): boolean =>
    body.grant_type === 'client_credentials' && body.client_id === NE_CLIENT_ID && body.client_secret === NE_SECRET && body.scope === 'https://centralis-crm.ne.example/.default';
  requiredScope(nock(NE_LOGIN).post(NE_TOKEN_PATH, form).reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: token }));
}

const neAnswer = (r: ExpectedRequest): Answer => ({ body: neBody(r.answeredBy), headers: { 'content-type': 'application/json; odata.metadata=minimal' } });

describe('Centralis: a restart in the middle of change tracking', () => {
  const cases = sampleCases(CENTRALIS);
  const dossiers = [...(neJson('edge.page1.dossiers.json').value as Json[]), ...(neJson('edge.page2.dossiers.json').value as Json[])];
  const nextLink = String(neJson('edge.page1.dossiers.json')['@odata.nextLink']);
  const deltaLink = String(neJson('edge.page2.dossiers.json')['@odata.deltaLink']);
  let root: string;
  let store: Awaited<ReturnType<typeof sharedStore>>;
  let resumed: TestGateway | undefined;
  const logFiles: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'passerelle-poll-restart-centralis-'));
    // The sample's registry entry as is (it sets pollIntervalSeconds), with pages of 2 as the sample pages.
    const policies = writePolicies(root, 'centralis', NE, { pageSize: 2, timeoutSeconds: 5 });
    store = await sharedStore('poll-restart-centralis', root, policies, { CENTRALIS_CLIENT_SECRET: NE_SECRET });
  }, 120_000);

  afterAll(async () => {
    await resumed?.close();
    await store?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('the sample is two pages of dossiers: two, then one, then the delta link', () => {
    expect(NE_REQUESTS).toHaveLength(15);
    expect(NE_PAGE2).toBe(8);
    expect(NE_REQUESTS[NE_PAGE2]!.url + '?').toBe(nextLink.slice(0, nextLink.indexOf('?') + 1));
    expect(dossiers.map((d) => d.smig_name)).toEqual(cases.map((c) => c.localCaseId));
  });

  it('the first run is cut after page 1: page 2 answers 503; page 1 gave its events and the cursor is its next link', async () => {
    const first = await startTestGateway(store.options);
    logFiles.push(first.logFile);
    try {
      const log: string[] = [];
      centralisToken('ne-token-run-1');
      for (const r of NE_REQUESTS.slice(0, NE_PAGE2)) expectSampleRequest(r, 'ne-token-run-1', neAnswer(r), log);
      expectSampleRequest(NE_REQUESTS[NE_PAGE2]!, 'ne-token-run-1', unavailable, log);

      await expect(pollOnce(first.gateway.services)).rejects.toMatchObject({ code: 'centralis.unavailable', retryable: true, details: { httpStatus: 503 } });
      // Each request of requests.md up to page 2, in its order, once.
      expect(log).toEqual(NE_REQUESTS.slice(0, NE_PAGE2 + 1).map((r) => r.answeredBy));
      expect(await tally(first, NE)).toEqual(once(cases.slice(0, 2)));
      expect((await eventsOf(first, NE)).map((e) => e.type)).toEqual(['case.updated', 'case.updated']);
      expect(await snapshotsOf(first, NE)).toEqual(cases.slice(0, 2).map((c) => c.localCaseId).sort());
      // Saved after page 1: the next link, as Centralis gave it.
      expect(await savedCursor(first, NE)).toEqual({ next: nextLink });
    } finally {
      await first.close();
    }
  }, 120_000);

  it('a new gateway on the same store resumes at page 2: each case of the sample has exactly one event, nothing lost', async () => {
    resumed = await startTestGateway(store.options);
    logFiles.push(resumed.logFile);
    const log: string[] = [];
    // A new connection: a token and the option set of its own, then page 2 and its related queries only.
    centralisToken('ne-token-run-2');
    for (const r of [NE_REQUESTS[0]!, ...NE_REQUESTS.slice(NE_PAGE2)]) expectSampleRequest(r, 'ne-token-run-2', neAnswer(r), log);

    const round = await pollOnce(resumed.gateway.services);
    expect(round).toEqual({ institutions: 1, refs: 1, rejected: 0, events: 1 });
    expect(log).toEqual([NE_REQUESTS[0]!, ...NE_REQUESTS.slice(NE_PAGE2)].map((r) => r.answeredBy));

    const events = await eventsOf(resumed, NE);
    expect(await tally(resumed, NE)).toEqual(once(cases));
    expect(await strayAudits(resumed, NE)).toBe(0);
    // The ids the adapter's recipe gives each dossier's first snapshot: the same as an uninterrupted poll's.
    const expectedIds = dossiers.map((d) => eventIdFor('centralis', `${String(d.smig_dossierid)}:${String(d['@odata.etag'])}`, 'case.updated'));
    expect(events.map((e) => e.event_id).sort()).toEqual([...expectedIds].sort());
    expect(events.every((e) => e.type === 'case.updated')).toBe(true);
    expect(await snapshotsOf(resumed, NE)).toEqual(cases.map((c) => c.localCaseId).sort());
    // Refs of both runs kept: later reads go by dossier id.
    for (const d of dossiers) expect(await resumed.gateway.services.store.caseRef('centralis', NE, String(d.smig_name))).toBe(d.smig_dossierid);
    // After the last page: the delta link, where the next poll starts.
    expect(await savedCursor(resumed, NE)).toEqual({ delta: deltaLink });
  }, 120_000);

  it('a further poll asks the delta link, which answers no change: no event', async () => {
    const t = resumed!;
    const before = await eventsOf(t, NE);
    const fresh = deltaLink.replace(/\$deltatoken=[^&]+/, '$deltatoken=919043%2108%2f03%2f2025%2007%3a36%3a12');
    expect(fresh).not.toBe(deltaLink);
    const url = new URL(deltaLink);
    const log: string[] = [];
    // Token and option set are the connection's still: only the delta link, as is, with the tracking preference.
    expectSampleRequest(
      { ...NE_REQUESTS[NE_PAGE2]!, url: `${url.origin}${url.pathname}`, query: Object.fromEntries(url.searchParams), answeredBy: 'delta: no change' },
      'ne-token-run-2',
      { body: { '@odata.context': `${String(neJson('edge.page2.dossiers.json')['@odata.context'])}/$delta`, value: [], '@odata.deltaLink': fresh } },
      log,
    );

    const round = await pollOnce(t.gateway.services);
    expect(round).toEqual({ institutions: 1, refs: 0, rejected: 0, events: 0 });
    expect(log).toEqual(['delta: no change']);
    expect(await eventsOf(t, NE)).toEqual(before);
    expect(await tally(t, NE)).toEqual(once(cases));
    expect(await savedCursor(t, NE)).toEqual({ delta: fresh });
  }, 120_000);

  it('no log line and no Redis key of either run holds a personal value of the sample', async () => {
    await resumed?.close();
    resumed = undefined;
    expect(logFiles).toHaveLength(2);
    await expectNoPersonalData(CENTRALIS, logFiles, store.prefix);
  });
});

// ---------------------------------------------------------------------------------------
// SharePoint-TI: lists polled on Modified, d.__next

const SHAREPOINT = path.join(REPO, 'adapters/sharepoint-ti/fixtures');
const TI = 'ti-crs';
const TI_LOGIN = 'https://login.microsoftonline.com';
const TI_TOKEN_PATH = '/crs-ti.example/oauth2/v2.0/token';
const TI_CLIENT_ID = '8d2f4b6a-3c5e-4f70-9a1b-2c3d4e5f6a7b';
const TI_THUMBPRINT = '3F2A9C0D1E8B7A6F5E4D3C2B1A0F9E8D7C6B5A49';
const EPOCH = '1970-01-01T00:00:00Z';
const CHILD_TITLES = ['Statuti', 'Valutazioni', 'Misure di integrazione', 'Diario', 'Documenti', 'Consensi'];
/** The site's clock when the first round began: its next round starts a minute before. */
const FIRST_ROUND_DATE = 'Wed, 12 Feb 2025 10:45:30 GMT';
const FIRST_ROUND_START = '2025-02-12T10:44:30Z';
const SECOND_ROUND_DATE = 'Wed, 12 Feb 2025 11:00:00 GMT';
const SECOND_ROUND_START = '2025-02-12T10:59:00Z';

/** A key made for this run only: no credential lives in the repository. */
const TI_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const TI_KEY_PEM = TI_KEY.export({ type: 'pkcs8', format: 'pem' }).toString();

const tiBody = (file: string): string => readFileSync(path.join(SHAREPOINT, file), 'utf8');
const tiJson = (file: string): { d: { results: Json[]; __next?: string } } => JSON.parse(tiBody(file)) as { d: { results: Json[]; __next?: string } };

/** edge.requests.md, in its order: page 1 of `Casi` and its six child lists, page 2 (its `d.__next`) and its six. */
const TI_REQUESTS = parseRequests(tiBody('edge.requests.md')).requests;
const TI_PAGE2 = TI_REQUESTS.findIndex((r) => r.answeredBy === 'edge.page2.casi.json');

/**
 * The gateway's first poll has no cursor: its window starts at the epoch (the sample's page
 * was asked from 2025-02-12). Page 1 answers as the sample, its `__next` carrying the window
 * it was asked for, as SharePoint echoes it.
 */
const tiFirstQuery = { ...TI_REQUESTS[0]!.query, $filter: `Modified ge datetime'${EPOCH}'` };
const tiPage1 = (): string => {
  const body = tiJson('edge.page1.casi.json');
  const next = body.d.__next!.replace('2025-02-12T00%3a00%3a00Z', '1970-01-01T00%3a00%3a00Z');
  expect(next).not.toBe(body.d.__next);
  return JSON.stringify({ d: { ...body.d, __next: next } });
};
const tiNextLink = (): string => (JSON.parse(tiPage1()) as { d: { __next: string } }).d.__next;
const tiPage2Request = (): ExpectedRequest => {
  const url = new URL(tiNextLink());
  return { ...TI_REQUESTS[TI_PAGE2]!, url: `${url.origin}${url.pathname}`, query: Object.fromEntries(url.searchParams) };
};

/**
 * Entra ID app-only: client credentials with a client assertion, RS256 by the certificate's
 * key, naming the certificate by `x5t`, for the site's resource. Checked, then answered once.
 */
function sharepointToken(token: string): void {
  expectEntraCertificateToken({ login: TI_LOGIN, tokenPath: TI_TOKEN_PATH, clientId: TI_CLIENT_ID, thumbprint: TI_THUMBPRINT, key: TI_KEY, scope: 'https://crs-ti.sharepoint.example/.default', token });
}

const tiAnswer = (r: ExpectedRequest): Answer => ({ body: tiBody(r.answeredBy) });

describe('SharePoint-TI: a restart in the middle of a poll on Modified', () => {
  const cases = sampleCases(SHAREPOINT);
  const items = [...tiJson('edge.page1.casi.json').d.results, ...tiJson('edge.page2.casi.json').d.results];
  let root: string;
  let store: Awaited<ReturnType<typeof sharedStore>>;
  let resumed: TestGateway | undefined;
  const logFiles: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'passerelle-poll-restart-sharepoint-'));
    // The sample's registry entry, polled (the README: the poller polls only institutions that set it), pages of 2 as the sample pages.
    const policies = writePolicies(root, 'sharepoint-ti', TI, { pageSize: 2, pollIntervalSeconds: 300, timeoutSeconds: 5 });
    store = await sharedStore('poll-restart-sharepoint-ti', root, policies, { SHAREPOINT_TI_CERTIFICATE: TI_KEY_PEM });
  }, 120_000);

  afterAll(async () => {
    await resumed?.close();
    await store?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('the sample is two pages of cases: two, then one', () => {
    expect(TI_REQUESTS).toHaveLength(14);
    expect(TI_PAGE2).toBe(7);
    expect(items.map((i) => String(i.Id))).toEqual(cases.map((c) => c.localPersonId));
    expect(tiJson('edge.page2.casi.json').d.__next).toBeUndefined();
  });

  it('the first run is cut after page 1: page 2 answers 503; page 1 gave its events and the cursor holds the next page', async () => {
    const first = await startTestGateway(store.options);
    logFiles.push(first.logFile);
    try {
      const log: string[] = [];
      sharepointToken('ti-token-run-1');
      // From nothing: no child list is polled, every case is read; the site's Date tells when the round began.
      expectSampleRequest(TI_REQUESTS[0]!, 'ti-token-run-1', { body: tiPage1(), headers: { date: FIRST_ROUND_DATE } }, log, tiFirstQuery);
      for (const r of TI_REQUESTS.slice(1, TI_PAGE2)) expectSampleRequest(r, 'ti-token-run-1', tiAnswer(r), log);
      expectSampleRequest(tiPage2Request(), 'ti-token-run-1', unavailable, log);

      await expect(pollOnce(first.gateway.services)).rejects.toMatchObject({ code: 'sharepoint-ti.unavailable', retryable: true, details: { httpStatus: 503 } });
      expect(log).toEqual(TI_REQUESTS.slice(0, TI_PAGE2 + 1).map((r) => r.answeredBy));
      expect(await tally(first, TI)).toEqual(once(cases.slice(0, 2)));
      expect((await eventsOf(first, TI)).map((e) => e.type)).toEqual(['case.updated', 'case.updated']);
      expect(await snapshotsOf(first, TI)).toEqual(cases.slice(0, 2).map((c) => c.localCaseId).sort());
      // Saved after page 1: the window, when the round began, and the page to fetch next as served.
      expect(await savedCursor(first, TI)).toEqual({ since: EPOCH, start: FIRST_ROUND_START, next: tiNextLink() });
    } finally {
      await first.close();
    }
  }, 120_000);

  it('a new gateway on the same store resumes at page 2: each case of the sample has exactly one event, nothing lost', async () => {
    resumed = await startTestGateway(store.options);
    logFiles.push(resumed.logFile);
    const log: string[] = [];
    // A new connection (its own token): page 2 by the saved __next, then its child lists; page 1 is not asked again.
    sharepointToken('ti-token-run-2');
    expectSampleRequest(tiPage2Request(), 'ti-token-run-2', tiAnswer(TI_REQUESTS[TI_PAGE2]!), log);
    for (const r of TI_REQUESTS.slice(TI_PAGE2 + 1)) expectSampleRequest(r, 'ti-token-run-2', tiAnswer(r), log);

    const round = await pollOnce(resumed.gateway.services);
    expect(round).toEqual({ institutions: 1, refs: 0, rejected: 0, events: 1 });
    expect(log).toEqual(TI_REQUESTS.slice(TI_PAGE2).map((r) => r.answeredBy));

    const events = await eventsOf(resumed, TI);
    expect(await tally(resumed, TI)).toEqual(once(cases));
    expect(await strayAudits(resumed, TI)).toBe(0);
    const expectedIds = items.map((i) => eventIdFor('sharepoint-ti', `${String(i.Id)}:${String((i.__metadata as Json).etag)}`, 'case.updated'));
    expect(events.map((e) => e.event_id).sort()).toEqual([...expectedIds].sort());
    expect(events.every((e) => e.type === 'case.updated')).toBe(true);
    expect(await snapshotsOf(resumed, TI)).toEqual(cases.map((c) => c.localCaseId).sort());
    // The round is over: the next starts a minute before the site's clock at its start; 777 changed after that, so it is remembered by its etag.
    expect(await savedCursor(resumed, TI)).toEqual({ since: FIRST_ROUND_START, seen: [[777, '"3"', '2025-02-12T10:44:59Z']] });
  }, 120_000);

  it('a further round: the child lists and the Modified filter answer nothing new (777 again, same etag): no event', async () => {
    const t = resumed!;
    const before = await eventsOf(t, TI);
    const log: string[] = [];
    const casi = TI_REQUESTS[0]!;
    // The round starts with the six child lists on Modified (a child change leaves Casi.Modified as it was): none changed.
    for (const [i, title] of CHILD_TITLES.entries()) {
      const r = TI_REQUESTS.find((x) => new URL(x.url).pathname.endsWith(`GetByTitle('${encodeURIComponent(title)}')/items`))!;
      expect(r).toBeDefined();
      expectSampleRequest(
        { ...r, query: {}, answeredBy: `child poll ${title}` },
        'ti-token-run-2',
        { body: { d: { results: [] } }, ...(i === 0 ? { headers: { date: SECOND_ROUND_DATE } } : {}) },
        log,
        { $select: 'CasoId', $filter: `Modified ge datetime'${FIRST_ROUND_START}'`, $orderby: 'Id', $top: '500' },
      );
    }
    // Casi from the round's start (inclusive): the site serves 777 again, unchanged.
    expectSampleRequest({ ...casi, answeredBy: 'casi: 777 again' }, 'ti-token-run-2', { body: tiBody('edge.page2.casi.json') }, log, { ...casi.query, $filter: `Modified ge datetime'${FIRST_ROUND_START}'` });

    const round = await pollOnce(t.gateway.services);
    expect(round).toEqual({ institutions: 1, refs: 0, rejected: 0, events: 0 });
    // Nothing fresh on the page: no child query of 777 either.
    expect(log).toEqual([...CHILD_TITLES.map((title) => `child poll ${title}`), 'casi: 777 again']);
    expect(await eventsOf(t, TI)).toEqual(before);
    expect(await tally(t, TI)).toEqual(once(cases));
    expect(await savedCursor(t, TI)).toEqual({ since: SECOND_ROUND_START });
  }, 120_000);

  it('no log line and no Redis key of either run holds a personal value of the sample', async () => {
    await resumed?.close();
    resumed = undefined;
    expect(logFiles).toHaveLength(2);
    await expectNoPersonalData(SHAREPOINT, logFiles, store.prefix);
  });
});
