import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionSettings, WebhookRequest } from '../../src/adapters/sdk.js';
import { SAMPLE_ORGANISATIONS } from './testing.js';
import { receive } from './webhook.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const delivery = JSON.parse(readFileSync(path.join(FIXTURES, 'rich.webhook-delivery.json'), 'utf8')) as { receivedAt: string; headers: Record<string, string>; body: string };
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'rich.expected-event.json'), 'utf8')) as unknown;
const SECRET = 'whsec_nfam_test_3c7e1b5a9d';

const ctx = (now = delivery.receivedAt): ConnectionSettings => ({
  institutionId: 'be-asi',
  canton: 'BE',
  now: () => new Date(now),
  env: { HOOK_SECRET: SECRET },
  settings: { webhookSecret: { env: 'HOOK_SECRET' }, organisations: SAMPLE_ORGANISATIONS },
});

const request = (headers: Record<string, string>, body: string): WebhookRequest => ({ headers, rawBody: new TextEncoder().encode(body) });
const sign = (t: number, body: string, key = SECRET): string => createHmac('sha256', key).update(`${t}.${body}`).digest('hex');

describe('NFAM webhooks', () => {
  it('turn the rich delivery into exactly the expected CaseEvent, with the case id for the read', () => {
    const result = receive(request(delivery.headers, delivery.body), ctx());
    expect(result.event).toEqual(expected);
    expect(result.nativeId).toBe('41edf21d-9a20-55bb-a326-b37da52742a7');
    expect(result.deliveryId).toBe('48e73a24-f62c-5955-8270-f7c4e14aa359');
  });

  it('accept any matching v1 during a secret rotation', () => {
    const t = Math.floor(Date.parse(delivery.receivedAt) / 1000);
    const header = `t=${t},v1=${sign(t, delivery.body, 'old-secret')},v1=${sign(t, delivery.body)}`;
    expect(receive(request({ ...delivery.headers, 'NFAM-Signature': header }, delivery.body), ctx()).event.eventId).toBe('3d72075d-e567-5aed-845b-79c9eb858417');
  });

  it('refuse a tampered body', () => {
    const body = delivery.body.replace('REGIONAL_PARTNER', 'REGULAR_STRUCTURES');
    expect(() => receive(request(delivery.headers, body), ctx())).toThrow(expect.objectContaining({ code: 'webhook.signature-invalid', status: 401 }));
  });

  it('refuse a signature older than 300 seconds', () => {
    expect(() => receive(request(delivery.headers, delivery.body), ctx('2025-03-03T08:20:24Z'))).toThrow(expect.objectContaining({ code: 'webhook.signature-expired', status: 401 }));
  });

  it('refuse a delivery without a signature', () => {
    const { 'NFAM-Signature': _s, ...headers } = delivery.headers;
    expect(() => receive(request(headers, delivery.body), ctx())).toThrow(expect.objectContaining({ code: 'webhook.signature-missing', status: 401 }));
  });

  it('map a permit change through the permit table, and keep a consent id', () => {
    const t = Math.floor(Date.parse(delivery.receivedAt) / 1000);
    const body = JSON.stringify({
      id: '11111111-2222-4333-8444-555555555555',
      type: 'case.permit.changed',
      occurredAt: '2025-03-03T08:15:22.481Z',
      data: { caseId: 'x', caseNumber: 'NFAM-1', personId: 'p', ahvn13: null, previous: 'PROVISIONALLY_ADMITTED', current: 'RECOGNISED_REFUGEE', effectiveDate: '2025-03-01' },
    });
    const { event } = receive(request({ 'NFAM-Signature': `t=${t},v1=${sign(t, body)}` }, body), ctx());
    expect(event).toMatchObject({ type: 'case.status-changed', change: { from: 'F', to: 'B-refugee' } });
    expect(event.case).not.toHaveProperty('vn');
  });
});
