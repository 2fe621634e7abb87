import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { REPO } from './paths.js';

export const NFAM_API = 'https://api.nfam.be.example';
export const NFAM_AUTH = 'https://auth.nfam.be.example';
export const FIXTURES = path.join(REPO, 'adapters/nfam/fixtures');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixture(name)) as T;
}

export interface WebhookDelivery {
  receivedAt: string;
  headers: Record<string, string>;
  body: string;
}

export const richDelivery = (): WebhookDelivery => fixtureJson<WebhookDelivery>('rich.webhook-delivery.json');
export { RICH_CASE_ID } from './events.js';
import { RICH_CASE_ID } from './events.js';

/** NFAM's token endpoint, answered as often as asked. */
export function nockNfamToken(): nock.Scope {
  return nock(NFAM_AUTH)
    .persist()
    .post('/oauth2/token')
    .reply(200, { access_token: 'test-access-token', token_type: 'Bearer', expires_in: 900 });
}

export function nockRichCase(times: number | 'persist'): nock.Scope {
  const scope = times === 'persist' ? nock(NFAM_API).persist() : nock(NFAM_API);
  const read = scope.get(`/v2/cases/${RICH_CASE_ID}`);
  return (times === 'persist' ? read : read.times(times)).reply(200, fixture('rich.case.json'), {
    'content-type': 'application/json',
    etag: '"41"',
  });
}

export function caseTransferReceipt(transferId: string): Record<string, unknown> {
  return {
    transferId,
    caseId: '00000000-0000-4000-8000-000000000001',
    caseNumber: 'NFAM-2025-000001',
    status: 'ACCEPTED',
    acceptedAt: '2025-03-03T08:20:00.000Z',
  };
}
