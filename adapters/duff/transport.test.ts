import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, ConnectionSettings, DeliveryRequest } from '../../src/adapters/sdk.js';
import { ConfigError, MappingError, UpstreamError } from '../../src/adapters/sdk.js';
import { checkSettings } from '../../src/adapters/settings/check.js';
import { answeredBodies, thrown, mockedNetwork, deliveryRequest } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { adapter } from './index.js';
import { fixture, FIXTURES, type Body } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { connect, pollCursorSince } from './transport.js';

const ORIGIN = 'https://duff.ag.example';
const API = '/api/v1';
const KEY = 'duff-k3y-geheim';
const NOW = new Date('2025-02-14T05:30:00Z');
// A name of the rich sample: it must never show in an error.
const PERSON = 'Tesfamariam';

const settings = (extra: Record<string, unknown> = {}, env: Record<string, string> = { DUFF_API_KEY: KEY }): ConnectionSettings => ({
  ...SAMPLE_CONTEXT,
  now: () => NOW,
  env,
  settings: { ...SAMPLE_CONTEXT.settings, ...extra },
});

/** DuFF as the transport must call it: the API key, the acting organisation, JSON asked for. */
const duff = (): nock.Scope => nock(ORIGIN).matchHeader('x-duff-api-key', KEY).matchHeader('x-duff-organisation', 'MIKA-IB').matchHeader('accept', 'application/json');

const withoutExtractedAt = (records: readonly CaseRecord[]): unknown[] => records.map(({ source: { extractedAt: _e, ...source }, ...rest }) => ({ ...rest, source }));
const expected = (name: string): unknown => fixture(`${name}.expected.json`);
const decoded = (cursor: string): unknown => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));

const SINCE = '2025-02-12T00:00:00+01:00';
const STAND = '2025-02-14T06:00:00+01:00';
const edge = answeredBodies(FIXTURES, 'edge');
const page1 = edge.get('edge.seite1.json')!;
const page2 = edge.get('edge.seite2.json')!;
const pollQuery = (seite: number, extra: Record<string, string> = {}) => ({ geaendertSeit: SINCE, seite: String(seite), proSeite: '2', ansicht: 'voll', ...extra });
const emptyPage = (stand: string): Body => ({ treffer: 0, seite: 1, seitenTotal: 0, proSeite: 2, stand, dossiers: [] });

const richRecord = (): CaseRecord => {
  const [record] = expected('rich') as CaseRecord[];
  return { ...record!, source: { ...record!.source, extractedAt: '2025-02-14T06:00:00+01:00' } };
};

const delivery = (record: CaseRecord = richRecord(), target = 'ag-sd-baden'): DeliveryRequest =>
  deliveryRequest(record, { transferId: '5d0c7a1e-3b2f-4c8d-9e6a-7f1b2c3d4e5f', sender: 'ag-mika', target });

/** What an awaited call threw; the test fails when it throws nothing. */
async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const RECEIPT = { uebergabeNr: 'UE-2025-000417', status: 'EINGEGANGEN', eingegangenAm: '2025-02-14T06:30:01+01:00' };

describe('DuFF transport', () => {
  // Every scope a test set up was consumed, and nothing else was asked.
  mockedNetwork({ everyScopeUsed: true });

  describe('read', () => {
    it.each([
      ['minimal', 'AG-2024-006120', 'P-118204'],
      ['rich', 'AG-2022-002874', 'P-101766'],
    ])('reads the %s sample by dossierNr with the API key and the acting organisation', async (name, dossierNr, personNr) => {
      const answers = [...answeredBodies(FIXTURES, name)];
      expect(answers.map(([file]) => file)).toEqual([`${name}.dossier.json`]);
      const [, body] = answers[0]!;
      const scope = duff().get(`${API}/dossiers/${dossierNr}`).reply(200, body);
      const { record, nativeId } = await connect(settings()).read({ localCaseId: dossierNr, localPersonId: personNr });
      scope.done();
      expect(nativeId).toBe(dossierNr);
      expect(withoutExtractedAt([record])).toEqual(expected(name));
      expect(record.source.extractedAt).toBe('2025-02-14T06:30:00+01:00');
    });

    it('escapes the dossierNr in the path', async () => {
      const scope = duff().get(`${API}/dossiers/AG%2F1%3F`).reply(200, { ...fixture('minimal.dossier.json'), dossierNr: 'AG/1?' });
      await connect(settings()).read({ localCaseId: 'AG/1?', localPersonId: 'P-118204' });
      scope.done();
    });

    it('a Dossier that breaks the contract is its mapping rejection, naming the field, no value', async () => {
      const dossier = fixture('rich.dossier.json');
      delete (dossier.person as Body).name;
      const scope = duff().get(`${API}/dossiers/AG-2022-002874`).reply(200, dossier);
      const error = await failure(() => connect(settings()).read({ localCaseId: 'AG-2022-002874', localPersonId: 'P-101766' }));
      scope.done();
      expect(error).toBeInstanceOf(MappingError);
      expect(error).toMatchObject({ details: { field: 'person.officialName', nativeField: 'person.name', nativeId: 'AG-2022-002874' } });
      expect((error as Error).message).not.toContain('Senait');
    });
  });

  describe('poll', () => {
    it('polls the edge sample page by page inside one snapshot; the next poll starts at its stand', async () => {
      const paths: string[] = [];
      const serve = (body: Body) =>
        function (uri: string): [number, Body] {
          paths.push(uri);
          return [200, body];
        };
      const scope = duff()
        .get(`${API}/dossiers`)
        .query(pollQuery(1))
        .reply(serve(page1))
        .get(`${API}/dossiers`)
        .query(pollQuery(2, { stand: STAND }))
        .reply(serve(page2))
        .get(`${API}/dossiers`)
        .query({ geaendertSeit: STAND, seite: '1', proSeite: '2', ansicht: 'voll' })
        .reply(serve(emptyPage('2025-02-14T07:00:00+01:00')));

      const connection = connect(settings());
      const first = await connection.listChanges!(pollCursorSince(SINCE), 2);
      expect(first).toMatchObject({ more: true, refs: {}, rejections: [] });
      expect(decoded(first.nextCursor)).toEqual({ since: SINCE, seite: 2, stand: STAND, proSeite: 2 });
      expect(first.stamps).toEqual([
        { version: '19', occurredAt: '2025-02-12T07:45:00+01:00' },
        { version: '88', occurredAt: '2025-02-12T09:02:33+01:00' },
      ]);

      const second = await connection.listChanges!(first.nextCursor, 2);
      expect(second.more).toBe(false);
      expect(decoded(second.nextCursor)).toEqual({ since: STAND });
      expect(withoutExtractedAt([...first.records, ...second.records])).toEqual(expected('edge'));

      // Caught up: an empty page, and the poll after it starts at the new snapshot.
      const third = await connection.listChanges!(second.nextCursor, 2);
      scope.done();
      expect(third).toMatchObject({ records: [], rejections: [], more: false });
      expect(decoded(third.nextCursor)).toEqual({ since: '2025-02-14T07:00:00+01:00' });
      // FORMAT: `+` goes as %2B (a raw `+` would read as a blank).
      expect(paths[0]).toContain('geaendertSeit=2025-02-12T00%3A00%3A00%2B01%3A00');
      expect(paths[1]).toContain('stand=2025-02-14T06%3A00%3A00%2B01%3A00');
    });

    it('a restart from the cursor saved after page 1 asks for page 2 of the same snapshot: every change exactly once', async () => {
      const scope = duff().get(`${API}/dossiers`).query(pollQuery(1)).reply(200, page1).get(`${API}/dossiers`).query(pollQuery(2, { stand: STAND })).reply(200, page2);
      const before = await connect(settings()).listChanges!(pollCursorSince(SINCE), 2);
      // A new connection (the gateway restarted) with the saved cursor and another limit: the page size stays.
      const after = await connect(settings()).listChanges!(before.nextCursor, 200);
      scope.done();
      const ids = [...before.records, ...after.records].map((r) => r.source.localCaseId);
      expect(ids).toEqual((expected('edge') as CaseRecord[]).map((r) => r.source.localCaseId));
      expect(new Set(ids).size).toBe(3);
      expect(after.more).toBe(false);
    });

    it('a snapshot DuFF no longer holds starts the poll over from its start: nothing lost', async () => {
      const moved = { ...page2, stand: '2025-02-15T08:00:00+01:00' };
      const saved = Buffer.from(JSON.stringify({ since: SINCE, seite: 2, stand: STAND, proSeite: 2 })).toString('base64url');
      const scope = duff().get(`${API}/dossiers`).query(pollQuery(2, { stand: STAND })).reply(200, moved).get(`${API}/dossiers`).query(pollQuery(1)).reply(200, page1);
      const connection = connect(settings());
      const restarted = await connection.listChanges!(saved, 2);
      expect(restarted).toMatchObject({ records: [], rejections: [], more: true });
      expect(decoded(restarted.nextCursor)).toEqual({ since: SINCE });
      const again = await connection.listChanges!(restarted.nextCursor, 2);
      scope.done();
      expect(again.records).toHaveLength(2);
    });

    it('asks for at most the limit, the pageSize setting and DuFF’s 100 a page', async () => {
      const scope = duff()
        .get(`${API}/dossiers`)
        .query((q) => q.proSeite === '100')
        .reply(200, emptyPage(STAND))
        .get(`${API}/dossiers`)
        .query((q) => q.proSeite === '20')
        .reply(200, emptyPage(STAND))
        .get(`${API}/dossiers`)
        .query((q) => q.proSeite === '5' && q.geaendertSeit === '1970-01-01T01:00:00+01:00')
        .reply(200, emptyPage(STAND));
      await connect(settings()).listChanges!(null, 500);
      await connect(settings({ pageSize: 20 })).listChanges!(null, 200);
      await connect(settings({ pageSize: 20 })).listChanges!(null, 5);
      scope.done();
    });

    it('one Dossier that breaks the contract is rejected by its dossierNr; the others of the page go on', async () => {
      const bad = structuredClone(page1) as { dossiers: Body[] };
      (bad.dossiers[0]!.zustaendigkeit as Body).phase = 'MOND';
      const scope = duff().get(`${API}/dossiers`).query(pollQuery(1)).reply(200, bad);
      const page = await connect(settings()).listChanges!(pollCursorSince(SINCE), 2);
      scope.done();
      expect(page.records.map((r) => r.source.localCaseId)).toEqual(['AG-2020-001127']);
      expect(page.rejections).toEqual([expect.objectContaining({ nativeId: 'AG-2023-003318', error: expect.objectContaining({ details: expect.objectContaining({ nativeField: 'zustaendigkeit.phase' }) }) })]);
    });

    it('refuses a cursor it did not give out', async () => {
      const forged = (c: unknown) => Buffer.from(JSON.stringify(c)).toString('base64url');
      for (const cursor of ['bm90LWEtY3Vyc29y', forged({ since: 'gestern' }), forged({ since: SINCE, seite: 2 }), forged({ since: SINCE, seite: 2, stand: STAND, proSeite: 500 })]) {
        await expect(connect(settings()).listChanges!(cursor, 2)).rejects.toMatchObject({ code: 'duff.cursor-invalid' });
      }
      expect(() => pollCursorSince('2025-02-12')).toThrow(expect.objectContaining({ code: 'duff.cursor-invalid' }));
    });
  });

  describe('failures', () => {
    const readRich = () => connect(settings()).read({ localCaseId: 'AG-2022-002874', localPersonId: 'P-101766' });
    const answering = (status: number, body: string | Body, headers: Record<string, string> = {}) => duff().get(`${API}/dossiers/AG-2022-002874`).reply(status, body, headers);

    it.each([
      [401, 'settings.apiKey'],
      [403, 'settings.organisation'],
    ])('%i is the SDK’s auth failure: permanent, naming the setting to check, nothing of the body', async (status, field) => {
      const scope = answering(status, { fehler: `Kein Zugriff auf ${PERSON}` });
      const error = await failure(readRich);
      scope.done();
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ code: 'duff.auth-failed', retryable: false, details: { httpStatus: status, field } });
      expect((error as Error).message).toContain(field);
      expect((error as Error).message).not.toContain(PERSON);
    });

    it.each([
      [500, {}, undefined],
      [503, { 'retry-after': '30' }, 30_000],
      [429, { 'retry-after': '120' }, 120_000],
      [429, { 'retry-after': 'Fri, 14 Feb 2025 05:31:00 GMT' }, 60_000],
      [429, {}, undefined],
    ])('%i is retryable, carrying Retry-After when sent (%o)', async (status, headers, wait) => {
      const scope = answering(status, `Dossier ${PERSON} gesperrt`, headers);
      const error = (await failure(readRich)) as UpstreamError;
      scope.done();
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ code: 'duff.unavailable', retryable: true, details: { httpStatus: status } });
      expect(error.retryAfterMs).toBe(wait);
      expect(error.message).not.toContain(PERSON);
    });

    it('a request that gets no answer is retryable', async () => {
      const scope = duff().get(`${API}/dossiers/AG-2022-002874`).replyWithError('socket hang up');
      await expect(readRich()).rejects.toMatchObject({ code: 'duff.unreachable', retryable: true });
      scope.done();
    });

    it('a read body that is not JSON, not a Dossier or another Dossier is DuFF’s trouble, naming the field, echoing nothing', async () => {
      const cases: [string | Body, string][] = [
        [`<html>${PERSON}</html>`, 'body'],
        [[PERSON] as unknown as Body, 'body'],
        [{ ...fixture('rich.dossier.json'), dossierNr: 'AG-2022-999999' }, 'dossierNr'],
      ];
      for (const [body, field] of cases) {
        const scope = answering(200, body);
        const error = await failure(readRich);
        scope.done();
        expect(error).toMatchObject({ code: 'duff.invalid-answer', retryable: true, details: { field } });
        expect((error as Error).message).not.toContain(PERSON);
        expect((error as Error).message).not.toContain('999999');
      }
    });

    it('a poll page that is not one names the field at fault, echoing nothing', async () => {
      const cases: [Body, string][] = [
        [{ ...page1, dossiers: PERSON }, 'dossiers'],
        [{ ...page1, dossiers: [PERSON] }, 'dossiers'],
        [{ ...page1, stand: `gestern ${PERSON}` }, 'stand'],
        [{ ...page1, seite: 3 }, 'seite'],
        [{ ...page1, seitenTotal: 'zwei' }, 'seitenTotal'],
      ];
      for (const [body, field] of cases) {
        const scope = duff().get(`${API}/dossiers`).query(pollQuery(1)).reply(200, body);
        const error = await failure(() => connect(settings()).listChanges!(pollCursorSince(SINCE), 2));
        scope.done();
        expect(error).toMatchObject({ code: 'duff.invalid-answer', retryable: true, details: { field } });
        expect((error as Error).message).not.toContain(PERSON);
      }
    });
  });

  describe('deliver', () => {
    it('posts the handover of FORMAT.md with the transfer id as X-DuFF-Referenz, and returns DuFF’s receipt; the same again is the same receipt', async () => {
      const bodies: unknown[] = [];
      const scope = duff()
        .matchHeader('x-duff-referenz', delivery().transferId)
        .matchHeader('content-type', /^application\/json/)
        .post(`${API}/uebergaben`, (b: unknown) => bodies.push(b) > 0)
        .twice()
        .reply(202, RECEIPT);
      const connection = connect(settings());
      const receipt = await connection.deliver(delivery());
      const again = await connection.deliver(delivery());
      scope.done();
      expect(receipt).toEqual({ at: '2025-02-14T06:30:00+01:00', reference: 'UE-2025-000417', status: 'EINGEGANGEN', details: { httpStatus: 202, eingegangenAm: '2025-02-14T06:30:01+01:00' } });
      expect(again).toEqual(receipt);
      const [body] = bodies as Body[];
      expect(body).toMatchObject({ zielOrganisation: 'GEM-4021-SD', absender: 'ag-mika' });
      for (const key of ['dossierNr', 'personNr', 'version', 'geaendertAm']) expect(body!.dossier).not.toHaveProperty(key);
      // The body is the mapping's own, byte for byte what fromContract writes.
      const [written] = fromContract([richRecord()], { ...settings(), institutionId: 'ag-sd-baden' }, { transferId: delivery().transferId, at: NOW });
      expect(body).toEqual(JSON.parse(new TextDecoder().decode(written!.content)));
      expect(bodies[1]).toEqual(body);
    });

    it('refuses before sending a target without a DuFF organisation code', async () => {
      const error = await failure(() => connect(settings()).deliver(delivery(richRecord(), 'fr-office-ai')));
      expect(error).toBeInstanceOf(MappingError);
      expect(error).toMatchObject({ details: { field: 'targetInstitutionId', nativeField: 'zielOrganisation' } });
    });

    it('a refusal is permanent, a 503 retryable; a receipt that is not one names the field', async () => {
      const post = () => duff().post(`${API}/uebergaben`);
      let scope = post().reply(422, { fehler: PERSON });
      const refused = await failure(() => connect(settings()).deliver(delivery()));
      expect(refused).toMatchObject({ code: 'duff.refused', retryable: false, details: { httpStatus: 422 } });
      expect((refused as Error).message).not.toContain(PERSON);
      scope.done();
      scope = post().reply(503, '', { 'retry-after': '60' });
      await expect(connect(settings()).deliver(delivery())).rejects.toMatchObject({ code: 'duff.unavailable', retryable: true, retryAfterMs: 60_000 });
      scope.done();
      for (const [body, field] of [
        [{ ...RECEIPT, uebergabeNr: undefined }, 'uebergabeNr'],
        [{ ...RECEIPT, uebergabeNr: `${PERSON} <script>` }, 'uebergabeNr'],
        [{ ...RECEIPT, status: 'VIELLEICHT' }, 'status'],
        [{ ...RECEIPT, eingegangenAm: 'heute' }, 'eingegangenAm'],
      ] as [Body, string][]) {
        scope = post().reply(202, body);
        const error = await failure(() => connect(settings()).deliver(delivery()));
        expect(error).toMatchObject({ code: 'duff.invalid-answer', details: { field, httpStatus: 202 } });
        expect((error as Error).message).not.toContain(PERSON);
        scope.done();
      }
    });
  });

  describe('settings', () => {
    it('names a setting or secret that is missing or wrong, with duff codes and no value', () => {
      const fails = (extra: Record<string, unknown>, field: string, code = 'duff.settings-invalid', env?: Record<string, string>) =>
        expect(() => connect(settings(extra, env))).toThrow(expect.objectContaining({ code, details: { field } }));
      fails({}, 'settings.apiKey', 'duff.secret-missing', {});
      fails({ apiKey: KEY }, 'settings.apiKey');
      fails({ baseUrl: 'duff.ag.example/api/v1' }, 'settings.baseUrl');
      fails({ baseUrl: 'https://user:pw@duff.ag.example/api/v1' }, 'settings.baseUrl');
      fails({ organisation: undefined }, 'settings.organisation');
      fails({ organisation: 'MIKA-IB\r\nX-Other: 1' }, 'settings.organisation');
      fails({ pageSize: 101 }, 'settings.pageSize');
      fails({ timeoutSeconds: 0 }, 'settings.timeoutSeconds');
      fails({ pollIntervalSeconds: 0.5 }, 'settings.pollIntervalSeconds');
      // The variable is named, so a person knows what to set; its value never is.
      expect(thrown(ConfigError, () => connect(settings({}, {}))).message).toContain('DUFF_API_KEY');
    });

    it('the settings schema takes the sample configuration and refuses an unknown key or a written secret', () => {
      const institution = (s: Record<string, unknown>) => ({ id: 'ag-mika', settings: { ...SAMPLE_CONTEXT.settings, ...s } });
      expect(() => checkSettings(adapter, institution({ pollIntervalSeconds: 300, timeoutSeconds: 20, pageSize: 100 }))).not.toThrow();
      expect(() => checkSettings(adapter, institution({ colour: 'red' }))).toThrow('settings.colour has a setting the adapter does not know');
      expect(() => checkSettings(adapter, institution({ apiKey: KEY }))).toThrow(expect.objectContaining({ code: 'adapter.settings-invalid' }));
      expect(() => checkSettings(adapter, institution({ pageSize: 500 }))).toThrow(expect.objectContaining({ code: 'adapter.settings-invalid' }));
    });
  });
});
