import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, ConnectionSettings, DeliveryRequest } from '../../src/adapters/sdk.js';
import { UpstreamError } from '../../src/errors.js';
import { SAMPLE_ORGANISATIONS } from './testing.js';
import { connect, pollCursorSince } from './transport.js';
import { mockedNetwork, deliveryRequest } from '../../src/adapters/testing.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
const API = 'https://api.nfam.be.example';
const AUTH = 'https://auth.nfam.be.example';

const settings = (): ConnectionSettings => ({
  institutionId: 'be-asi',
  canton: 'BE',
  now: () => new Date('2025-03-03T08:15:23Z'),
  env: { NFAM_SECRET: 's3cret' },
  settings: {
    baseUrl: `${API}/v2`,
    tokenUrl: `${AUTH}/oauth2/token`,
    clientId: 'passerelle',
    clientSecret: { env: 'NFAM_SECRET' },
    organisations: SAMPLE_ORGANISATIONS,
  },
});

function token(times = 1): nock.Scope {
  return nock(AUTH)
    .post('/oauth2/token', 'grant_type=client_credentials&scope=cases%3Aread+cases%3Awrite')
    .basicAuth({ user: 'passerelle', pass: 's3cret' })
    .times(times)
    .reply(200, { access_token: 'tok', token_type: 'Bearer', expires_in: 900 });
}

const minimalRecord = (): CaseRecord => {
  const [record] = JSON.parse(fixture('minimal.expected.json')) as CaseRecord[];
  return { ...record!, source: { ...record!.source, extractedAt: '2025-03-03T09:15:22+01:00' } };
};

const delivery = (): DeliveryRequest => deliveryRequest(minimalRecord(), { transferId: '0b8f1f8e-1111-4a4a-9a9a-000000000001', sender: 'be-asi', target: 'be-region-mittelland' });

describe('NFAM transport', () => {
  mockedNetwork();

  it('reads a case by id with a client-credentials token, and caches the token', async () => {
    const auth = token(1);
    const api = nock(API)
      .get('/v2/cases/9fb47b3d-672c-5aa4-81b8-37185e8b64f0')
      .matchHeader('authorization', 'Bearer tok')
      .twice()
      .reply(200, fixture('minimal.case.json'), { 'content-type': 'application/json' });
    const connection = connect(settings());
    const ref = { localCaseId: 'NFAM-2023-001842', localPersonId: 'p', nativeId: '9fb47b3d-672c-5aa4-81b8-37185e8b64f0' };
    const { record } = await connection.read(ref);
    await connection.read(ref);
    auth.done();
    api.done();
    expect(record.source).toMatchObject({ localCaseId: 'NFAM-2023-001842', institutionId: 'be-asi', extractedAt: '2025-03-03T09:15:23+01:00' });
  });

  it('refuses to read without the case id, permanently', async () => {
    await expect(connect(settings()).read({ localCaseId: 'NFAM-1', localPersonId: 'p' })).rejects.toMatchObject({ code: 'nfam.case-id-unknown', retryable: false });
  });

  it('polls page by page with the exact queries of the edge sample', async () => {
    token();
    const api = nock(API)
      .get('/v2/cases')
      .query({ updatedSince: '2025-02-14T00:00:00Z', limit: '2' })
      .reply(200, fixture('edge.page1.json'))
      .get('/v2/cases')
      .query({ updatedSince: '2025-02-14T00:00:00Z', limit: '2', cursor: 'eyJ1IjoiMjAyNS0wMi0xNFQxMDoyMjowOS4wMDRaIiwiaWQiOiJmNTY3OTkxMC1iN2ZlLTVlZDItYTlmNi1hN2NhODNjN2FjNTAifQ' })
      .reply(200, fixture('edge.page2.json'));
    const connection = connect(settings());
    const first = await connection.listChanges!(pollCursorSince('2025-02-14T00:00:00Z'), 2);
    expect(first.more).toBe(true);
    const second = await connection.listChanges!(first.nextCursor, 2);
    api.done();
    expect(second.more).toBe(false);
    expect([...first.records, ...second.records].map((r) => r.source.localCaseId)).toEqual(['NFAM-2016-000377', 'NFAM-2022-002290', 'NFAM-2024-000915']);
    expect(first.refs).toEqual({ 'NFAM-2016-000377': '8c0f6e09-5170-5d0d-ae45-b068df44f0fe', 'NFAM-2022-002290': 'f5679910-b7fe-5ed2-a9f6-a7ca83c7ac50' });
  });

  it('skips a case seen again with the same version on the next poll (updatedSince is inclusive)', async () => {
    token();
    const page2 = fixture('edge.page2.json');
    nock(API).get('/v2/cases').query(true).twice().reply(200, page2);
    const connection = connect(settings());
    const first = await connection.listChanges!(pollCursorSince('2025-02-15T00:00:00Z'), 50);
    const again = await connection.listChanges!(first.nextCursor, 50);
    expect(first.records).toHaveLength(1);
    expect(again.records).toHaveLength(0);
  });

  it('delivers with the transfer id as idempotency key; the same key again is the same case', async () => {
    token();
    let body: Record<string, any> | undefined;
    const api = nock(API)
      .post('/v2/case-transfers', (b: Record<string, any>) => {
        body = b;
        return true;
      })
      .matchHeader('idempotency-key', delivery().transferId)
      .reply(201, { transferId: delivery().transferId, caseId: 'c-1', caseNumber: 'NFAM-2025-000001', status: 'ACCEPTED', acceptedAt: '2025-03-03T08:20:00.000Z' })
      .post('/v2/case-transfers')
      .reply(200, { transferId: delivery().transferId, caseId: 'c-1', caseNumber: 'NFAM-2025-000001', status: 'ACCEPTED', acceptedAt: '2025-03-03T08:20:00.000Z' });
    const connection = connect(settings());
    const receipt = await connection.deliver(delivery());
    const again = await connection.deliver(delivery());
    api.done();
    expect(receipt).toMatchObject({ reference: 'c-1', status: 'ACCEPTED', details: { httpStatus: 201, caseNumber: 'NFAM-2025-000001' } });
    expect(again.reference).toBe('c-1');
    expect(body).toMatchObject({ transferId: delivery().transferId, targetOrganisationId: 'ORG-2002', senderInstitutionId: 'be-asi' });
    expect(body!.case).not.toHaveProperty('id');
    expect(body!.case).not.toHaveProperty('version');
    expect(body!.case.person.id).toBeNull();
  });

  it('treats 422 as permanent, naming the pointers but no values', async () => {
    token();
    nock(API).post('/v2/case-transfers').reply(422, { errors: [{ pointer: '/case/person/birthDate', detail: 'Ghebremedhin too young' }] });
    const error = (await connect(settings()).deliver(delivery()).catch((e: unknown) => e)) as UpstreamError;
    expect(error).toMatchObject({ code: 'nfam.rejected', retryable: false });
    expect(error.message).toContain('/case/person/birthDate');
    expect(error.message).not.toContain('Ghebremedhin');
  });

  it('treats 503 as retryable and honours Retry-After', async () => {
    token();
    nock(API).post('/v2/case-transfers').reply(503, {}, { 'retry-after': '120' });
    const error = (await connect(settings()).deliver(delivery()).catch((e: unknown) => e)) as UpstreamError;
    expect(error).toMatchObject({ code: 'nfam.unavailable', retryable: true, retryAfterMs: 120_000 });
  });

  it('refreshes the token once on a 401', async () => {
    token(2);
    nock(API).get('/v2/cases/x').reply(401).get('/v2/cases/x').reply(200, fixture('minimal.case.json'));
    const { record } = await connect(settings()).read({ localCaseId: 'c', localPersonId: 'p', nativeId: 'x' });
    expect(record.person.officialName).toBe('Ghebremedhin');
  });

  it('refuses to deliver to an institution without an NFAM organisation id, before sending', async () => {
    await expect(connect(settings()).deliver({ ...delivery(), targetInstitutionId: 'be-koeniz' })).rejects.toMatchObject({
      code: 'nfam.unknown-organisation',
      retryable: false,
    });
  });

  it('names a secret variable that is not set', () => {
    expect(() => connect({ ...settings(), env: {} })).toThrow(expect.objectContaining({ code: 'nfam.secret-missing', details: { field: 'settings.clientSecret' } }));
  });
});
