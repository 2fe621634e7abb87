import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, ChangePage, ConnectionSettings, DeliveryRequest } from '../../src/adapters/sdk.js';
import { ConfigError, MappingError, readExpected, UpstreamError } from '../../src/adapters/sdk.js';
import { asForeign, jsonInput, mockedNetwork, deliveryRequest } from '../../src/adapters/testing.js';
import { checkSettings } from '../../src/adapters/settings/check.js';
import { personBody } from './from-contract.js';
import { adapter } from './index.js';
import { fixture, FIXTURES, type Body } from './test-support.js';
import { JU_CONTEXT, SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { connect, pollCursorSince, READ_MODULES } from './transport.js';

const ORIGIN = 'https://lora.vs.example';
const PERSONNES = '/lora/api/v2/personnes';
const BASIC = `Basic ${Buffer.from('passerelle:s3cret-pw').toString('base64')}`;
// A name of the samples: no message or receipt may carry what Lora sent.
const MARKER = 'Noori Parwana';

const settings = (extra: Record<string, unknown> = {}, env: Record<string, string> = { LORA_VS_PASSWORD: 's3cret-pw' }): ConnectionSettings => ({
  ...SAMPLE_CONTEXT,
  now: () => new Date('2024-03-15T06:00:00Z'),
  env,
  settings: { ...SAMPLE_CONTEXT.settings, ...extra },
});

const query = (modifieApres: string, page: number, parPage: number): Record<string, string> => ({ modifieApres, page: String(page), parPage: String(parPage), modules: READ_MODULES });
const lora = (): nock.Scope => nock(ORIGIN).matchHeader('authorization', BASIC).matchHeader('accept', 'application/json');
const decoded = (cursor: string): unknown => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
const withoutExtractedAt = (records: readonly CaseRecord[]): unknown[] => records.map(({ source: { extractedAt: _e, ...source }, ...r }) => ({ ...r, source }));
const expected = (name: string): unknown => readExpected(FIXTURES, name);
const emptyPage = (): Body => ({ ...fixture('edge.page1.json'), pagination: { page: 1, parPage: 50, nbElements: 0, nbPages: 0, suivante: null }, personnes: [] });

/** The edge sample's page cut in two, one person each: page 1 names its successor with `suivante`. */
function edgeInTwo(suivante: unknown = 2): [Body, Body] {
  const page = fixture('edge.page1.json');
  const [first, second] = page.personnes as Body[];
  return [
    { ...page, pagination: { page: 1, parPage: 1, nbElements: 2, nbPages: 2, suivante }, personnes: [first] },
    { ...page, pagination: { page: 2, parPage: 1, nbElements: 2, nbPages: 2, suivante: null }, personnes: [second] },
  ];
}

const failure = async (promise: Promise<unknown>): Promise<UpstreamError> => (await promise.then(() => undefined, (e: unknown) => e)) as UpstreamError;

describe('Lora transport: the poll', () => {
  mockedNetwork();

  it.each([
    ['minimal', '2024-03-14 00:00:00', '2024-03-14 10:12:40'],
    ['rich', '2024-03-14 00:00:00', '2024-03-14 16:02:11'],
    ['edge', '2024-02-27 00:00:00', '2024-02-28 15:44:19'],
  ])('polls the %s page with the request FORMAT prescribes and yields its expected records', async (name, since, latest) => {
    const scope = lora().get(PERSONNES).query(query(since, 1, 50)).reply(200, fixture(`${name}.page1.json`));
    const page = await connect(settings()).listChanges!(pollCursorSince(since), 50);
    scope.done();
    expect(page.rejections).toEqual([]);
    expect(withoutExtractedAt(page.records)).toEqual(expected(name));
    expect(page.more).toBe(false);
    // Caught up: the next poll starts after the largest modifieLe served.
    expect(decoded(page.nextCursor)).toEqual({ since: latest });
  });

  it('follows pagination.suivante page by page and starts the next poll strictly after the largest modifieLe', async () => {
    const [one, two] = edgeInTwo();
    const scope = lora()
      .get(PERSONNES).query(query('2024-02-27 00:00:00', 1, 1)).reply(200, one)
      .get(PERSONNES).query(query('2024-02-27 00:00:00', 2, 1)).reply(200, two)
      .get(PERSONNES).query(query('2024-02-28 15:44:19', 1, 1)).reply(200, emptyPage());
    const connection = connect(settings({ pageSize: 1 }));
    const first = await connection.listChanges!(pollCursorSince('2024-02-27 00:00:00'), 200);
    expect(first.more).toBe(true);
    expect(decoded(first.nextCursor)).toEqual({ since: '2024-02-27 00:00:00', page: 2, parPage: 1, max: '2024-02-27 08:31:00' });
    expect(first.stamps).toEqual([{ version: '2024-02-27 08:31:00', occurredAt: '2024-02-27T08:31:00+01:00' }]);
    // The handle a later read starts from, by case number.
    expect(first.refs).toEqual({ 'VS-2021-0710': '21003@2024-02-27 08:31:00' });
    const second = await connection.listChanges!(first.nextCursor, 200);
    expect(second.more).toBe(false);
    expect(decoded(second.nextCursor)).toEqual({ since: '2024-02-28 15:44:19' });
    expect(withoutExtractedAt([...first.records, ...second.records])).toEqual(expected('edge'));
    const third = await connection.listChanges!(second.nextCursor, 200);
    scope.done();
    expect(third).toMatchObject({ records: [], rejections: [], refs: {}, more: false, nextCursor: second.nextCursor });
  });

  it('a new connection given the cursor saved after page 1 turns every change into exactly one record', async () => {
    const [one, two] = edgeInTwo();
    const scope = lora()
      .get(PERSONNES).query(query('2024-02-27 00:00:00', 1, 1)).reply(200, one)
      // Page 2 with the parPage the poll began with, whatever the new call's limit.
      .get(PERSONNES).query(query('2024-02-27 00:00:00', 2, 1)).reply(200, two)
      .get(PERSONNES).query(query('2024-02-28 15:44:19', 1, 50)).reply(200, emptyPage());
    const before = await connect(settings()).listChanges!(pollCursorSince('2024-02-27 00:00:00'), 1);
    // The process stops here; what it saved is the cursor.
    const restarted = connect(settings());
    const rest = await restarted.listChanges!(before.nextCursor, 200);
    expect(rest.more).toBe(false);
    const next = await restarted.listChanges!(rest.nextCursor, 200);
    scope.done();
    const pages: ChangePage[] = [before, rest, next];
    const records = pages.flatMap((p) => p.records);
    expect(records.map((r) => r.source.localPersonId)).toEqual(['21003', '21340']);
    expect(withoutExtractedAt(records)).toEqual(expected('edge'));
  });

  it('follows a suivante link of its own host as it is, and refuses one to another host', async () => {
    const link = `${PERSONNES}?modifieApres=2024-02-27%2000%3A00%3A00&page=2&parPage=1&modules=${READ_MODULES}`;
    const [one, two] = edgeInTwo(link);
    const scope = lora()
      .get(PERSONNES).query(query('2024-02-27 00:00:00', 1, 1)).reply(200, one)
      .get(PERSONNES).query(query('2024-02-27 00:00:00', 2, 1)).reply(200, two);
    const connection = connect(settings({ pageSize: 1 }));
    const first = await connection.listChanges!(pollCursorSince('2024-02-27 00:00:00'), 50);
    expect(decoded(first.nextCursor)).toMatchObject({ link: `${ORIGIN}${link}` });
    const second = await connection.listChanges!(first.nextCursor, 50);
    scope.done();
    expect(second.records.map((r) => r.source.localPersonId)).toEqual(['21340']);

    const [away] = edgeInTwo('https://elsewhere.example/lora/api/v2/personnes?page=2');
    lora().get(PERSONNES).query(true).reply(200, away);
    expect(await failure(connection.listChanges!(null, 1))).toMatchObject({ code: 'lora.invalid-answer', retryable: false, details: { field: 'pagination.suivante' } });
  });

  it('a modifieLe in RFC 3339 (Lora 2.4) is compared as the local time it stands for', async () => {
    const page = fixture('minimal.page1.json');
    (page.personnes as Body[])[0]!.modifieLe = '2024-06-14T08:12:40Z';
    const scope = lora().get(PERSONNES).query(true).reply(200, page);
    const result = await connect(settings()).listChanges!(null, 50);
    scope.done();
    expect(decoded(result.nextCursor)).toEqual({ since: '2024-06-14 10:12:40' });
  });

  it('a poll without a cursor starts at the beginning; the limit bounds parPage', async () => {
    const scope = lora().get(PERSONNES).query(query('1970-01-01 00:00:00', 1, 20)).reply(200, emptyPage());
    const page = await connect(settings()).listChanges!(null, 20);
    scope.done();
    expect(decoded(page.nextCursor)).toEqual({ since: '1970-01-01 00:00:00' });
  });

  it.each([401, 403])('%s is the SDK’s permanent auth failure, pointing at the credentials, without the body', async (status) => {
    const scope = lora().get(PERSONNES).query(true).reply(status, { message: `compte ${MARKER} bloqué` });
    const error = await failure(connect(settings()).listChanges!(null, 50));
    scope.done();
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'lora.auth-failed', retryable: false, details: { httpStatus: status } });
    expect(error.message).toContain('credentials');
    expect(error.message).not.toContain(MARKER);
  });

  it('500 and 429 are worth another attempt; 429 carries Retry-After', async () => {
    const scope = lora()
      .get(PERSONNES).query(true).reply(500, `<pre>${MARKER}</pre>`)
      .get(PERSONNES).query(true).reply(429, { message: MARKER }, { 'retry-after': '120' });
    const down = await failure(connect(settings()).listChanges!(null, 50));
    const busy = await failure(connect(settings()).listChanges!(null, 50));
    scope.done();
    expect(down).toBeInstanceOf(UpstreamError);
    expect(down).toMatchObject({ code: 'lora.unavailable', retryable: true, retryAfterMs: undefined, details: { httpStatus: 500 } });
    expect(busy).toMatchObject({ code: 'lora.unavailable', retryable: true, retryAfterMs: 120_000, details: { httpStatus: 429 } });
    expect(`${down.message} ${busy.message}`).not.toContain(MARKER);
  });

  it.each([
    ['a body that is not JSON', `<html>${MARKER}</html>`, undefined],
    ['a page that is not an object', [MARKER], 'the page'],
    ['personnes that is not a list', { ...emptyPage(), personnes: MARKER }, 'personnes'],
    ['a person that is not an object', { ...emptyPage(), personnes: [(fixture('edge.page1.json').personnes as Body[])[0], MARKER] }, 'personnes[1]'],
    ['no pagination', { ...emptyPage(), pagination: MARKER }, 'pagination'],
    ['a suivante of the wrong kind', { ...emptyPage(), pagination: { page: 1, suivante: { texte: MARKER } } }, 'pagination.suivante'],
    ['a suivante that is not further on', { ...emptyPage(), pagination: { page: 3, suivante: 2 } }, 'pagination.suivante'],
  ])('%s is a typed, retryable error naming the field, never the body', async (_what, body, field) => {
    const scope = lora().get(PERSONNES).query(true).reply(200, typeof body === 'string' ? body : JSON.stringify(body), { 'content-type': 'application/json' });
    const error = await failure(connect(settings()).listChanges!(null, 50));
    scope.done();
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'lora.invalid-answer', retryable: true, details: { httpStatus: 200 } });
    if (field) expect(error.details.field).toBe(field);
    expect(error.message).not.toContain(MARKER);
  });

  it('a page of another instance is a settings fault, refused whole', async () => {
    const scope = lora().get(PERSONNES).query(true).reply(200, { ...fixture('edge.page1.json'), instance: 'JU' });
    const error = await failure(connect(settings()).listChanges!(null, 50));
    scope.done();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'lora.wrong-instance', details: { field: 'settings.instance' } });
  });

  it('a person that breaks the contract is a rejection; the others on the page go on', async () => {
    const page = fixture('edge.page1.json');
    ((page.personnes as Body[])[0]!.modules as Body).SEJOUR = { acces: 'REFUSE' };
    const scope = lora().get(PERSONNES).query(true).reply(200, page);
    const result = await connect(settings()).listChanges!(null, 50);
    scope.done();
    expect(result.rejections.map((r) => r.nativeId)).toEqual(['21003']);
    expect(result.records.map((r) => r.source.localPersonId)).toEqual(['21340']);
    expect(decoded(result.nextCursor)).toEqual({ since: '2024-02-28 15:44:19' });
  });

  it('refuses a cursor it did not give out, and a poll start that is not a local time', async () => {
    const forged = (c: unknown): string => Buffer.from(JSON.stringify(c)).toString('base64url');
    for (const cursor of ['bm90LWEtY3Vyc29y', forged({ since: '2024-01-01 00:00:00&page=9' }), forged({ since: '2024-02-30 00:00:00' }), forged({ since: '2024-01-01 00:00:00', page: 2 })]) {
      await expect(connect(settings()).listChanges!(cursor, 50)).rejects.toMatchObject({ code: 'lora.cursor-invalid' });
    }
    expect(() => pollCursorSince('2024-02-27T00:00:00Z')).toThrow(expect.objectContaining({ code: 'lora.cursor-invalid' }));
  });
});

describe('Lora transport: a read', () => {
  mockedNetwork();

  it('starts one second before the modifieLe of the handle a poll gave, and maps the person alone', async () => {
    const scope = lora().get(PERSONNES).query(query('2024-02-28 15:44:18', 1, 50)).reply(200, fixture('edge.page1.json'));
    const { record, nativeId } = await connect(settings()).read({ localCaseId: 'VS-2022-0233', localPersonId: '21340', nativeId: '21340@2024-02-28 15:44:19' });
    scope.done();
    expect(withoutExtractedAt([record])).toEqual([(expected('edge') as unknown[])[1]]);
    expect(nativeId).toBe('21340@2024-02-28 15:44:19');
  });

  it('without a handle of its own person it walks the poll from the start, page by page, until it meets the person', async () => {
    const [one, two] = edgeInTwo();
    const scope = lora()
      .get(PERSONNES).query(query('1970-01-01 00:00:00', 1, 1)).reply(200, one)
      .get(PERSONNES).query(query('1970-01-01 00:00:00', 2, 1)).reply(200, two);
    const { record } = await connect(settings({ pageSize: 1 })).read({ localCaseId: 'VS-2022-0233', localPersonId: '21340', nativeId: '21003@2024-02-27 08:31:00' });
    scope.done();
    expect(record.source).toMatchObject({ localPersonId: '21340', localCaseId: 'VS-2022-0233' });
  });

  it('a person Lora does not serve, or an id that is not Lora’s, is a permanent error naming localPersonId', async () => {
    const scope = lora().get(PERSONNES).query(true).reply(200, fixture('minimal.page1.json'));
    const missing = await failure(connect(settings()).read({ localCaseId: 'VS-2022-0233', localPersonId: '21340' }));
    scope.done();
    expect(missing).toMatchObject({ code: 'lora.person-not-found', retryable: false, details: { field: 'localPersonId' } });
    const foreign = await failure(connect(settings()).read({ localCaseId: 'x', localPersonId: 'BEN-005120' }));
    expect(foreign).toMatchObject({ code: 'lora.person-not-found', retryable: false });
  });

  it('a person that breaks the contract throws its mapping error, naming the field', async () => {
    const page = fixture('edge.page1.json');
    ((page.personnes as Body[])[1]!.modules as Body).SEJOUR = { acces: 'REFUSE' };
    const scope = lora().get(PERSONNES).query(true).reply(200, page);
    const error = await failure(connect(settings()).read({ localCaseId: 'VS-2022-0233', localPersonId: '21340' }));
    scope.done();
    expect(error).toBeInstanceOf(MappingError);
    expect(error.details).toMatchObject({ nativeField: 'SEJOUR', nativeId: '21340' });
  });
});

describe('Lora transport: a delivery', () => {
  mockedNetwork();

  const ctx = settings();
  const richRecord = (): CaseRecord => toContract([jsonInput('p', fixture('rich.page1.json'))], ctx).records[0]!;
  /** The rich sample's person as another system (CaseNet) hands it over. */
  const foreign = (edit?: (r: CaseRecord) => void): CaseRecord => asForeign(richRecord(), 'casenet', edit);
  const delivery = (record: CaseRecord = foreign()): DeliveryRequest =>
    deliveryRequest(record, { transferId: '0b8f1f8e-1111-4a4a-9a9a-000000000003', sender: 'ne-sasi', target: 'vs-office-asile' });
  const WRITTEN = ['INFO_PRIMAIRE', 'SEJOUR', 'ENCADREMENT', 'INTEGRATION', 'JOURNAL', 'DOCUMENTS', 'AUTORISATIONS'];

  it('POSTs { modules } with Basic credentials; the 201 body is the receipt', async () => {
    const body = personBody(foreign(), ctx);
    const scope = lora()
      .post(PERSONNES, (sent: Body) => JSON.stringify(sent) === JSON.stringify(body))
      .reply(201, { idLora: 22001, noDossier: 'VS-2024-0099', modulesEnregistres: WRITTEN, modulesRefuses: [] });
    const receipt = await connect(settings()).deliver(delivery());
    scope.done();
    expect(Object.keys(body.modules)).toEqual(WRITTEN);
    expect(receipt).toEqual({
      at: '2024-03-15T07:00:00+01:00',
      reference: '22001',
      status: 'created',
      details: { httpStatus: 201, noDossier: 'VS-2024-0099', modulesEnregistres: WRITTEN.join(',') },
    });
  });

  it('reports the modules Lora refused: their codes, a motif only when it is a code, never free text', async () => {
    const scope = lora()
      .post(PERSONNES)
      .reply(201, {
        idLora: 22001,
        noDossier: 'VS-2024-0099',
        modulesEnregistres: ['INFO_PRIMAIRE', 'SEJOUR', 'ENCADREMENT', 'INTEGRATION', 'DOCUMENTS', 'AUTORISATIONS'],
        modulesRefuses: [{ module: 'JOURNAL', motif: 'SERVICE_INCONNU' }, { module: 'DOCUMENTS', motif: `Document de ${MARKER} refusé` }],
      });
    const receipt = await connect(settings()).deliver(delivery());
    scope.done();
    expect(receipt.details).toMatchObject({ modulesRefuses: 'JOURNAL,DOCUMENTS', 'motif.JOURNAL': 'SERVICE_INCONNU' });
    expect(receipt.details).not.toHaveProperty('motif.DOCUMENTS');
    expect(JSON.stringify(receipt)).not.toContain(MARKER);
  });

  it('a 409 names the person Lora knows: then each module is PUT to it, in order, as written', async () => {
    const body = personBody(foreign(), ctx);
    const scope = lora().post(PERSONNES).reply(409, { idLora: 20345 });
    WRITTEN.forEach((code, i) => {
      scope.put(`${PERSONNES}/20345/modules/${code}`, (sent: unknown) => JSON.stringify(sent) === JSON.stringify(body.modules[code])).reply(200, { module: code, version: i + 2 });
    });
    const receipt = await connect(settings()).deliver(delivery());
    scope.done();
    expect(receipt).toMatchObject({ reference: '20345', status: 'updated', details: { httpStatus: 409, modulesEnregistres: WRITTEN.join(','), 'version.INFO_PRIMAIRE': 2, 'version.AUTORISATIONS': 8 } });
  });

  it('a module PUT that fails is the SDK’s typed failure: a 503 is worth another attempt, which redoes the POST and every PUT', async () => {
    const scope = lora()
      .post(PERSONNES).reply(409, { idLora: 20345 })
      .put(`${PERSONNES}/20345/modules/INFO_PRIMAIRE`).reply(200, { module: 'INFO_PRIMAIRE', version: 4 })
      .put(`${PERSONNES}/20345/modules/SEJOUR`).reply(503, MARKER, { 'retry-after': '30' });
    const error = await failure(connect(settings()).deliver(delivery()));
    scope.done();
    expect(error).toMatchObject({ code: 'lora.unavailable', retryable: true, retryAfterMs: 30_000 });
    expect(error.message).not.toContain(MARKER);
  });

  it.each([
    ['a 201 without an idLora', 201, { idLora: MARKER, noDossier: 'VS-2024-0099', modulesEnregistres: [] }, 'idLora'],
    ['a 201 with a module that is not a code', 201, { idLora: 22001, noDossier: 'VS-2024-0099', modulesEnregistres: [MARKER] }, 'modulesEnregistres[0]'],
    ['a 201 with a refusal without its module', 201, { idLora: 22001, noDossier: 'VS-2024-0099', modulesEnregistres: [], modulesRefuses: [{ motif: MARKER }] }, 'modulesRefuses[0].module'],
    ['a 201 without a case number', 201, { idLora: 22001, noDossier: MARKER, modulesEnregistres: [] }, 'noDossier'],
    ['a 409 without the idLora', 409, { message: `${MARKER} existe déjà` }, 'idLora'],
  ])('%s is a typed error naming the field, never the body', async (_what, status, answer, field) => {
    const scope = lora().post(PERSONNES).reply(status, answer);
    const error = await failure(connect(settings()).deliver(delivery()));
    scope.done();
    expect(error).toMatchObject({ code: 'lora.invalid-answer', retryable: true, details: { field, httpStatus: status } });
    expect(error.message).not.toContain(MARKER);
  });

  it('a PUT answered for another module is a typed error naming the field', async () => {
    const scope = lora().post(PERSONNES).reply(409, { idLora: 20345 }).put(`${PERSONNES}/20345/modules/INFO_PRIMAIRE`).reply(200, { module: 'SEJOUR', version: 1 });
    const error = await failure(connect(settings()).deliver(delivery()));
    scope.done();
    expect(error).toMatchObject({ code: 'lora.invalid-answer', details: { field: 'module' } });
  });

  it('a 422 of the POST is permanent, without the body', async () => {
    const scope = lora().post(PERSONNES).reply(422, { erreur: MARKER });
    const error = await failure(connect(settings()).deliver(delivery()));
    scope.done();
    expect(error).toMatchObject({ code: 'lora.refused', retryable: false, details: { httpStatus: 422 } });
    expect(error.message).not.toContain(MARKER);
  });

  it('refuses before sending a record with an institution Lora has no service code for', async () => {
    const record = foreign((r) => {
      r.responsibility.institutionId = 'ne-sasi';
    });
    // No scope: any request would fail the test with a refused connection, not a mapping error.
    const error = await failure(connect(settings()).deliver(delivery(record)));
    expect(error).toBeInstanceOf(MappingError);
    expect(error.code).toMatch(/^mapping\./);
  });
});

describe('Lora transport: settings', () => {
  it('names settings and secrets that are missing or wrong, with lora codes and no value', () => {
    expect(() => connect(settings({}, {}))).toThrow(expect.objectContaining({ code: 'lora.secret-missing', details: { field: 'settings.password' } }));
    expect(() => connect(settings({ password: 's3cret-pw' }))).toThrow(expect.objectContaining({ code: 'lora.settings-invalid', details: { field: 'settings.password' } }));
    expect(() => connect(settings({ username: { env: 'LORA_USER' } }))).toThrow(expect.objectContaining({ code: 'lora.secret-missing', details: { field: 'settings.username' } }));
    expect(() => connect(settings({ baseUrl: 'http://lora.vs.example/lora/api/v2' }))).toThrow(expect.objectContaining({ code: 'lora.settings-invalid', details: { field: 'settings.baseUrl' } }));
    expect(() => connect(settings({ baseUrl: 'https://user:pw@lora.vs.example/lora/api/v2' }))).toThrow(expect.objectContaining({ code: 'lora.settings-invalid', details: { field: 'settings.baseUrl' } }));
    expect(() => connect(settings({ pageSize: 0 }))).toThrow(expect.objectContaining({ code: 'lora.settings-invalid', details: { field: 'settings.pageSize' } }));
    expect(() => connect(settings({ timeoutSeconds: 0 }))).toThrow(expect.objectContaining({ code: 'lora.settings-invalid', details: { field: 'settings.timeoutSeconds' } }));
    expect(() => connect(settings({ instance: undefined }))).toThrow(expect.objectContaining({ code: 'lora.settings-invalid', details: { field: 'settings.instance' } }));
    // A test server on this machine may speak plain http.
    expect(() => connect(settings({ baseUrl: 'http://127.0.0.1:8080/lora/api/v2' }))).not.toThrow();
  });

  it('the settings schema takes the sample configuration and refuses an unknown key or a written secret', () => {
    const institution = (s: Record<string, unknown>) => ({ id: 'vs-office-asile', settings: { ...SAMPLE_CONTEXT.settings, ...s } });
    expect(() => checkSettings(adapter, institution({ timeoutSeconds: 20, pageSize: 100 }))).not.toThrow();
    expect(() => checkSettings(adapter, { id: 'ju-ajam', settings: JU_CONTEXT.settings })).not.toThrow();
    expect(() => checkSettings(adapter, institution({ colour: 'red' }))).toThrow('settings.colour has a setting the adapter does not know');
    expect(() => checkSettings(adapter, institution({ password: 's3cret-pw' }))).toThrow(expect.objectContaining({ code: 'adapter.settings-invalid' }));
  });
});
