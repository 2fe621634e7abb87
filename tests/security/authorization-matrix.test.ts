import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RICH_CASE, richEvent } from '../support/events.js';
import type { TestGateway } from '../support/gateway.js';
import { demoWithOneDelivery, operations } from './setup.js';

type Caller = 'none' | 'source-system' | 'receiver' | 'ops' | 'dpo' | 'foreign';
const CALLERS: Caller[] = ['none', 'source-system', 'receiver', 'ops', 'dpo', 'foreign'];

// Who may call what, as the API promises it: a status per route and caller. `foreign` is
// a token with the right role but of another institution ('-' where no such caller exists).
const S = (none: number, ss: number, rcv: number, ops: number, dpo: number, foreign: number | '-') => ({ none, 'source-system': ss, receiver: rcv, ops, dpo, foreign });
const EXPECTED: Record<string, Record<Caller, number | '-'>> = {
  'GET /health': S(200, 200, 200, 200, 200, '-'),
  'GET /ready': S(200, 200, 200, 200, 200, '-'),
  'POST /v1/events': S(401, 202, 403, 202, 403, 403),
  'POST /v1/hooks/{system}': S(401, 401, 401, 401, 401, '-'),
  'POST /v1/hooks/{system}/{institutionId}': S(401, 401, 401, 401, 401, '-'),
  'GET /v1/transfers': S(401, 403, 403, 200, 403, '-'),
  'GET /v1/transfers/{id}': S(401, 200, 200, 200, 403, 404),
  'POST /v1/transfers/{id}/replay': S(401, 403, 403, 409, 403, '-'),
  'POST /v1/transfers/{id}/cancel': S(401, 403, 403, 409, 403, '-'),
  'GET /v1/inbox': S(401, 403, 200, 403, 403, 200),
  'GET /v1/inbox/{transferId}': S(401, 403, 200, 403, 403, 404),
  'POST /v1/inbox/{transferId}/ack': S(401, 403, 204, 403, 403, 404),
  'POST /v1/transfers/preview': S(401, 200, 403, 200, 403, 403),
  'POST /v1/consents': S(401, 201, 403, 201, 403, 403),
  'POST /v1/consents/{id}/revoke': S(401, 200, 403, 200, 403, 404),
  'GET /v1/audit': S(401, 403, 403, 403, 200, '-'),
  'GET /v1/audit/export': S(401, 403, 403, 403, 200, '-'),
  'GET /v1/audit/persons/{person}/disclosures': S(401, 403, 403, 403, 200, '-'),
  'GET /v1/audit/verify': S(401, 403, 403, 403, 200, '-'),
  'GET /v1/audit/entries/{seq}/proof': S(401, 403, 403, 403, 200, '-'),
  // No signed tree heads of sizes 1 and 2 here: the officer is told so.
  'GET /v1/audit/consistency': S(401, 403, 403, 403, 404, '-'),
  'GET /.well-known/jwks.json': S(200, 200, 200, 200, 200, '-'),
  'GET /openapi.json': S(200, 200, 200, 200, 200, '-'),
  'GET /case-record.schema.json': S(200, 200, 200, 200, 200, '-'),
  'GET /case-event.schema.json': S(200, 200, 200, 200, 200, '-'),
  'GET /docs': S(200, 200, 200, 200, 200, '-'),
  'GET /metrics': S(401, 403, 403, 200, 403, '-'),
  'GET /v1/ops/queues': S(401, 403, 403, 200, 403, '-'),
  'GET /ops/queues': S(401, 403, 403, 200, 403, '-'),
};

describe('the authorization matrix, route by route from contracts/openapi.yaml', () => {
  let t: TestGateway;
  let transferId: string;
  const tokens = new Map<Caller, string | undefined>();
  let consentSeq = 0;

  beforeAll(async () => {
    ({ t, transferId } = await demoWithOneDelivery('security-matrix'));
    tokens.set('none', undefined);
    tokens.set('source-system', await t.token('be-asi', ['source-system']));
    tokens.set('receiver', await t.token('be-koeniz', ['receiver']));
    tokens.set('ops', await t.token('be-asi', ['ops']));
    tokens.set('dpo', await t.token('be-dpo', ['dpo']));
  });
  afterAll(async () => {
    await t.close();
  });

  /** A request that would succeed for the right caller; the foreign caller's token and request per route. */
  async function call(key: string, caller: Caller): Promise<number> {
    const consent = () => ({ id: `m-${(consentSeq += 1)}`, kind: 'general', grantedOn: '2025-01-01', recipients: ['commune'], purposes: ['case-transfer'], dataCategories: ['health'] });
    const foreign: Record<string, string[]> = {
      'POST /v1/events': ['be-koeniz', 'source-system'],
      'GET /v1/transfers/{id}': ['be-bern', 'source-system'],
      'GET /v1/inbox': ['be-bern', 'receiver'],
      'GET /v1/inbox/{transferId}': ['be-bern', 'receiver'],
      'POST /v1/inbox/{transferId}/ack': ['be-bern', 'receiver'],
      'POST /v1/transfers/preview': ['be-koeniz', 'source-system'],
      'POST /v1/consents': ['be-koeniz', 'source-system'],
      'POST /v1/consents/{id}/revoke': ['be-koeniz', 'source-system'],
    };
    const token = caller === 'foreign' ? await t.token(foreign[key]![0]!, [foreign[key]![1]!]) : tokens.get(caller);
    const revokeId = `r-${(consentSeq += 1)}`;
    if (key === 'POST /v1/consents/{id}/revoke') {
      const recorded = await t.request('POST', '/v1/consents', { token: tokens.get('source-system'), body: { person: { system: 'nfam', localPersonId: RICH_CASE.localPersonId }, consent: { ...consent(), id: revokeId }, documentSha256: 'ab'.repeat(32) } });
      expect(recorded.status).toBe(201);
    }
    const requests: Record<string, () => [string, string, unknown?, Record<string, string>?]> = {
      'GET /health': () => ['GET', '/health'],
      'GET /ready': () => ['GET', '/ready'],
      'POST /v1/events': () => ['POST', '/v1/events', richEvent({ type: 'case.updated', change: undefined })],
      'POST /v1/hooks/{system}': () => ['POST', '/v1/hooks/nfam', '{}'],
      'POST /v1/hooks/{system}/{institutionId}': () => ['POST', '/v1/hooks/nfam/be-asi', '{}'],
      'GET /v1/transfers': () => ['GET', '/v1/transfers'],
      'GET /v1/transfers/{id}': () => ['GET', `/v1/transfers/${transferId}`],
      'POST /v1/transfers/{id}/replay': () => ['POST', `/v1/transfers/${transferId}/replay`],
      'POST /v1/transfers/{id}/cancel': () => ['POST', `/v1/transfers/${transferId}/cancel`],
      'GET /v1/inbox': () => ['GET', '/v1/inbox'],
      'GET /v1/inbox/{transferId}': () => ['GET', `/v1/inbox/${transferId}`],
      'POST /v1/inbox/{transferId}/ack': () => ['POST', `/v1/inbox/${transferId}/ack`],
      'POST /v1/transfers/preview': () => ['POST', '/v1/transfers/preview', { source: { institutionId: 'be-asi' }, case: RICH_CASE, to: 'be-koeniz', purpose: 'case-transfer' }],
      'POST /v1/consents': () => ['POST', '/v1/consents', { person: { system: 'nfam', localPersonId: RICH_CASE.localPersonId }, consent: consent(), documentSha256: 'ab'.repeat(32) }],
      'POST /v1/consents/{id}/revoke': () => ['POST', `/v1/consents/${revokeId}/revoke`, { institutionId: 'be-asi' }],
      'GET /v1/audit': () => ['GET', '/v1/audit'],
      'GET /v1/audit/export': () => ['GET', '/v1/audit/export'],
      'GET /v1/audit/persons/{person}/disclosures': () => ['GET', `/v1/audit/persons/nfam:${RICH_CASE.localPersonId}/disclosures`],
      'GET /v1/audit/verify': () => ['GET', '/v1/audit/verify'],
      'GET /v1/audit/entries/{seq}/proof': () => ['GET', '/v1/audit/entries/1/proof'],
      'GET /v1/audit/consistency': () => ['GET', '/v1/audit/consistency?first=1&second=2'],
      'GET /.well-known/jwks.json': () => ['GET', '/.well-known/jwks.json'],
      'GET /openapi.json': () => ['GET', '/openapi.json'],
      'GET /case-record.schema.json': () => ['GET', '/case-record.schema.json'],
      'GET /case-event.schema.json': () => ['GET', '/case-event.schema.json'],
      'GET /docs': () => ['GET', '/docs'],
      'GET /metrics': () => ['GET', '/metrics'],
      'GET /v1/ops/queues': () => ['GET', '/v1/ops/queues'],
      'GET /ops/queues': () => ['GET', '/ops/queues'],
    };
    const [method, url, body] = requests[key]!();
    const response = await t.request(method, url, { ...(token ? { token } : {}), ...(body === undefined ? {} : { body }) });
    await response.arrayBuffer();
    return response.status;
  }

  it('has an expected row for every operation of the API description', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(operations().map((o) => o.key).sort());
  });

  it.each(operations().map((o) => o.key))('%s answers each caller as the table says', async (key) => {
    const seen: Record<string, number | '-'> = {};
    for (const caller of CALLERS) seen[caller] = EXPECTED[key]![caller] === '-' ? '-' : await call(key, caller);
    expect(seen).toEqual(EXPECTED[key]);
  });
});
