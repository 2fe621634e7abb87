import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { ExpectedRequest } from '../../src/adapters/testing.js';

// Remote systems under nock for end-to-end tests: every request a sample's requests.md
// lists, answered once, and every scope consumed by the test that set it up.

const scopes: nock.Scope[] = [];

/** In the file: the network off but for 127.0.0.1; after each test, every scope used and none left. */
export function remoteSystemsUnderNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    for (const scope of scopes.splice(0)) scope.done();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
  });
}

/** A scope the test must use up. */
export function requiredScope(scope: nock.Scope): nock.Scope {
  scopes.push(scope);
  return scope;
}

const sortedEntries = (q: Record<string, unknown>): string => JSON.stringify(Object.entries(q).sort(([a], [b]) => a.localeCompare(b)));

export interface Answer {
  status?: number;
  body: string | Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * One request of a requests.md under nock, with its exact query and headers and the bearer
 * token the gateway must have been given; answered once, `label` logged in the order asked.
 */
export function expectRequest(r: ExpectedRequest, options: { token: string; label: string; answer: Answer; log: string[]; query?: Record<string, string> }): void {
  const url = new URL(r.url);
  const query = options.query ?? r.query;
  let scope = nock(url.origin).matchHeader('authorization', `Bearer ${options.token}`);
  for (const [name, pattern] of Object.entries(r.headers)) if (name !== 'authorization') scope = scope.matchHeader(name, pattern);
  scope
    .intercept(url.pathname, r.method)
    .query((actual) => sortedEntries(actual) === sortedEntries(query))
    .reply(() => {
      options.log.push(options.label);
      return [options.answer.status ?? 200, options.answer.body, { 'content-type': 'application/json', ...options.answer.headers }];
    });
  requiredScope(scope);
}

/**
 * Entra ID app-only (SharePoint): client credentials with a client assertion signed RS256
 * by the certificate's key, naming the certificate by `x5t`, for the site's resource.
 * Checked, then answered once with `token`.
 */
export function expectEntraCertificateToken(o: { login: string; tokenPath: string; clientId: string; thumbprint: string; key: KeyObject | string; scope: string; token: string }): void {
  const publicKey = createPublicKey(o.key);
  const form = (body: Record<string, string>): boolean => {
    if (body.grant_type !== 'client_credentials' || body.client_id !== o.clientId || body.scope !== o.scope) return false;
    if (body.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' || 'client_secret' in body) return false;
    const [header, claims, signature] = String(body.client_assertion).split('.');
    if (!header || !claims || !signature) return false;
    const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
    const c = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>;
    return (
      h.alg === 'RS256' &&
      h.x5t === Buffer.from(o.thumbprint, 'hex').toString('base64url') &&
      c.iss === o.clientId &&
      c.sub === o.clientId &&
      c.aud === `${o.login}${o.tokenPath}` &&
      verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url'))
    );
  };
  requiredScope(nock(o.login).post(o.tokenPath, form).reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: o.token }));
}
