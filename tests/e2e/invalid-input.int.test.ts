import { randomUUID } from 'node:crypto';
import { richEvent } from '../support/events.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

type Json = Record<string, any>;

const event = richEvent;

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('invalid input gets a 4xx problem and writes nothing', () => {
  let t: TestGateway;
  let source: string;

  beforeAll(async () => {
    t = await startTestGateway({ name: 'invalid-input' });
    source = await t.token('be-asi', ['source-system']);
  });
  afterAll(async () => {
    await t.close();
  });

  async function counts(): Promise<number[]> {
    const sql = t.gateway.services.store.sql;
    const rows = await Promise.all(
      ['events', 'transfers', "audit_entries where kind <> 'request.refused'", 'inbox_items'].map((table) =>
        sql.query<{ n: string }>(`select count(*)::text as n from ${table}`),
      ),
    );
    return rows.map((r) => Number(r[0]!.n));
  }

  async function devIssuerKey(): Promise<{ key: Awaited<ReturnType<typeof importJWK>>; kid?: string }> {
    const jwk = JSON.parse(readFileSync(path.join(t.config.dataDir, 'keys', 'dev-issuer.jwk.json'), 'utf8')) as JWK;
    return { key: await importJWK(jwk, 'ES256'), ...(jwk.kid ? { kid: jwk.kid } : {}) };
  }

  const cases: [string, () => Promise<{ init: Parameters<TestGateway['request']>[2]; url?: string }>, number, string][] = [
    ['malformed JSON', async () => ({ init: { token: source, body: '{"eventId": ' } }), 400, 'request.malformed-json'],
    ['a schema-invalid event', async () => ({ init: { token: source, body: event({ type: 'case.moved' }) } }), 422, 'contract.enum'],
    ['an event without its eventId', async () => {
      const e = event();
      delete e.eventId;
      return { init: { token: source, body: e } };
    }, 422, 'contract.required'],
    ['an unknown institution', async () => ({ init: { token: source, body: event({ source: { system: 'nfam', institutionId: 'be-nowhere' } }) } }), 403, 'auth.wrong-institution'],
    ['a token of an institution outside the registry', async () => ({ init: { token: await t.token('be-nowhere', ['source-system']), body: event({ source: { system: 'nfam', institutionId: 'be-nowhere' } }) } }), 401, 'auth.unknown-institution'],
    ['an unknown target institution', async () => ({ init: { token: source, body: event({ targetInstitutionId: 'be-nowhere' }) } }), 422, 'institution.unknown'],
    ['a missing token', async () => ({ init: { body: event() } }), 401, 'auth.missing-token'],
    ['an expired token', async () => {
      const { key, kid } = await devIssuerKey();
      const token = await new SignJWT({ institution: 'be-asi', roles: ['source-system'] })
        .setProtectedHeader({ alg: 'ES256', ...(kid ? { kid } : {}) })
        .setIssuer('passerelle-dev')
        .setAudience('passerelle')
        .setSubject('test')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(key);
      return { init: { token, body: event() } };
    }, 401, 'auth.expired'],
    ['a token signed by another key', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const token = await new SignJWT({ institution: 'be-asi', roles: ['source-system'] })
        .setProtectedHeader({ alg: 'ES256', kid: 'someone-else' })
        .setIssuer('passerelle-dev')
        .setAudience('passerelle')
        .setSubject('intruder')
        .setExpirationTime('1h')
        .sign(privateKey);
      return { init: { token, body: event() } };
    }, 401, 'auth.'],
    ['an alg:none token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', institution: 'be-asi', roles: ['ops', 'source-system'], iss: 'passerelle-dev', aud: 'passerelle', exp: now + 3600 })}.`;
      return { init: { token, body: event() } };
    }, 401, 'auth.'],
    ['a 10 MB body', async () => ({ init: { token: source, body: JSON.stringify({ ...event(), pad: 'x'.repeat(10 * 1024 * 1024) }) } }), 413, 'request.too-large'],
    ['a receiver posting events', async () => ({ init: { token: await t.token('be-koeniz', ['receiver']), body: event() } }), 403, 'auth.forbidden'],
    ['a source reporting for another institution', async () => ({ init: { token: await t.token('be-koeniz', ['source-system']), body: event() } }), 403, 'auth.wrong-institution'],
  ];

  it.each(cases)('%s', async (_name, make, status, code) => {
    const before = await counts();
    const { init, url } = await make();
    const response = await t.request('POST', url ?? '/v1/events', init);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as Json;
    expect(body.status).toBe(status);
    expect(String(body.code).startsWith(code)).toBe(true);
    expect(typeof body.detail).toBe('string');
    expect(await counts()).toEqual(before);
    // The refusal itself is audited, with its code and nothing of the body (anonymous ones counted per minute).
    await t.gateway.refusals.flush();
    const [refusal] = await t.gateway.services.store.sql.query<{ data: Json }>("select data from audit_entries where kind = 'request.refused' order by seq desc limit 1");
    expect(refusal!.data).toMatchObject({ code: body.code, status });
  });

  it('a webhook with a bad signature is refused and creates nothing', async () => {
    const before = await counts();
    const response = await t.request('POST', '/v1/hooks/nfam', {
      headers: { 'nfam-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`, 'nfam-event': 'case.stage.changed' },
      body: '{"id":"3d72075d-e567-5aed-845b-79c9eb858417"}',
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as Json).code).toMatch(/^webhook\./);
    expect(await counts()).toEqual(before);
  });

  it('unknown routes, bad ids and bad queries are problems too, never a 500', async () => {
    const ops = await t.token('be-asi', ['ops']);
    const probes: [string, string, number][] = [
      ['GET', '/v1/nothing-here', 404],
      ['GET', '/v1/transfers/not-a-uuid', 404],
      ['GET', `/v1/transfers/${randomUUID()}`, 404],
      ['GET', '/v1/transfers?limit=0', 400],
      ['GET', '/v1/transfers?state=lost', 400],
      ['GET', '/v1/transfers?since=yesterday', 400],
      ['GET', '/v1/transfers?cursor=%%%', 400],
      ['POST', `/v1/transfers/${randomUUID()}/replay`, 404],
    ];
    for (const [method, url, status] of probes) {
      const response = await t.request(method, url, { token: ops });
      expect(response.status, url).toBe(status);
      expect(response.headers.get('content-type'), url).toMatch(/^application\/problem\+json/);
    }
  });
});
