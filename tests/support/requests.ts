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
