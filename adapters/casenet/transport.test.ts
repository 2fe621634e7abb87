import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, ChangePage, ConnectionSettings, DeliveryRequest } from '../../src/adapters/sdk.js';
import { readExpected, UpstreamError } from '../../src/adapters/sdk.js';
import { checkSettings } from '../../src/adapters/settings/check.js';
import { asForeign, mockedNetwork, deliveryRequest } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { FIXTURES, fixture, type Body } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { connect, pollCursorSince } from './transport.js';

const ORIGIN = 'https://casenet.fr.example';
const API = '/api/v3';
const raw = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
const SAMPLES = { minimal: 'CII-2024-0031', rich: 'CII-2022-0153', edge: 'CII-2023-0207' } as const;
type Sample = keyof typeof SAMPLES;

const settings = (extra: Record<string, unknown> = {}, env: Record<string, string> = { CASENET_CLIENT_SECRET: 's3cret' }): ConnectionSettings => ({
  ...SAMPLE_CONTEXT,
  now: () => new Date('2025-03-03T08:15:23Z'),
  env,
  settings: { ...SAMPLE_CONTEXT.settings, ...extra },
});

/** The token endpoint: client credentials as HTTP Basic, as the SDK's client sends them. */
const token = (times = 1): nock.Scope =>
  nock(ORIGIN).post('/oauth2/token', 'grant_type=client_credentials').basicAuth({ user: 'passerelle', pass: 's3cret' }).times(times).reply(200, { access_token: 'tok', token_type: 'Bearer', expires_in: 900 });

/** CaseNet's API as the gateway must address it: the bearer token on every call. */
const api = (): nock.Scope => nock(ORIGIN).matchHeader('authorization', 'Bearer tok').matchHeader('accept', 'application/json');

/** The three reads of one sample's dossier, answered by its bodies. */
function serve(scope: nock.Scope, name: Sample): nock.Scope {
  const no = SAMPLES[name];
  return scope
    .get(`${API}/dossiers/${no}`)
    .reply(200, raw(`${name}.dossier.json`))
    .get(`${API}/dossiers/${no}/journal`)
    .query({ page: '1', taille: '20' })
    .reply(200, raw(`${name}.journal.page1.json`))
    .get(`${API}/dossiers/${no}/documents`)
    .reply(200, raw(`${name}.documents.json`));
}

/** A page of the change list, in CaseNet's paging. */
const changes = (page: number, totalPages: number, elements: { noDossier: string; modifieLe: string }[]): Body => ({ page, taille: 20, totalElements: elements.length, totalPages, elements });
const CHANGED = {
  minimal: { noDossier: SAMPLES.minimal, modifieLe: '2024-01-15T10:02:44+01:00' },
  edge: { noDossier: SAMPLES.edge, modifieLe: '2024-02-02T11:41:09+01:00' },
  rich: { noDossier: SAMPLES.rich, modifieLe: '2024-03-14T09:15:00+01:00' },
};
const SINCE = '2024-01-01T00:00:00+01:00';

const withoutExtractedAt = (records: readonly CaseRecord[]): unknown[] => records.map(({ source: { extractedAt: _e, ...source }, ...rest }) => ({ ...rest, source }));
const cursorOf = (page: ChangePage): Body => JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString('utf8')) as Body;
const failure = async (promise: Promise<unknown>): Promise<UpstreamError> => (await promise.then(() => undefined, (e: unknown) => e)) as UpstreamError;

/** The rich sample's record as another system's (DuFF), to be handed to CaseNet. */
function foreignRecord(edit?: (r: CaseRecord) => void): CaseRecord {
  const [record] = readExpected(FIXTURES, 'rich') as unknown as CaseRecord[];
  return asForeign({ ...record!, source: { ...record!.source, extractedAt: '2025-03-03T09:15:22+01:00' } }, 'duff', edit);
}

const delivery = (record: CaseRecord = foreignRecord()): DeliveryRequest =>
  deliveryRequest(record, { transferId: '0b8f1f8e-1111-4a4a-9a9a-000000000003', sender: 'ag-sd-baden', target: 'fr-cii-coordination' });

describe('CaseNet transport', () => {
  mockedNetwork();

  describe('read', () => {
    it.each(Object.keys(SAMPLES) as Sample[])('of sample %s: the dossier, its journal and documents give the expected record', async (name) => {
      const auth = token();
      const scope = serve(api(), name);
      const { record, nativeId } = await connect(settings()).read({ localCaseId: SAMPLES[name], localPersonId: 'ignored' });
      auth.done();
      scope.done();
      expect(nativeId).toBe(SAMPLES[name]);
      expect(withoutExtractedAt([record])).toEqual(readExpected(FIXTURES, name));
      expect(record.source.extractedAt).toBe('2025-03-03T09:15:23+01:00');
    });

    it('follows the journal page by page up to totalPages, with the token asked once', async () => {
      const journal = fixture('rich.journal.page1.json');
      const elements = journal.elements as Body[];
      const auth = token();
      const scope = api()
        .get(`${API}/dossiers/CII-2022-0153`)
        .reply(200, raw('rich.dossier.json'))
        .get(`${API}/dossiers/CII-2022-0153/journal`)
        .query({ page: '1', taille: '3' })
        .reply(200, { ...journal, taille: 3, totalPages: 2, elements: elements.slice(0, 3) })
        .get(`${API}/dossiers/CII-2022-0153/journal`)
        .query({ page: '2', taille: '3' })
        .reply(200, { ...journal, page: 2, taille: 3, totalPages: 2, elements: elements.slice(3) })
        .get(`${API}/dossiers/CII-2022-0153/documents`)
        .reply(200, raw('rich.documents.json'));
      const { record } = await connect(settings({ pageSize: 3 })).read({ localCaseId: 'CII-2022-0153', localPersonId: 'BEN-008812' });
      auth.done();
      scope.done();
      const [expected] = readExpected(FIXTURES, 'rich') as unknown as CaseRecord[];
      expect(record.journal).toEqual(expected!.journal);
    });

    it('throws the rejection of a dossier that breaks the contract, naming noDossier and the field, not the value', async () => {
      token();
      const dossier = fixture('rich.dossier.json');
      const scope = api()
        .get(`${API}/dossiers/CII-2022-0153`)
        .reply(200, { ...dossier, beneficiaire: { ...(dossier.beneficiaire as Body), sexe: 'Z' } })
        .get(`${API}/dossiers/CII-2022-0153/journal`)
        .query(true)
        .reply(200, raw('rich.journal.page1.json'))
        .get(`${API}/dossiers/CII-2022-0153/documents`)
        .reply(200, raw('rich.documents.json'));
      const error = await failure(connect(settings()).read({ localCaseId: 'CII-2022-0153', localPersonId: 'p' }));
      scope.done();
      expect(error).toMatchObject({ code: expect.stringMatching(/^mapping\./), details: { nativeId: 'CII-2022-0153', field: 'person.sex', nativeField: 'beneficiaire.sexe' } });
    });
  });

  describe('changes (the poll, fallback to webhooks)', () => {
    it('follows the change list page by page, reads each dossier listed, and starts the next poll at the latest modifieLe', async () => {
      const auth = token();
      const scope = api().get(`${API}/dossiers`).query({ modifiesDepuis: SINCE, page: '1' }).reply(200, changes(1, 2, [CHANGED.minimal, CHANGED.edge]));
      serve(scope, 'minimal');
      serve(scope, 'edge');
      scope.get(`${API}/dossiers`).query({ modifiesDepuis: SINCE, page: '2' }).reply(200, changes(2, 2, [CHANGED.rich]));
      serve(scope, 'rich');
      // Caught up: CaseNet's "depuis" may be inclusive; the dossier read last comes again and is not read twice.
      scope.get(`${API}/dossiers`).query({ modifiesDepuis: CHANGED.rich.modifieLe, page: '1' }).reply(200, changes(1, 1, [CHANGED.rich]));

      const connection = connect(settings());
      const first = await connection.listChanges!(pollCursorSince(SINCE), 200);
      expect(first).toMatchObject({ more: true, refs: {}, rejections: [] });
      expect(first.records.map((r) => r.source.localCaseId)).toEqual([SAMPLES.minimal, SAMPLES.edge]);
      expect(first.stamps).toEqual([
        { version: '1', occurredAt: '2024-01-15T10:02:44+01:00' },
        { version: '1', occurredAt: '2024-02-02T11:41:09+01:00' },
      ]);
      expect(cursorOf(first)).toEqual({ since: SINCE, page: 2, max: CHANGED.edge.modifieLe, atMax: [SAMPLES.edge] });

      const second = await connection.listChanges!(first.nextCursor, 200);
      expect(second.more).toBe(false);
      expect(second.records.map((r) => r.source.localCaseId)).toEqual([SAMPLES.rich]);
      expect(cursorOf(second)).toEqual({ since: CHANGED.rich.modifieLe, seen: [SAMPLES.rich] });

      const third = await connection.listChanges!(second.nextCursor, 200);
      auth.done();
      scope.done();
      expect(third).toMatchObject({ records: [], rejections: [], more: false, nextCursor: second.nextCursor });
    });

    it('a restart from the cursor saved after page 1 (a new connection) turns every change into exactly one record', async () => {
      const auth = token(2);
      const scope = api().get(`${API}/dossiers`).query({ modifiesDepuis: SINCE, page: '1' }).reply(200, changes(1, 2, [CHANGED.minimal, CHANGED.edge]));
      serve(scope, 'minimal');
      serve(scope, 'edge');
      scope.get(`${API}/dossiers`).query({ modifiesDepuis: SINCE, page: '2' }).reply(200, changes(2, 2, [CHANGED.rich]));
      serve(scope, 'rich');

      const before = await connect(settings()).listChanges!(pollCursorSince(SINCE), 200);
      // The gateway restarts: only the saved cursor survives.
      const after = await connect(settings()).listChanges!(before.nextCursor, 200);
      auth.done();
      scope.done();
      expect([...before.records, ...after.records].map((r) => r.source.localCaseId)).toEqual([SAMPLES.minimal, SAMPLES.edge, SAMPLES.rich]);
      expect(after.more).toBe(false);
    });

    it('reads no more dossiers per call than the limit: the cursor keeps its place inside a page, across a restart', async () => {
      const auth = token(3);
      const scope = api().get(`${API}/dossiers`).query({ modifiesDepuis: SINCE, page: '1' }).twice().reply(200, changes(1, 2, [CHANGED.minimal, CHANGED.edge]));
      serve(scope, 'minimal');
      serve(scope, 'edge');
      scope.get(`${API}/dossiers`).query({ modifiesDepuis: SINCE, page: '2' }).reply(200, changes(2, 2, [CHANGED.rich]));
      serve(scope, 'rich');

      const seen: string[] = [];
      let cursor = pollCursorSince(SINCE);
      for (let calls = 0; calls < 3; calls += 1) {
        const page = await connect(settings()).listChanges!(cursor, 1);
        seen.push(...page.records.map((r) => r.source.localCaseId));
        cursor = page.nextCursor;
        if (calls === 0) expect(JSON.parse(Buffer.from(cursor, 'base64url').toString())).toMatchObject({ page: 1, skip: 1 });
        expect(page.more).toBe(calls < 2);
      }
      auth.done();
      scope.done();
      expect(seen).toEqual([SAMPLES.minimal, SAMPLES.edge, SAMPLES.rich]);
    });

    it('passes over a dossier gone between the list and its read, and rejects one that breaks the contract without stopping the poll', async () => {
      token();
      const dossier = fixture('edge.dossier.json');
      const scope = api()
        .get(`${API}/dossiers`)
        .query(true)
        .reply(200, changes(1, 1, [{ noDossier: 'CII-2024-0999', modifieLe: '2024-01-10T08:00:00Z' }, CHANGED.edge, CHANGED.rich]))
        .get(`${API}/dossiers/CII-2024-0999`)
        .reply(404, { message: 'introuvable' })
        .get(`${API}/dossiers/${SAMPLES.edge}`)
        .reply(200, { ...dossier, pilotage: { ...(dossier.pilotage as Body), phaseAIS: 'LUNAIRE' } })
        .get(`${API}/dossiers/${SAMPLES.edge}/journal`)
        .query(true)
        .reply(200, raw('edge.journal.page1.json'))
        .get(`${API}/dossiers/${SAMPLES.edge}/documents`)
        .reply(200, raw('edge.documents.json'));
      serve(scope, 'rich');
      const page = await connect(settings()).listChanges!(null, 200);
      scope.done();
      expect(page.records.map((r) => r.source.localCaseId)).toEqual([SAMPLES.rich]);
      expect(page.rejections.map((r) => [r.nativeId, r.error.details.nativeField])).toEqual([[SAMPLES.edge, 'pilotage.phaseAIS']]);
      expect(cursorOf(page)).toEqual({ since: CHANGED.rich.modifieLe, seen: [SAMPLES.rich] });
    });

    it('starts at the epoch without a cursor, and refuses a cursor it did not give out', async () => {
      token();
      const scope = api().get(`${API}/dossiers`).query({ modifiesDepuis: '1970-01-01T00:00:00Z', page: '1' }).reply(200, changes(1, 0, []));
      const page = await connect(settings()).listChanges!(null, 200);
      scope.done();
      expect(page).toMatchObject({ records: [], more: false });
      await expect(connect(settings()).listChanges!('bm90LWEtY3Vyc29y', 2)).rejects.toMatchObject({ code: 'casenet.cursor-invalid' });
      const injected = Buffer.from(JSON.stringify({ since: '2024-01-01T00:00:00Z&page=9' })).toString('base64url');
      await expect(connect(settings()).listChanges!(injected, 2)).rejects.toMatchObject({ code: 'casenet.cursor-invalid' });
      expect(() => pollCursorSince('yesterday')).toThrow(expect.objectContaining({ code: 'casenet.cursor-invalid' }));
    });
  });

  describe('failures', () => {
    const readOne = () => connect(settings()).read({ localCaseId: 'CII-2024-0031', localPersonId: 'p' });

    it('401: one fresh token, then the SDK’s permanent auth error; 403 at once', async () => {
      const auth = token(2);
      const scope = api().get(`${API}/dossiers/CII-2024-0031`).twice().reply(401, { message: 'Weldemichael' });
      const denied = await failure(readOne());
      auth.done();
      scope.done();
      expect(denied).toBeInstanceOf(UpstreamError);
      expect(denied).toMatchObject({ code: 'casenet.auth-failed', retryable: false, details: { httpStatus: 401 } });
      expect(denied.message).toContain('credentials');

      token();
      const forbidden = api().get(`${API}/dossiers/CII-2024-0031`).reply(403, { message: 'Weldemichael' });
      const refused = await failure(readOne());
      forbidden.done();
      expect(refused).toMatchObject({ code: 'casenet.auth-failed', retryable: false, details: { httpStatus: 403 } });
      expect(JSON.stringify({ message: refused.message, details: refused.details })).not.toContain('Weldemichael');
    });

    it('a token endpoint that refuses the client credentials is the same auth error', async () => {
      const auth = nock(ORIGIN).post('/oauth2/token').reply(401, { error: 'invalid_client' });
      await expect(readOne()).rejects.toMatchObject({ code: 'casenet.auth-failed', retryable: false });
      auth.done();
    });

    it('500 and 429 are worth another attempt, with Retry-After when CaseNet sends one', async () => {
      token();
      const scope = api()
        .get(`${API}/dossiers/CII-2024-0031`)
        .reply(500, 'Weldemichael Senait')
        .get(`${API}/dossiers/CII-2024-0031`)
        .reply(429, {}, { 'retry-after': '120' })
        .get(`${API}/dossiers/CII-2024-0031`)
        .reply(503, {}, { 'retry-after': 'Mon, 03 Mar 2025 08:16:23 GMT' });
      const connection = connect(settings());
      const read = () => connection.read({ localCaseId: 'CII-2024-0031', localPersonId: 'p' });
      const broken = await failure(read());
      expect(broken).toMatchObject({ code: 'casenet.unavailable', retryable: true, details: { httpStatus: 500 } });
      expect(broken.retryAfterMs).toBeUndefined();
      expect(broken.message).not.toContain('Weldemichael');
      expect(await failure(read())).toMatchObject({ code: 'casenet.unavailable', retryable: true, retryAfterMs: 120_000, details: { httpStatus: 429 } });
      // An HTTP date counts from the connection's clock.
      expect(await failure(read())).toMatchObject({ retryable: true, retryAfterMs: 60_000 });
      scope.done();
    });

    it.each<[string, (s: nock.Scope) => void, string]>([
      ['a dossier that is not JSON', (s) => s.get(`${API}/dossiers/CII-2024-0031`).reply(200, '<html>Weldemichael</html>'), 'dossier'],
      ['a dossier that is a list', (s) => s.get(`${API}/dossiers/CII-2024-0031`).reply(200, ['Weldemichael']), 'dossier'],
      ['a dossier of another case', (s) => s.get(`${API}/dossiers/CII-2024-0031`).reply(200, { ...fixture('rich.dossier.json') }), 'dossier.noDossier'],
      [
        'a journal page without a whole totalPages',
        (s) => s.get(`${API}/dossiers/CII-2024-0031`).reply(200, raw('minimal.dossier.json')).get(`${API}/dossiers/CII-2024-0031/journal`).query(true).reply(200, { ...fixture('minimal.journal.page1.json'), totalPages: 'Weldemichael' }),
        'journal.page1.totalPages',
      ],
      [
        'a journal page that is not the page asked for',
        (s) => s.get(`${API}/dossiers/CII-2024-0031`).reply(200, raw('minimal.dossier.json')).get(`${API}/dossiers/CII-2024-0031/journal`).query(true).reply(200, { ...fixture('minimal.journal.page1.json'), page: 3 }),
        'journal.page1.page',
      ],
      [
        'a documents body without its list',
        (s) =>
          s
            .get(`${API}/dossiers/CII-2024-0031`)
            .reply(200, raw('minimal.dossier.json'))
            .get(`${API}/dossiers/CII-2024-0031/journal`)
            .query(true)
            .reply(200, raw('minimal.journal.page1.json'))
            .get(`${API}/dossiers/CII-2024-0031/documents`)
            .reply(200, { noDossier: 'CII-2024-0031', documents: 'Weldemichael' }),
        'documents.documents',
      ],
    ])('%s is a typed error naming the field, never the body', async (_name, answer, field) => {
      token();
      const scope = api();
      answer(scope);
      const error = await failure(readOne());
      scope.done();
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ code: 'casenet.invalid-answer', retryable: true, details: expect.objectContaining({ field }) });
      expect(JSON.stringify({ message: error.message, details: error.details })).not.toMatch(/Weldemichael|Senait|Gruyère/);
    });

    it('a change list entry without a timestamp names the entry and field', async () => {
      token();
      const scope = api().get(`${API}/dossiers`).query(true).reply(200, changes(1, 1, [CHANGED.minimal, { noDossier: 'CII-2024-0032', modifieLe: 'hier, Weldemichael' }]));
      const error = await failure(connect(settings()).listChanges!(null, 200));
      scope.done();
      expect(error).toMatchObject({ code: 'casenet.invalid-answer', details: { field: 'elements[1].modifieLe' } });
      expect(error.message).not.toContain('Weldemichael');
    });
  });

  describe('deliver', () => {
    const RECEIPT = { noDossier: 'CII-2025-0001', idPersonne: 'BEN-012001', version: 1, recuLe: '2025-03-03T08:15:25Z' };

    it('a new person: POST /dossiers without noDossier nor version, then each journal entry and document; a Receipt', async () => {
      token();
      let created: Body | undefined;
      const journal: Body[] = [];
      const documents: Body[] = [];
      const scope = api()
        .post(`${API}/dossiers`, (b: Body) => ((created = b), true))
        .matchHeader('content-type', 'application/json')
        .reply(201, RECEIPT)
        .post(`${API}/dossiers/CII-2025-0001/journal`, (b: Body) => (journal.push(b), true))
        .times(4)
        .reply(201, {})
        .post(`${API}/dossiers/CII-2025-0001/documents`, (b: Body) => (documents.push(b), true))
        .times(4)
        .reply(201, {});
      // The first journal entry is of a Baden institution CaseNet has no code for.
      const record = foreignRecord((r) => (r.journal![0]!.institutionId = 'ag-sd-baden'));
      const receipt = await connect(settings()).deliver(delivery(record));
      scope.done();
      expect(created).not.toHaveProperty('noDossier');
      expect(created).not.toHaveProperty('version');
      expect(created!.beneficiaire).toMatchObject({ idPersonne: null, noAVS: '756.1277.3049.85', nom: record.person.officialName });
      expect(journal.map((j) => j.id)).toEqual(record.journal!.slice(1).map((j) => j.id));
      expect(documents.map((d) => d.empreinteSha256)).toEqual(record.documents!.map((d) => d.sha256.toUpperCase()));
      expect(receipt).toEqual({
        at: '2025-03-03T09:15:25+01:00',
        reference: 'CII-2025-0001',
        status: 'created',
        details: { httpStatus: 201, version: 1, personId: 'BEN-012001', journalEntries: 4, documents: 4, journalLeftOut: 'journal[0]' },
      });
    });

    it('lists in the receipt the journal entries CaseNet refuses, without their text', async () => {
      token();
      const scope = api()
        .post(`${API}/dossiers`)
        .reply(201, RECEIPT)
        .post(`${API}/dossiers/CII-2025-0001/journal`)
        .times(3)
        .reply(201, {})
        .post(`${API}/dossiers/CII-2025-0001/journal`)
        .reply(422, { message: 'institution non configurée: Weldemichael' })
        .post(`${API}/dossiers/CII-2025-0001/journal`)
        .reply(201, {})
        .post(`${API}/dossiers/CII-2025-0001/documents`)
        .times(4)
        .reply(201, {});
      const receipt = await connect(settings()).deliver(delivery());
      scope.done();
      expect(receipt.details).toMatchObject({ journalEntries: 4, journalRefused: 'journal[3]' });
      expect(JSON.stringify(receipt)).not.toContain('Weldemichael');
    });

    it('a known AVS number (409): PUT over the dossier CaseNet holds with If-Match, then only what it lacks', async () => {
      token();
      const journal = fixture('rich.journal.page1.json');
      const docs = fixture('rich.documents.json');
      let put: Body | undefined;
      const posted: string[] = [];
      const scope = api()
        .post(`${API}/dossiers`)
        .reply(409, { noDossierExistant: 'CII-2022-0153' })
        .get(`${API}/dossiers/CII-2022-0153`)
        .reply(200, raw('rich.dossier.json'))
        .get(`${API}/dossiers/CII-2022-0153/journal`)
        .query({ page: '1', taille: '20' })
        .reply(200, { ...journal, totalElements: 3, elements: (journal.elements as Body[]).slice(0, 3) })
        .get(`${API}/dossiers/CII-2022-0153/documents`)
        .reply(200, { ...docs, documents: (docs.documents as Body[]).slice(0, 2) })
        .put(`${API}/dossiers/CII-2022-0153`, (b: Body) => ((put = b), true))
        .matchHeader('if-match', '"12"')
        .reply(200, { noDossier: 'CII-2022-0153', idPersonne: 'BEN-008812', version: 13, recuLe: '2025-03-03T08:15:26Z' })
        .post(`${API}/dossiers/CII-2022-0153/journal`, (b: Body) => (posted.push(`journal ${String(b.id)}`), true))
        .times(2)
        .reply(201, {})
        .post(`${API}/dossiers/CII-2022-0153/documents`, (b: Body) => (posted.push(`document ${String(b.id)}`), true))
        .times(2)
        .reply(201, {});
      // The plan was withheld from this recipient: absent, it must not clear CaseNet's.
      const { integrationPlan: _withheld, ...record } = foreignRecord();
      const receipt = await connect(settings()).deliver(delivery(record as CaseRecord));
      scope.done();
      const held = fixture('rich.dossier.json');
      expect(put!.planIntegration).toEqual(held.planIntegration);
      expect(put!.beneficiaire).toMatchObject({ idPersonne: 'BEN-008812' });
      expect(put).toMatchObject({ noDossier: 'CII-2022-0153', etat: held.etat, typeSuivi: held.typeSuivi });
      const heldJournal = new Set((journal.elements as Body[]).slice(0, 3).map((e) => e.id));
      const heldDocs = new Set((docs.documents as Body[]).slice(0, 2).map((d) => d.id));
      expect(posted).toEqual([
        ...record.journal!.filter((j) => !heldJournal.has(j.id)).map((j) => `journal ${j.id}`),
        ...record.documents!.filter((d) => !heldDocs.has(d.id)).map((d) => `document ${d.id}`),
      ]);
      expect(receipt).toMatchObject({ reference: 'CII-2022-0153', status: 'updated', details: { httpStatus: 200, version: 13, journalEntries: 2, documents: 2 } });
    });

    it('is idempotent on the transfer: a delivery again finds everything in CaseNet and posts nothing twice', async () => {
      token();
      const scope = api()
        .post(`${API}/dossiers`)
        .reply(409, { noDossierExistant: 'CII-2022-0153' })
        .get(`${API}/dossiers/CII-2022-0153`)
        .reply(200, raw('rich.dossier.json'))
        .get(`${API}/dossiers/CII-2022-0153/journal`)
        .query(true)
        .reply(200, raw('rich.journal.page1.json'))
        .get(`${API}/dossiers/CII-2022-0153/documents`)
        .reply(200, raw('rich.documents.json'))
        .put(`${API}/dossiers/CII-2022-0153`)
        .reply(200, { noDossier: 'CII-2022-0153', idPersonne: 'BEN-008812', version: 13, recuLe: '2025-03-03T08:15:26Z' });
      const receipt = await connect(settings()).deliver(delivery());
      scope.done();
      expect(receipt.details).toMatchObject({ journalEntries: 0, documents: 0 });
    });

    it('a 412 reads the dossier again and tries once more; a second is worth a later attempt', async () => {
      token();
      const v13 = { ...fixture('rich.dossier.json'), version: 13 };
      const receipt = { noDossier: 'CII-2022-0153', idPersonne: 'BEN-008812', version: 14, recuLe: '2025-03-03T08:15:26Z' };
      /** One delivery into the dossier CaseNet holds: the 409, the read, then the PUTs as given (each after a read again). */
      const deliveryOf = (scope: nock.Scope, puts: [string, number][]): nock.Scope => {
        scope
          .post(`${API}/dossiers`)
          .reply(409, { noDossierExistant: 'CII-2022-0153' })
          .get(`${API}/dossiers/CII-2022-0153`)
          .reply(200, raw('rich.dossier.json'))
          .get(`${API}/dossiers/CII-2022-0153/journal`)
          .query(true)
          .reply(200, raw('rich.journal.page1.json'))
          .get(`${API}/dossiers/CII-2022-0153/documents`)
          .reply(200, raw('rich.documents.json'));
        puts.forEach(([version, status], i) => {
          // Changed in CaseNet in between: the read again serves version 13.
          if (i > 0) scope.get(`${API}/dossiers/CII-2022-0153`).reply(200, v13);
          scope.put(`${API}/dossiers/CII-2022-0153`).matchHeader('if-match', `"${version}"`).reply(status, status === 200 ? receipt : { message: 'Weldemichael' });
        });
        return scope;
      };
      const connection = connect(settings());
      const once = deliveryOf(api(), [['12', 412], ['13', 200]]);
      expect(await connection.deliver(delivery())).toMatchObject({ status: 'updated', details: { version: 14 } });
      once.done();
      const twice = deliveryOf(api(), [['12', 412], ['13', 412]]);
      const error = await failure(connection.deliver(delivery()));
      twice.done();
      expect(error).toMatchObject({ code: 'casenet.precondition-failed', retryable: true, details: { httpStatus: 412 } });
      expect(error.message).not.toContain('Weldemichael');
    });

    it('refuses before sending a record with an institution CaseNet has no code for', async () => {
      const record = foreignRecord((r) => (r.responsibility.institutionId = 'ag-sd-baden'));
      await expect(connect(settings()).deliver(delivery(record))).rejects.toMatchObject({ code: expect.stringMatching(/^mapping\./), details: { field: 'responsibility.institutionId' } });
    });

    it('a receipt without noDossier is a typed error', async () => {
      token();
      const scope = api().post(`${API}/dossiers`).reply(201, { recuLe: '2025-03-03T08:15:25Z' });
      await expect(connect(settings()).deliver(delivery())).rejects.toMatchObject({ code: 'casenet.invalid-answer', details: { field: 'receipt.noDossier' } });
      scope.done();
    });
  });

  describe('settings', () => {
    it('names a missing secret or a wrong setting with casenet codes, never a value', () => {
      expect(() => connect(settings({}, {}))).toThrow(expect.objectContaining({ code: 'casenet.secret-missing', details: { field: 'settings.clientSecret' } }));
      expect(() => connect(settings({ clientSecret: 's3cret' }))).toThrow(expect.objectContaining({ code: 'casenet.settings-invalid', details: { field: 'settings.clientSecret' } }));
      expect(() => connect(settings({ baseUrl: 'casenet.fr.example' }))).toThrow(expect.objectContaining({ code: 'casenet.settings-invalid', details: { field: 'settings.baseUrl' } }));
      expect(() => connect(settings({ tokenUrl: undefined }))).toThrow(expect.objectContaining({ code: 'casenet.settings-invalid', details: { field: 'settings.tokenUrl' } }));
      expect(() => connect(settings({ clientId: ' ' }))).toThrow(expect.objectContaining({ code: 'casenet.settings-invalid', details: { field: 'settings.clientId' } }));
      expect(() => connect(settings({ pageSize: 0 }))).toThrow(expect.objectContaining({ code: 'casenet.settings-invalid', details: { field: 'settings.pageSize' } }));
      expect(() => connect(settings({ timeoutSeconds: 0 }))).toThrow(expect.objectContaining({ code: 'casenet.settings-invalid', details: { field: 'settings.timeoutSeconds' } }));
      expect(() => connect(settings({ pollIntervalSeconds: 1.5 }))).toThrow(expect.objectContaining({ code: 'casenet.settings-invalid', details: { field: 'settings.pollIntervalSeconds' } }));
      const error = (() => {
        try {
          connect(settings({ clientSecret: 's3cret' }));
        } catch (e) {
          return e as Error;
        }
        return undefined;
      })();
      expect(error?.message).not.toContain('s3cret');
    });

    it('the settings schema takes the sample configuration and refuses an unknown key or a written secret', () => {
      const institution = (s: Record<string, unknown>) => ({ id: 'fr-cii-coordination', settings: { ...SAMPLE_CONTEXT.settings, ...s } });
      expect(() => checkSettings(adapter, institution({ pollIntervalSeconds: 300, timeoutSeconds: 20, pageSize: 50 }))).not.toThrow();
      expect(() => checkSettings(adapter, institution({ colour: 'red' }))).toThrow('settings.colour has a setting the adapter does not know');
      expect(() => checkSettings(adapter, institution({ clientSecret: 's3cret' }))).toThrow(expect.objectContaining({ code: 'adapter.settings-invalid' }));
    });
  });
});
