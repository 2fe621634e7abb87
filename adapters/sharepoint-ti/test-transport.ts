import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import type { ConnectionSettings } from '../../src/adapters/sdk.js';
import { SAMPLE_CONTEXT } from './testing.js';

// Test support for the transport: the sample site, a throw-away certificate key, the Entra ID
// token endpoint under nock.

export const ORIGIN = 'https://crs-ti.sharepoint.example';
export const SITE = '/sites/casi-integrazione';
export const AUTHORITY = 'https://login.microsoftonline.com';
export const TOKEN_PATH = '/crs-ti.example/oauth2/v2.0/token';
export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

/** A key made for this test run only: no credential lives in the repository. */
export const TEST_KEY_PEM = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
export const TEST_ENV = { SHAREPOINT_TI_CERTIFICATE: TEST_KEY_PEM };

export const items = (title: string): string => `${SITE}/_api/web/lists/GetByTitle('${encodeURIComponent(title)}')/items`;

export function connectionSettings(extra: Record<string, unknown> = {}, env: Record<string, string> = TEST_ENV, now: () => Date = () => new Date('2025-03-03T08:15:23Z')): ConnectionSettings {
  return { ...SAMPLE_CONTEXT, now, env, settings: { ...SAMPLE_CONTEXT.settings, ...extra } };
}

/** The token endpoint, answering `times` requests with `token`. */
export function tokenScope(times = 1, token = 'tok-1', expiresIn = 3599): nock.Scope {
  return nock(AUTHORITY).post(TOKEN_PATH).times(times).reply(200, { token_type: 'Bearer', expires_in: expiresIn, access_token: token });
}

/** A verbose list answer. */
export const results = (list: readonly unknown[], next?: string): Record<string, unknown> => ({ d: { results: list, ...(next ? { __next: next } : {}) } });
