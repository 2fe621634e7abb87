import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, ConnectionSettings, DeliveryRequest } from '../../src/adapters/sdk.js';
import { checkSettings } from '../../src/adapters/settings/check.js';
import { UpstreamError } from '../../src/errors.js';
import { adapter } from './index.js';
import { FIXTURES, SAMPLE_CONTEXT } from './testing.js';
import { connect, pollCursorSince } from './transport.js';
import { mockedNetwork, deliveryRequest } from '../../src/adapters/testing.js';

const ORIGIN = 'https://nav.ors-fr.example:7048';
const ROOT = "/DynamicsNAV110/ODataV4/Company('ORS%20Fribourg')";
const BASIC = `Basic ${Buffer.from('PASSERELLE:wsak-s3cret').toString('base64')}`;
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
const SUBS = ['Bilans_Potentiel', 'Mesures_Integration', 'Notes_Beneficiaire', 'Documents_Beneficiaire', 'Autorisations'];

const settings = (extra: Record<string, unknown> = {}, env: Record<string, string> = { NAVISION_USERNAME: 'PASSERELLE', NAVISION_ACCESS_KEY: 'wsak-s3cret' }): ConnectionSettings => ({
  ...SAMPLE_CONTEXT,
  now: () => new Date('2025-03-03T08:15:23Z'),
  env,
  settings: { ...SAMPLE_CONTEXT.settings, ...extra },
});

const empty = (set: string): Record<string, unknown> => ({ '@odata.context': `${ORIGIN}/DynamicsNAV110/ODataV4/$metadata#Company('ORS%20Fribourg')/${set}`, value: [] });

/** A record of another system (NFAM) about the rich sample's person: found in NAV by its AHV number. */
function foreignRecord(): CaseRecord {
  const [record] = JSON.parse(fixture('rich.expected.json')) as CaseRecord[];
  return { ...record!, source: { ...record!.source, system: 'nfam', institutionId: 'be-asi', localCaseId: 'NFAM-2022-004127', localPersonId: 'p-1', extractedAt: '2025-03-03T09:15:22+01:00' } };
}

const delivery = (record: CaseRecord = foreignRecord()): DeliveryRequest =>
  deliveryRequest(record, { transferId: '0b8f1f8e-1111-4a4a-9a9a-000000000002', sender: 'be-asi', target: 'fr-ors' });

type Row = Record<string, unknown>;

/** NAV in memory: cards and the rows posted to them, served the way the transport asks. */
function fakeNav(options: { preconditionFailures?: number } = {}) {
  const cards: Row[] = [];
  const rows: Record<string, Row[]> = Object.fromEntries(SUBS.map((s) => [s, []]));
  const calls: string[] = [];
  let version = 0;
  let failures = options.preconditionFailures ?? 0;
  const etag = (): string => `W/"JzE${++version}OzEn"`;
  const byNo = (uri: string): Row | undefined => cards.find((c) => uri.includes(`Beneficiaires('${String(c.No)}')`));
  const scope = nock(ORIGIN)
    .persist()
    .matchHeader('authorization', BASIC)
    .get(/.*/)
    .reply(function (uri) {
      calls.push(`GET ${decodeURIComponent(uri.slice(ROOT.length + 1))}`);
      const url = new URL(`${ORIGIN}${uri}`);
      const filter = url.searchParams.get('$filter') ?? '';
      const set = decodeURIComponent(url.pathname.slice(ROOT.length + 1));
      if (set.startsWith('Beneficiaires(')) {
        const card = byNo(decodeURIComponent(url.pathname));
        return card ? [200, card] : [404, { error: { code: 'Internal_RecordNotFound', message: 'not found' } }];
      }
      if (set === 'Beneficiaires') {
        const vn = /No_AVS eq '([^']*)'/.exec(filter)?.[1];
        return [200, { ...empty('Beneficiaires'), value: cards.filter((c) => c.No_AVS === vn) }];
      }
      const no = /Beneficiaire_No eq '([^']*)'/.exec(filter)?.[1];
      return [200, { ...empty(set), value: (rows[set] ?? []).filter((r) => r.Beneficiaire_No === no) }];
    })
    .post(/.*/)
    .reply(function (uri, body) {
      const set = decodeURIComponent(uri.slice(ROOT.length + 1));
      calls.push(`POST ${set}`);
      const row = body as Row;
      if (set === 'Beneficiaires') {
        const card = { '@odata.etag': etag(), No: `BEN-00${9000 + cards.length}`, ...row, BeneficiaireStatuts: [], BeneficiaireResponsabilites: [] };
        cards.push(card);
        return [201, card];
      }
      const nav = /^Beneficiaires\('([^']*)'\)\/(\w+)$/.exec(set);
      if (nav) {
        const card = cards.find((c) => c.No === nav[1]);
        (card![nav[2]!] as Row[]).push(row);
        return [201, row];
      }
      rows[set]!.push(row);
      return [201, { '@odata.etag': etag(), ...row }];
    })
    .patch(/.*/)
    .reply(function (uri, body) {
      calls.push(`PATCH ${decodeURIComponent(uri.slice(ROOT.length + 1))} ${String(this.req.headers['if-match'])}`);
      const card = byNo(decodeURIComponent(uri));
      if (!card) return [404, {}];
      if (failures > 0 || this.req.headers['if-match'] !== card['@odata.etag']) {
        failures -= 1;
        card['@odata.etag'] = etag();
        return [412, { error: { code: 'Internal_EntityChanged', message: 'MEHARI changed' } }];
      }
      Object.assign(card, body as Row, { '@odata.etag': etag() });
      return [200, card];
    });
  return { cards, rows, calls, scope };
}

describe('Navision transport', () => {
  mockedNetwork();

  it('reads a beneficiary by No with Basic credentials: the entity, then its five sub-queries', async () => {
    const scope = nock(ORIGIN)
      .matchHeader('authorization', BASIC)
      .get(`${ROOT}/Beneficiaires('BEN-005120')`)
      .query({ $expand: 'BeneficiaireStatuts,BeneficiaireResponsabilites' })
      .reply(200, fixture('minimal.beneficiaire.json'));
    for (const set of SUBS) scope.get(`${ROOT}/${set}`).query({ $filter: "Beneficiaire_No eq 'BEN-005120'" }).reply(200, fixture(`minimal.${set.toLowerCase()}.json`));
    const { record, nativeId } = await connect(settings()).read({ localCaseId: 'DOS-2024-0611', localPersonId: 'BEN-005120' });
    scope.done();
    expect(nativeId).toBe('BEN-005120');
    expect(record.source).toMatchObject({ system: 'navision', institutionId: 'fr-ors', localPersonId: 'BEN-005120', extractedAt: '2025-03-03T09:15:23+01:00' });
  });

  it('follows a sub-query’s own @odata.nextLink: a page of beneficiaries can hold more rows than NAV serves at once', async () => {
    const notes = JSON.parse(fixture('rich.notes_beneficiaire.json')) as { value: Row[] };
    const link = `${ORIGIN}${ROOT}/Notes_Beneficiaire?$filter=Beneficiaire_No%20eq%20'BEN-003902'&$skiptoken=2`;
    const scope = nock(ORIGIN).get(`${ROOT}/Beneficiaires('BEN-003902')`).query(true).reply(200, fixture('rich.beneficiaire.json'));
    for (const set of SUBS) {
      const filtered = scope.get(`${ROOT}/${set}`).query({ $filter: "Beneficiaire_No eq 'BEN-003902'" });
      if (set === 'Notes_Beneficiaire') filtered.reply(200, { ...notes, value: notes.value.slice(0, 2), '@odata.nextLink': link });
      else filtered.reply(200, fixture(`rich.${set.toLowerCase()}.json`));
    }
    scope.get(`${ROOT}/Notes_Beneficiaire`).query({ $filter: "Beneficiaire_No eq 'BEN-003902'", $skiptoken: '2' }).reply(200, { ...notes, value: notes.value.slice(2) });
    const { record } = await connect(settings()).read({ localCaseId: 'DOS-2021-0417', localPersonId: 'BEN-003902' });
    scope.done();
    expect(record.journal).toHaveLength(notes.value.length);
  });

  it('classifies failures: 503 retryable with Retry-After, 404 permanent; no body in the message', async () => {
    nock(ORIGIN).get(`${ROOT}/Beneficiaires('BEN-1')`).query(true).reply(503, 'MEHARI Dawit', { 'retry-after': '30' });
    const busy = (await connect(settings()).read({ localCaseId: 'd', localPersonId: 'BEN-1' }).catch((e: unknown) => e)) as UpstreamError;
    expect(busy).toMatchObject({ code: 'navision.unavailable', retryable: true, retryAfterMs: 30_000 });
    expect(busy.message).not.toContain('MEHARI');
    nock(ORIGIN).get(`${ROOT}/Beneficiaires('BEN-2')`).query(true).reply(404, { error: { message: 'BEN-2 MEHARI' } });
    const gone = (await connect(settings()).read({ localCaseId: 'd', localPersonId: 'BEN-2' }).catch((e: unknown) => e)) as UpstreamError;
    expect(gone).toMatchObject({ code: 'navision.refused', retryable: false });
    expect(gone.message).not.toContain('MEHARI');
  });

  it('a body that is not JSON is NAV’s trouble, worth another attempt', async () => {
    nock(ORIGIN).get(`${ROOT}/Beneficiaires('BEN-1')`).query(true).reply(200, '<html>proxy</html>');
    await expect(connect(settings()).read({ localCaseId: 'd', localPersonId: 'BEN-1' })).rejects.toMatchObject({ code: 'navision.invalid-answer', retryable: true });
  });

  it('polls one page per call, follows @odata.nextLink as is, and starts the next poll after the latest stamp seen', async () => {
    const subs = nock(ORIGIN);
    const page = (n: 1 | 2, nos: string) => {
      for (const set of SUBS) subs.get(`${ROOT}/${set}`).query({ $filter: nos }).reply(200, fixture(`edge.page${n}.${set.toLowerCase()}.json`));
    };
    const scope = nock(ORIGIN)
      .matchHeader('prefer', 'odata.maxpagesize=2')
      .get(`${ROOT}/Beneficiaires`)
      .query({ $filter: 'Derniere_Modif_Dossier gt 2025-02-12T00:00:00Z', $expand: 'BeneficiaireStatuts,BeneficiaireResponsabilites', $orderby: 'No' })
      .reply(200, fixture('edge.page1.beneficiaires.json'));
    page(1, "Beneficiaire_No eq 'BEN-001455' or Beneficiaire_No eq 'BEN-004401'");
    scope
      .get(`${ROOT}/Beneficiaires`)
      .query({ $filter: 'Derniere_Modif_Dossier gt 2025-02-12T00:00:00Z', $expand: 'BeneficiaireStatuts,BeneficiaireResponsabilites', $orderby: 'No', $skiptoken: "'BEN-004401'" })
      .reply(200, fixture('edge.page2.beneficiaires.json'));
    page(2, "Beneficiaire_No eq 'BEN-004402'");
    scope
      .get(`${ROOT}/Beneficiaires`)
      .query({ $filter: 'Derniere_Modif_Dossier gt 2025-02-12T09:31:00.450Z', $expand: 'BeneficiaireStatuts,BeneficiaireResponsabilites', $orderby: 'No' })
      .reply(200, empty('Beneficiaires'));

    const connection = connect(settings({ pageSize: 2 }));
    const first = await connection.listChanges!(pollCursorSince('2025-02-12T00:00:00Z'), 200);
    expect(first.more).toBe(true);
    expect(JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString())).toMatchObject({ since: '2025-02-12T00:00:00Z', next: expect.stringContaining("$skiptoken='BEN-004401'") });
    expect(first.records.map((r) => r.source.localPersonId)).toEqual(['BEN-001455', 'BEN-004401']);
    expect(first.stamps!.map((x) => x.version)).toEqual(['2025-02-12T08:00:10.000Z', '2025-02-12T09:31:00.450Z']);
    expect(first.stamps!.every((x) => x.occurredAt.endsWith('+01:00'))).toBe(true);
    expect(first.refs).toEqual({});

    const second = await connection.listChanges!(first.nextCursor, 200);
    expect(second.more).toBe(false);
    expect(second.records.map((r) => r.source.localPersonId)).toEqual(['BEN-004402']);
    expect(JSON.parse(Buffer.from(second.nextCursor, 'base64url').toString())).toEqual({ since: '2025-02-12T09:31:00.450Z' });

    // Caught up: an empty page runs no sub-query and keeps where the poll stands.
    const third = await connection.listChanges!(second.nextCursor, 200);
    scope.done();
    subs.done();
    expect(third).toMatchObject({ records: [], rejections: [], more: false, nextCursor: second.nextCursor });
  });

  it('asks for at most the limit per page', async () => {
    const scope = nock(ORIGIN).matchHeader('prefer', 'odata.maxpagesize=50').get(`${ROOT}/Beneficiaires`).query(true).reply(200, empty('Beneficiaires'));
    await connect(settings()).listChanges!(null, 50);
    scope.done();
  });

  it('refuses a cursor it did not give out, and a next link to another host', async () => {
    await expect(connect(settings()).listChanges!('bm90LWEtY3Vyc29y', 2)).rejects.toMatchObject({ code: 'navision.cursor-invalid' });
    const injected = Buffer.from(JSON.stringify({ since: "2025-01-01T00:00:00Z or No eq 'x'" })).toString('base64url');
    await expect(connect(settings()).listChanges!(injected, 2)).rejects.toMatchObject({ code: 'navision.cursor-invalid' });
    const elsewhere = Buffer.from(JSON.stringify({ since: '2025-01-01T00:00:00Z', next: 'https://evil.example/Beneficiaires' })).toString('base64url');
    await expect(connect(settings()).listChanges!(elsewhere, 2)).rejects.toMatchObject({ code: 'navision.invalid-answer', retryable: false });
  });

  it('delivers a new person: the card without No, then each sub-record with the No NAV gave', async () => {
    const nav = fakeNav();
    const receipt = await connect(settings()).deliver(delivery());
    expect(nav.calls.slice(0, 2)).toEqual(["GET Beneficiaires?$filter=No_AVS eq '7564920173341'&$expand=BeneficiaireStatuts,BeneficiaireResponsabilites", 'POST Beneficiaires']);
    expect(nav.calls.slice(2)).toEqual([
      ...Array(3).fill("POST Beneficiaires('BEN-009000')/BeneficiaireStatuts"),
      ...Array(2).fill("POST Beneficiaires('BEN-009000')/BeneficiaireResponsabilites"),
      ...Array(2).fill('POST Bilans_Potentiel'),
      ...Array(6).fill('POST Mesures_Integration'),
      ...Array(4).fill('POST Notes_Beneficiaire'),
      ...Array(6).fill('POST Documents_Beneficiaire'),
      ...Array(3).fill('POST Autorisations'),
    ]);
    expect(nav.cards[0]).not.toHaveProperty('Derniere_Modif_Dossier');
    expect(Object.values(nav.rows).flat().every((r) => r.Beneficiaire_No === 'BEN-009000')).toBe(true);
    expect(receipt).toMatchObject({ reference: 'BEN-009000', status: 'created', details: { httpStatus: 201, subRecords: 26 } });
  });

  it('is idempotent on the transfer: the same delivery again updates the card with If-Match and posts nothing twice', async () => {
    const nav = fakeNav();
    const connection = connect(settings());
    await connection.deliver(delivery());
    nav.calls.length = 0;
    const again = await connection.deliver(delivery());
    expect(nav.cards).toHaveLength(1);
    expect(nav.calls.filter((c) => c.startsWith('POST'))).toEqual([]);
    expect(nav.calls.filter((c) => c.startsWith('PATCH'))).toEqual([`PATCH Beneficiaires('BEN-009000') W/"JzE1OzEn"`]);
    expect(again).toMatchObject({ reference: 'BEN-009000', status: 'updated', details: { httpStatus: 200, subRecords: 0 } });
  });

  it('an update leaves out NAV blanks, so withheld data is not cleared', async () => {
    const nav = fakeNav();
    const connection = connect(settings());
    await connection.deliver(delivery());
    const before = { ...nav.cards[0]! };
    const { integrationPlan: _plan, employment: _employment, ...withheld } = foreignRecord();
    await connection.deliver(delivery(withheld as CaseRecord));
    expect(nav.cards[0]).toMatchObject({ Plan_No: before.Plan_No, Plan_Version: before.Plan_Version, Situation_Emploi: before.Situation_Emploi });
  });

  it('a 412 reads the card again and retries once', async () => {
    const nav = fakeNav({ preconditionFailures: 1 });
    const connection = connect(settings());
    await connection.deliver(delivery());
    nav.calls.length = 0;
    const receipt = await connection.deliver(delivery());
    expect(receipt.status).toBe('updated');
    expect(nav.calls.filter((c) => !c.startsWith('GET ') || c.startsWith("GET Beneficiaires('"))).toEqual([
      `PATCH Beneficiaires('BEN-009000') W/"JzE1OzEn"`,
      "GET Beneficiaires('BEN-009000')?$expand=BeneficiaireStatuts,BeneficiaireResponsabilites",
      expect.stringMatching(/^PATCH Beneficiaires\('BEN-009000'\) W\/"JzE\d+OzEn"$/),
    ]);
    expect(nav.calls.at(-1)).not.toContain('JzE1OzEn');
  });

  it('a second 412 is worth a later attempt, and says nothing of the answer', async () => {
    const nav = fakeNav({ preconditionFailures: 2 });
    const connection = connect(settings());
    await connection.deliver(delivery());
    nav.calls.length = 0;
    const error = (await connection.deliver(delivery()).catch((e: unknown) => e)) as UpstreamError;
    expect(error).toMatchObject({ code: 'navision.precondition-failed', retryable: true, details: { httpStatus: 412 } });
    expect(error.message).not.toContain('MEHARI');
    expect(nav.calls.filter((c) => c.startsWith('PATCH'))).toHaveLength(2);
    expect(nav.calls.filter((c) => c.startsWith('POST'))).toEqual([]);
  });

  it('refuses before sending a record with an institution NAV has no code for', async () => {
    const record = foreignRecord();
    const other = { ...record, responsibility: { ...record.responsibility, institutionId: 'be-asi' } };
    await expect(connect(settings()).deliver(delivery(other))).rejects.toMatchObject({ code: expect.stringMatching(/^mapping\./) });
  });

  it('names settings and secrets that are missing, with navision codes and no value', () => {
    expect(() => connect(settings({}, {}))).toThrow(expect.objectContaining({ code: 'navision.secret-missing', details: { field: 'settings.username' } }));
    expect(() => connect(settings({}, { NAVISION_USERNAME: 'u' }))).toThrow(expect.objectContaining({ code: 'navision.secret-missing', details: { field: 'settings.password' } }));
    expect(() => connect(settings({ baseUrl: 'nav.example' }))).toThrow(expect.objectContaining({ code: 'navision.settings-invalid', details: { field: 'settings.baseUrl' } }));
    expect(() => connect(settings({ pageSize: 0 }))).toThrow(expect.objectContaining({ code: 'navision.settings-invalid', details: { field: 'settings.pageSize' } }));
  });

  it('the settings schema takes the sample configuration and refuses an unknown key or a written secret', () => {
    const institution = (s: Record<string, unknown>) => ({ id: 'fr-ors', settings: { ...SAMPLE_CONTEXT.settings, ...s } });
    expect(() => checkSettings(adapter, institution({ timeoutSeconds: 20, pageSize: 100 }))).not.toThrow();
    expect(() => checkSettings(adapter, institution({ colour: 'red' }))).toThrow('settings.colour has a setting the adapter does not know');
    expect(() => checkSettings(adapter, institution({ password: 'wsak-s3cret' }))).toThrow(expect.objectContaining({ code: 'adapter.settings-invalid' }));
  });
});
