import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { adapter as sedex } from '../../adapters/sedex/index.js';
import { messageIdFor } from '../../adapters/sedex/ids.js';
import { messageOf } from '../../adapters/sedex/message.js';
import { validateXml } from '../../adapters/sedex/xsd.js';
import { eventIdFor } from '../../src/adapters/sdk.js';
import { parseRequests, type ExpectedRequest } from '../../src/adapters/testing.js';
import { disclosuresOf } from '../../src/audit/queries.js';
import type { CaseRecord } from '../../src/contract/types.js';
import { categoriesPresent } from '../../src/policy/engine.js';
import type { TransferRecord } from '../../src/store/index.js';
import { watchFilesOnce } from '../../src/transfers/file-watch.js';
import { pollOnce } from '../../src/transfers/poller.js';
import { eventually, REPO, startTestGateway, type TestGateway } from '../support/gateway.js';
import { expectEntraCertificateToken, expectRequest, remoteSystemsUnderNock } from '../support/requests.js';
import { dumpRedis } from '../support/services.js';

/**
 * A person on Ticino's SharePoint site moves to a commune of Graubünden, and the case leaves
 * for Graubünden's gateway as a sedex message. One gateway with real PostgreSQL and Redis, on
 * the topology of tests/fixtures/sharepoint-sedex; the site and Entra ID under nock, answering
 * with the adapter's `rich` sample (case 418, everything: assessments, plan, journal,
 * documents, consents); the sedex client's folders on a local transport.
 * - The poller's first round reads the site from nothing: a snapshot and a `case.updated`,
 *   which no route takes: no transfer.
 * - The second round serves 418 again: its `Comune di domicilio` is now Roveredo (GR) and its
 *   `Ente competente` Graubünden's social office. The snapshots differ by the responsible
 *   institution, so the change is `case.institution-changed` (FORMAT.md "Poll": `Fase`,
 *   status, `Ente_x0020_competenteId`, else `case.updated`), which the route sends to the
 *   sedex institution. The worker reads the case again, decides, and writes the message to
 *   the sedex client's outbox: `data_<id>.xml`, then `envl_<id>.xml`, both valid against the
 *   XSDs, holding exactly the categories the decision disclosed, from and to the participants
 *   the sedex institution's settings name. The transfer waits in `awaiting-receipt`.
 * - The client's eCH-0090 v2 receipt 100 in its receipts folder closes it as delivered.
 * No log line and no Redis key holds the person's names, AHV or ZEMIS number or free text.
 */

type Json = Record<string, any>;

const FIXTURES = path.join(REPO, 'tests/fixtures/sharepoint-sedex');
const SAMPLES = path.join(REPO, 'adapters/sharepoint-ti/fixtures');
const TI = 'ti-crs';
const GR = 'gr-sozialamt';
const LOGIN = 'https://login.microsoftonline.com';
const TOKEN_PATH = '/crs-ti.example/oauth2/v2.0/token';
const CLIENT_ID = '8d2f4b6a-3c5e-4f70-9a1b-2c3d4e5f6a7b';
const THUMBPRINT = '3F2A9C0D1E8B7A6F5E4D3C2B1A0F9E8D7C6B5A49';
const TOKEN = 'ti-token-sharepoint-sedex';
const EPOCH = '1970-01-01T00:00:00Z';
const CHILD_TITLES = ['Statuti', 'Valutazioni', 'Misure di integrazione', 'Diario', 'Documenti', 'Consensi'];
/** The site's clock when each round began: the next round starts a minute before. */
const FIRST_ROUND_DATE = 'Wed, 12 Feb 2025 10:45:30 GMT';
const FIRST_ROUND_START = '2025-02-12T10:44:30Z';
const SECOND_ROUND_DATE = 'Wed, 12 Feb 2025 11:00:00 GMT';
const SECOND_ROUND_START = '2025-02-12T10:59:00Z';
/** Roveredo, in Graubünden's Moesa district: the commune the person moves to. */
const ROVEREDO = { bfsNumber: 3834, name: 'Roveredo' };

/** A key made for this run only: no credential lives in the repository. */
const KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const KEY_PEM = KEY.export({ type: 'pkcs8', format: 'pem' }).toString();

const sample = (file: string): string => readFileSync(path.join(SAMPLES, file), 'utf8');
/** rich.requests.md: the case read `items(418)`, then its six child lists on `CasoId eq 418`, which a poll page of 418 asks alike. */
const RICH = parseRequests(sample('rich.requests.md')).requests;
const READ = RICH[0]!;
const CHILDREN = RICH.slice(1);
/** edge.requests.md's first request: the poll of `Casi` (its URL and headers; the query is this test's). */
const CASI_POLL = parseRequests(sample('edge.requests.md')).requests[0]!;

/** The `Casi` item of the sample as the site serves it in the first round: in Bellinzona, SOS Ticino responsible. */
const before = (JSON.parse(sample('rich.caso.json')) as { d: Json }).d;
/**
 * The same item after the move, as the site serves it in the second round: a new etag and
 * `Modified`, the commune of Graubünden, and Graubünden's social office (`Enti` 12)
 * responsible since 12 February 2025 (a Zurich midnight, as date columns are).
 */
const after: Json = {
  ...before,
  __metadata: { ...before.__metadata, etag: '"42"' },
  Modified: '2025-02-12T10:52:07Z',
  Comune_x0020_di_x0020_domicilio: `${ROVEREDO.name} (${ROVEREDO.bfsNumber})`,
  Ente_x0020_competenteId: 12,
  Competente_x0020_dal: '2025-02-11T23:00:00Z',
};

/** The sample person's personal values, as tests/support/personal-data.ts takes them, and the AHV number as the site writes it. */
function personalValues(): string[] {
  const values = new Set<string>();
  const add = (value: unknown, min: number): void => {
    if (typeof value === 'string' && value.length >= min) values.add(value);
  };
  for (const record of JSON.parse(sample('rich.expected.json')) as Json[]) {
    for (const key of ['officialName', 'firstName', 'vn', 'zemisId']) add(record.person[key], 4);
    for (const j of record.journal ?? []) add(j.text, 16);
    for (const a of record.potentialAssessments ?? []) for (const v of [a.resources, a.obstacles, a.goals, a.health?.restrictions]) add(v, 16);
    for (const m of record.integrationPlan?.measures ?? []) add(m.note, 16);
    for (const d of record.documents ?? []) add(d.title, 16);
  }
  add(before.N_x002e__x0020_AVS, 4);
  return [...values];
}

// ---------------------------------------------------------------------------------------
// nock: every request answered once, each scope consumed by the test that set it

remoteSystemsUnderNock();

/** One request under nock, with its exact query, its headers and the token; answered once. `log` records `label` in the order the gateway asks. */
function expectSiteRequest(r: ExpectedRequest, label: string, body: string | Json, log: string[], options: { query?: Record<string, string>; date?: string } = {}): void {
  const headers = { 'content-type': 'application/json;odata=verbose;charset=utf-8', ...(options.date ? { date: options.date } : {}) };
  expectRequest(r, { token: TOKEN, label, answer: { body, headers }, log, ...(options.query ? { query: options.query } : {}) });
}

/** The six child lists of 418, as rich.requests.md asks them, answered by the sample. */
function expectChildren(log: string[], label: string): void {
  for (const r of CHILDREN) expectSiteRequest(r, `${label} ${r.answeredBy}`, sample(r.answeredBy), log);
}

/** Entra ID app-only: client credentials with a client assertion, RS256 by the certificate's key, naming it by `x5t`. Checked, then answered once. */
function expectToken(): void {
  expectEntraCertificateToken({ login: LOGIN, tokenPath: TOKEN_PATH, clientId: CLIENT_ID, thumbprint: THUMBPRINT, key: KEY, scope: 'https://crs-ti.sharepoint.example/.default', token: TOKEN });
}

/** A poll of `Casi` on `Modified` from `since`, a page of 100 (the registry's `pageSize`). */
const casiQuery = (since: string): Record<string, string> => ({ $filter: `Modified ge datetime'${since}'`, $orderby: 'Id', $top: '100' });

// ---------------------------------------------------------------------------------------
// The gateway

/** The fixture topology as a policies folder, the sedex client's folders under `root`. */
function policiesOf(root: string, into: string): { dir: string; institutions: Json[] } {
  const dir = path.join(into, 'policies');
  mkdirSync(dir, { recursive: true });
  const institutions = (parse(readFileSync(path.join(FIXTURES, 'institutions.yaml'), 'utf8')) as Json[]).map((entry) =>
    entry.settings.transport ? { ...entry, settings: { ...entry.settings, transport: { kind: 'local', root } } } : entry,
  );
  writeFileSync(path.join(dir, 'institutions.yaml'), stringify(institutions));
  for (const file of ['routes.yaml', 'disclosure.yaml']) copyFileSync(path.join(FIXTURES, file), path.join(dir, file));
  return { dir, institutions };
}

interface EventRow {
  event_id: string;
  type: string;
  local_case_id: string;
  local_person_id: string;
  change: Json | null;
  outcome: Json;
}

const steps = async (t: TestGateway, id: string): Promise<string[]> =>
  (await t.gateway.services.store.auditOfTransfer(id)).filter((e) => e.kind === 'transfer.state').map((e) => String((e.data as { step?: string }).step ?? (e.data as { to?: string }).to));

describe("a person on Ticino's SharePoint site moves to Graubünden: the case leaves as a sedex message", () => {
  let root: string;
  let t: TestGateway;
  let sedexSettings: Json;
  let transfer: TransferRecord;
  let closed = false;
  const dir = (p: string) => path.join(root, 'sedex-client', p);

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'passerelle-sharepoint-sedex-'));
    for (const folder of ['inbox', 'processed', 'outbox', 'receipts']) mkdirSync(dir(`sedex/${folder}`), { recursive: true });
    const policies = policiesOf(path.join(root, 'sedex-client'), root);
    sedexSettings = policies.institutions.find((i) => i.id === GR)!.settings as Json;
    t = await startTestGateway({ name: 'sharepoint-sedex', policiesDir: policies.dir, env: { SHAREPOINT_TI_CERTIFICATE: KEY_PEM } });
  }, 120_000);

  afterAll(async () => {
    if (!closed) await t?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const store = () => t.gateway.services.store;
  const eventsOf = async (): Promise<EventRow[]> =>
    store().sql.query<EventRow>('select event_id, type, local_case_id, local_person_id, change, outcome from events where source_institution_id = $1 order by occurred_at, type', [TI]);
  const savedCursor = async (): Promise<Json> => {
    const cursor = await store().pollCursor(TI);
    expect(cursor).not.toBeNull();
    return JSON.parse(Buffer.from(cursor!, 'base64url').toString('utf8')) as Json;
  };

  it('the topology: the site names Graubünden\'s office by Enti 12, and the sedex institution the participants of both cantons', () => {
    const ti = parse(readFileSync(path.join(FIXTURES, 'institutions.yaml'), 'utf8')) as Json[];
    expect(ti.map((i) => [i.id, i.system, i.canton, i.type])).toEqual([
      [TI, 'sharepoint-ti', 'TI', 'asylum-organisation'],
      [GR, 'sedex', 'GR', 'social-service'],
    ]);
    expect(ti[0]!.settings.organisations['12']).toBe(GR);
    expect(sedexSettings.participants).toEqual({ '2-TI-7': { [TI]: 'TI' }, '2-GR-5': { [GR]: 'GR' } });
    // The sample case lives in a Ticino commune, SOS Ticino (Enti 2) responsible.
    expect([before.Id, before.Comune_x0020_di_x0020_domicilio, before.Ente_x0020_competenteId, before.__metadata.etag]).toEqual([418, 'Bellinzona (5002)', 2, '"41"']);
  });

  it("the poller's first round reads the site from nothing: one snapshot and one case.updated, which no route takes", async () => {
    const log: string[] = [];
    expectToken();
    // From nothing: no child list is polled, every case is read; the site's Date tells when the round began.
    expectSiteRequest(CASI_POLL, 'casi from the epoch', { d: { results: [before] } }, log, { query: casiQuery(EPOCH), date: FIRST_ROUND_DATE });
    expectChildren(log, 'page:');

    // The workers start the poller, whose first round runs at once (the next one is a day away).
    await t.gateway.startWorkers();
    const ended = await eventually(async () => /first poll round done|polling a source failed/.exec(readFileSync(t.logFile, 'utf8'))?.[0], 60_000, 'the first poll round to end');
    expect(ended).toBe('first poll round done');
    expect(log).toEqual(['casi from the epoch', ...CHILDREN.map((r) => `page: ${r.answeredBy}`)]);

    const events = await eventsOf();
    expect(events).toEqual([
      { event_id: eventIdFor('sharepoint-ti', '418:"41"', 'case.updated'), type: 'case.updated', local_case_id: 'TI-CRS-2022-0418', local_person_id: '418', change: null, outcome: { rules: [], routed: 0 } },
    ]);
    expect(await store().sources.snapshot(TI, '418')).toMatchObject({ localCaseId: 'TI-CRS-2022-0418', version: '418:"41"', pending: false });
    expect(await store().listTransfers({ limit: 50 })).toEqual([]);
    // The round is over: the next one starts a minute before the site's clock at its start.
    expect(await savedCursor()).toEqual({ since: FIRST_ROUND_START });
  }, 120_000);

  it('the second round shows the move to Roveredo (GR): one case.institution-changed, routed to the sedex institution, read again, decided and written to the outbox', async () => {
    const log: string[] = [];
    // The round starts with the six child lists on Modified: none changed.
    for (const [i, title] of CHILD_TITLES.entries()) {
      const r = CHILDREN.find((x) => new URL(x.url).pathname.endsWith(`GetByTitle('${encodeURIComponent(title)}')/items`))!;
      expect(r).toBeDefined();
      expectSiteRequest({ ...r, query: {} }, `child poll ${title}`, { d: { results: [] } }, log, {
        query: { $select: 'CasoId', $filter: `Modified ge datetime'${FIRST_ROUND_START}'`, $orderby: 'Id', $top: '500' },
        ...(i === 0 ? { date: SECOND_ROUND_DATE } : {}),
      });
    }
    // Casi from the first round's start: 418, moved; then its child lists.
    expectSiteRequest(CASI_POLL, 'casi: 418 moved', { d: { results: [after] } }, log, { query: casiQuery(FIRST_ROUND_START) });
    expectChildren(log, 'page:');
    // The worker's extraction: the case read by its Id, then its child lists.
    expectSiteRequest(READ, 'read 418', { d: after }, log);
    expectChildren(log, 'read:');

    const round = await pollOnce(t.gateway.services);
    expect(round).toEqual({ institutions: 1, refs: 0, rejected: 0, events: 1 });

    // The snapshots differ by the responsible institution (and the commune): one event, the institution's change.
    const moved = (await eventsOf()).filter((e) => e.type !== 'case.updated');
    expect(moved).toEqual([
      {
        event_id: eventIdFor('sharepoint-ti', '418:"42"', 'case.institution-changed'),
        type: 'case.institution-changed',
        local_case_id: 'TI-CRS-2022-0418',
        local_person_id: '418',
        change: { from: 'ti-sos-ticino', to: GR, effectiveDate: '2025-02-12' },
        outcome: { rules: ['moved-to-graubuenden'], routed: 1 },
      },
    ]);
    expect((await eventsOf()).map((e) => e.type)).toEqual(['case.updated', 'case.institution-changed']);
    expect(await store().sources.snapshot(TI, '418')).toMatchObject({ version: '418:"42"', pending: false });
    expect(await savedCursor()).toEqual({ since: SECOND_ROUND_START });

    transfer = await eventually(async () => {
      const [x] = await store().listTransfers({ limit: 50, target: GR });
      return x?.state === 'awaiting-receipt' ? x : undefined;
    }, 60_000, 'the transfer to be written to the sedex outbox');
    expect(await store().listTransfers({ limit: 50 })).toHaveLength(1);
    // Waiting for the sedex client's receipt, within the adapter's window.
    expect(transfer.receiptDueAt).not.toBeNull();
    expect(log).toEqual([
      ...CHILD_TITLES.map((title) => `child poll ${title}`),
      'casi: 418 moved',
      ...CHILDREN.map((r) => `page: ${r.answeredBy}`),
      'read 418',
      ...CHILDREN.map((r) => `read: ${r.answeredBy}`),
    ]);
    expect(transfer).toMatchObject({
      sourceInstitutionId: TI,
      sourceSystem: 'sharepoint-ti',
      targetInstitutionId: GR,
      targetSystem: 'sedex',
      ruleId: 'moved-to-graubuenden',
      purpose: 'case-transfer',
      localCaseId: 'TI-CRS-2022-0418',
      localPersonId: '418',
      attempts: 1,
    });
    expect(await steps(t, transfer.id)).toEqual(['accepted', 'attempt', 'decided', 'written']);

    // The decision, by the fixture's rules: the consent 58 (general: social services, case
    // transfer) lets social assistance go; the only consent naming health is for the AI office
    // and benefit assessment; none names the journal; documents are denied over sedex.
    const decision = transfer.decision!;
    expect(decision).toMatchObject({ recipient: GR, purpose: 'case-transfer', rejected: false, obligations: [] });
    expect(decision.disclosed.map((d) => d.category)).toEqual(['identity', 'residence', 'responsibility', 'language', 'education-work', 'social-assistance', 'plan', 'assessment-notes', 'consent']);
    expect(decision.disclosed.every((d) => d.rule === 'canton-takes-over-after-move' && d.legalBasis === 'LStrI art. 97; LAsi art. 27 (cambiamento di cantone)')).toBe(true);
    expect(decision.withheld).toEqual([
      { category: 'health', reason: 'consent-out-of-scope' },
      { category: 'journal', reason: 'consent-missing' },
      { category: 'documents', reason: 'denied', rule: 'no-documents-over-sedex' },
    ]);

    // The sedex client's outbox: exactly the message of the transfer, data file and envelope.
    const id = messageIdFor(transfer.id);
    expect(readdirSync(dir('sedex/outbox')).sort()).toEqual([`data_${id}.xml`, `envl_${id}.xml`]);
    expect(transfer.receipt).toMatchObject({ status: 'written', reference: `data_${id}.xml, envl_${id}.xml` });
    const data = readFileSync(dir(`sedex/outbox/data_${id}.xml`));
    const envelope = readFileSync(dir(`sedex/outbox/envl_${id}.xml`));
    expect(await validateXml(new Uint8Array(data), 'case-transfer')).toEqual({ valid: true });
    expect(await validateXml(new Uint8Array(envelope), 'envelope-v1')).toEqual({ valid: true });

    // Sender and recipient as the sedex institution's participants name them: Ticino's for ti-crs, Graubünden's for the target.
    const sender = Object.entries(sedexSettings.participants as Record<string, Json>).find(([, of]) => TI in of)![0];
    const recipient = Object.entries(sedexSettings.participants as Record<string, Json>).find(([, of]) => GR in of)![0];
    expect([sender, recipient]).toEqual(['2-TI-7', '2-GR-5']);
    const message = messageOf([{ name: `envl_${id}.xml`, content: envelope }, { name: `data_${id}.xml`, content: data }]);
    expect(message.envelope).toMatchObject({ messageId: id, messageType: 2945, messageClass: 0, senderId: sender, recipientIds: [recipient] });
    expect(message.header).toMatchObject({
      senderId: sender,
      recipientIds: [recipient],
      messageId: id,
      messageType: '2945',
      action: 'new',
      businessProcessId: transfer.id,
      ourBusinessReferenceId: 'TI-CRS-2022-0418',
      responseExpected: true,
      testDelivery: false,
    });
    expect(message.cases).toEqual([expect.objectContaining({ localCaseId: 'TI-CRS-2022-0418' })]);

    // Read as Graubünden's gateway would read it: one case, holding exactly the disclosed categories.
    const ctx = t.gateway.services.connections.mapContext(t.gateway.services.bundle.institution(GR)!);
    const mapped = sedex.mapper.toContract([{ name: `envl_${id}.xml`, content: envelope }, { name: `data_${id}.xml`, content: data }], ctx);
    expect(mapped.rejections).toEqual([]);
    expect(mapped.records).toHaveLength(1);
    const received = mapped.records[0]! as CaseRecord;
    expect(categoriesPresent(received, t.gateway.services.bundle.categoryMap)).toEqual({ categories: decision.disclosed.map((d) => d.category), unknownPaths: [] });
    expect(received.source).toMatchObject({ system: 'sedex', institutionId: TI, canton: 'TI', localCaseId: 'TI-CRS-2022-0418', localPersonId: 'CT.TI:418' });
    // The move itself: the commune of Graubünden, its office responsible.
    expect(received.person.municipality).toEqual(ROVEREDO);
    expect(received.responsibility).toMatchObject({ institutionId: GR, since: '2025-02-12', phase: 'cantonal' });
    expect(received.socialAssistance).toEqual({ receives: true, since: '2022-02-14' });
    // Withheld: no journal, no documents, no health in the assessments.
    expect(received.journal).toBeUndefined();
    expect(received.documents).toBeUndefined();
    expect(received.potentialAssessments?.map((a) => a.health)).toEqual([undefined, undefined]);
    const text = data.toString('utf8');
    // (The plan's measures and the consents keep their references to documents: ids, in their own categories.)
    for (const tag of ['ct:journal', 'ct:document', 'ct:health']) expect(text).not.toMatch(new RegExp(`<${tag}[\\s>]`));
    const rich = (JSON.parse(sample('rich.expected.json')) as Json[])[0]!;
    for (const entry of rich.journal as Json[]) expect(text).not.toContain(entry.text as string);
    for (const doc of rich.documents as Json[]) expect(text).not.toContain(doc.sha256 as string);
  }, 120_000);

  it("the sedex client's receipt 100 in its receipts folder closes the transfer as delivered", async () => {
    const id = messageIdFor(transfer.id);
    // eCH-0090 v2, as the sedex client writes it for a message it delivered.
    const receipt = `<?xml version="1.0" encoding="UTF-8"?>
<receipt xmlns="http://www.ech.ch/xmlns/eCH-0090/2" version="2.0">
  <eventDate>2025-02-12T12:03:41.250+01:00</eventDate>
  <statusCode>100</statusCode>
  <statusInfo>Message correct transmitted</statusInfo>
  <messageId>${id}</messageId>
  <messageType>2945</messageType>
  <messageClass>0</messageClass>
  <senderId>2-TI-7</senderId>
  <recipientId>2-GR-5</recipientId>
</receipt>
`;
    expect(await validateXml(new TextEncoder().encode(receipt), 'receipt-v2')).toEqual({ valid: true });
    writeFileSync(dir(`sedex/receipts/receipt_${id}.xml`), receipt);

    // One round over the folders, as the gateway's watch runs it.
    await watchFilesOnce(t.gateway.services);
    const closed = await eventually(async () => {
      const x = await store().getTransfer(transfer.id);
      return x?.state === 'delivered' ? x : undefined;
    }, 30_000, 'the receipt to close the transfer');
    expect(closed.receipt).toMatchObject({ status: '100', details: { meaning: 'delivered', messageId: id, recipientId: '2-GR-5', statusInfo: 'Message correct transmitted' } });
    expect(closed.receiptDueAt).toBeNull();
    expect(await steps(t, transfer.id)).toEqual(['accepted', 'attempt', 'decided', 'written', 'receipt-accepted']);
    // The receipt is archived; the message stays in the outbox for the client.
    expect(readdirSync(dir('sedex/receipts')).filter((f) => f.endsWith('.xml'))).toEqual([]);
    expect(existsSync(dir(`sedex/receipts/processed/receipt_${id}.xml`))).toBe(true);
    expect(readdirSync(dir('sedex/outbox')).sort()).toEqual([`data_${id}.xml`, `envl_${id}.xml`]);
    // One disclosure for the data protection officer.
    expect((await disclosuresOf(store().sql, { transferId: transfer.id })).length).toBe(1);
  }, 120_000);

  it("no log line and no Redis key names the person: names, AHV and ZEMIS numbers, free text", async () => {
    const values = personalValues();
    expect(values).toEqual(expect.arrayContaining(['Sultani', 'Mustafa', '7562401977389', '756.2401.9773.89', '25006172']));
    const redis = await dumpRedis(t.config.redisPrefix);
    expect(redis.keys).toBeGreaterThan(0);
    expect(values.filter((v) => redis.text.includes(v))).toEqual([]);
    // Closed first, so that every line is in the file.
    await t.close();
    closed = true;
    const text = readFileSync(t.logFile, 'utf8');
    expect(text).toContain('first poll round done');
    expect(text).toContain('transfer finished');
    expect(values.filter((v) => text.includes(v))).toEqual([]);
  });
});
