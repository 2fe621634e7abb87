import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import type { CaseRecord, ConnectionSettings } from '../../src/adapters/sdk.js';
import { parseRequests, type ExpectedRequest } from '../../src/adapters/testing.js';
import { FIXTURES } from './test-inputs.js';
import { SAMPLE_CONTEXT } from './testing.js';

// Test support for the transport: Centralis and Entra ID under nock, answering with the
// sample bodies in the order of each sample's requests.md.

export const ORIGIN = 'https://centralis-crm.ne.example';
export const ROOT = '/api/data/v9.2';
export const BASE = `${ORIGIN}${ROOT}`;
export const LOGIN = 'https://login.microsoftonline.com';
export const TOKEN_PATH = '/ne.example/oauth2/v2.0/token';
export const CLIENT_ID = '5b0c7e2a-1f3d-4c6e-9a8b-2d4f6a8c0e1f';
export const SECRET = 'cs-s3cret-value';
export const ENV = { CENTRALIS_CLIENT_SECRET: SECRET };

/** The shared samples when the repository sits beside them, else their copy in fixtures/. */
const shared = path.resolve(import.meta.dirname, '../../../shared/systems/centralis');
export const SYSTEM_DIR = existsSync(shared) ? shared : FIXTURES;
const SAMPLES = existsSync(path.join(SYSTEM_DIR, 'samples')) ? path.join(SYSTEM_DIR, 'samples') : SYSTEM_DIR;

/**
 * edge.requests.md lists the plans query of a two-person page as `a or b and statecode eq 0`:
 * `and` binds tighter than `or` in OData, so that would read the first person's inactive
 * plans too. The transport brackets the list (`(a or b) and statecode eq 0`), as the same
 * file does for activities and notes; the tests expect that request. When the sample is
 * corrected, this changes nothing.
 */
export function bracketPlansFilter(text: string): string {
  return text.replace(/(query `\$filter` = `)(_cosm_personne_value eq [0-9a-f-]{36}(?: or _cosm_personne_value eq [0-9a-f-]{36})+) and statecode eq 0`/g, '$1($2) and statecode eq 0`');
}

/** A sample's requests, as the transport makes them. */
export function sampleRequests(name: string): ExpectedRequest[] {
  return parseRequests(bracketPlansFilter(readFileSync(path.join(SAMPLES, `${name}.requests.md`), 'utf8'))).requests;
}

/** A copy of the samples folder with the plans filter bracketed, for the conformance kit (which reads files). */
export function correctedSamplesDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'centralis-samples-'));
  for (const file of readdirSync(SAMPLES)) {
    if (file.endsWith('.requests.md')) writeFileSync(path.join(dir, file), bracketPlansFilter(readFileSync(path.join(SAMPLES, file), 'utf8')));
    else copyFileSync(path.join(SAMPLES, file), path.join(dir, file));
  }
  return dir;
}

export const sampleBody = (file: string): string => readFileSync(path.join(SAMPLES, file), 'utf8');
export const sampleJson = <T = Record<string, unknown>>(file: string): T => JSON.parse(sampleBody(file)) as T;

const sorted = (q: Record<string, unknown>): string => JSON.stringify(Object.entries(q).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Interceptors for some listed requests, each answered once by its sample body (or by
 * `answer`); `hits` records the index of each request as it is made, to check the order.
 */
export function intercept(requests: readonly ExpectedRequest[], hits: number[], answer?: (r: ExpectedRequest, i: number) => string): nock.Scope[] {
  return requests.map((request, i) => {
    const url = new URL(request.url);
    let scope = nock(url.origin);
    for (const [name, pattern] of Object.entries(request.headers)) scope = scope.matchHeader(name, (v: string) => pattern.test(v));
    return scope
      .intercept(url.pathname, request.method)
      .query((actual) => sorted(actual) === sorted(request.query))
      .reply(() => {
        hits.push(i);
        return [200, answer ? answer(request, i) : sampleBody(request.answeredBy), { 'content-type': 'application/json; odata.metadata=minimal' }];
      });
  });
}

/** Entra ID's token endpoint: client credentials in the form body, answered `times` times. */
export function tokenScope(options: { times?: number; token?: string; expiresIn?: number } = {}): nock.Scope {
  const form = (body: Record<string, string>): boolean =>
    body.grant_type === 'client_credentials' && body.client_id === CLIENT_ID && body.client_secret === SECRET && body.scope === 'https://centralis-crm.ne.example/.default';
  return nock(LOGIN)
    .post(TOKEN_PATH, form)
    .times(options.times ?? 1)
    .reply(200, { token_type: 'Bearer', expires_in: options.expiresIn ?? 3599, access_token: options.token ?? 'eyJ-test-token' });
}

/** A clock the test moves by hand (token expiry), never the wall clock. */
export function manualClock(start = '2026-01-15T10:00:00Z'): { now: () => Date; advance: (seconds: number) => void } {
  let at = Date.parse(start);
  return { now: () => new Date(at), advance: (seconds) => (at += seconds * 1000) };
}

export function settingsFor(extra: Record<string, unknown> = {}, options: { env?: Record<string, string>; now?: () => Date } = {}): ConnectionSettings {
  return { ...SAMPLE_CONTEXT, now: options.now ?? (() => new Date('2026-01-15T10:00:00Z')), env: options.env ?? ENV, settings: { ...SAMPLE_CONTEXT.settings, ...extra } };
}

/** Records without `extractedAt` (the only value of the clock), as `expected.json` holds them. */
export function withoutExtractedAt(records: readonly CaseRecord[]): unknown[] {
  return records.map((r) => {
    const { extractedAt: _e, ...source } = r.source;
    return { ...r, source };
  });
}

export const expected = (name: string): unknown[] => sampleJson<unknown[]>(`${name}.expected.json`);
