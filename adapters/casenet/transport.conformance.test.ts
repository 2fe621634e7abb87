import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, Connection } from '../../src/adapters/sdk.js';
import { describeTransportConformance, describeWebhookConformance } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { FIXTURES } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';

// The samples' requests.md are written here (FORMAT.md gives none): the copies in fixtures/
// are the ones replayed. The webhook sample is this folder's own (fixtures/webhook/README.md).

const WEBHOOK_SECRET = 'casenet-test-secret-fr';
const env = { CASENET_CLIENT_SECRET: 'casenet-client-s3cret', CASENET_WEBHOOK_SECRET: WEBHOOK_SECRET };

const token = (): void => {
  nock('https://casenet.fr.example').post('/oauth2/token').reply(200, { access_token: 'tok-casenet', token_type: 'Bearer', expires_in: 900 });
};
const read = (noDossier: string, localPersonId: string) => async (c: Connection): Promise<CaseRecord[]> => [(await c.read({ localCaseId: noDossier, localPersonId })).record];

describeTransportConformance(adapter, {
  systemDir: FIXTURES,
  settings: { ...SAMPLE_CONTEXT, env },
  samples: {
    minimal: { prepare: token, run: read('CII-2024-0031', 'BEN-011204') },
    rich: { prepare: token, run: read('CII-2022-0153', 'BEN-008812') },
    edge: { prepare: token, run: read('CII-2023-0207', 'BEN-010377') },
  },
});

const WEBHOOKS = path.join(FIXTURES, 'webhook');
describeWebhookConformance(adapter, { systemDir: WEBHOOKS, settings: { ...SAMPLE_CONTEXT, env } });

describe('adapter casenet: webhook deliveries as FORMAT.md defines them', () => {
  const delivery = JSON.parse(readFileSync(path.join(WEBHOOKS, 'rich.webhook-delivery.json'), 'utf8')) as { receivedAt: string; headers: Record<string, string>; body: string };
  const at = (when: string) => ({ ...SAMPLE_CONTEXT, env, now: () => new Date(when) });
  const signed = (t: number, body = delivery.body, secret = WEBHOOK_SECRET) => ({
    headers: { 'content-type': 'application/json', 'x-casenet-signature': `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}` },
    rawBody: new TextEncoder().encode(body),
  });
  const t = Math.floor(Date.parse(delivery.receivedAt) / 1000);

  it('refuses a signature made with another secret (401, no event)', () => {
    expect(() => adapter.webhook!.receive(signed(t, delivery.body, 'not-the-secret'), at(delivery.receivedAt))).toThrow(expect.objectContaining({ code: 'webhook.signature-invalid', status: 401 }));
  });

  it('refuses a timestamp more than 300 s from now, either way (401)', () => {
    expect(() => adapter.webhook!.receive(signed(t - 301), at(delivery.receivedAt))).toThrow(expect.objectContaining({ code: 'webhook.signature-expired', status: 401 }));
    expect(() => adapter.webhook!.receive(signed(t + 301), at(delivery.receivedAt))).toThrow(expect.objectContaining({ code: 'webhook.signature-expired', status: 401 }));
  });

  it('gives a replay (CaseNet retries for 24 h, signing again) the same eventId: the gateway takes it once', () => {
    const first = adapter.webhook!.receive(signed(t), at(delivery.receivedAt));
    const later = new Date(Date.parse(delivery.receivedAt) + 6 * 3600_000);
    const again = adapter.webhook!.receive(signed(Math.floor(later.getTime() / 1000)), at(later.toISOString()));
    // CaseNet sends no delivery id header: idEvenement is what identifies a delivery.
    expect(again.event).toEqual(first.event);
    expect(again.event.eventId).toBe('3b9d6f1e-7a2c-4e58-9b0d-5c1e2f3a4b6c');
    expect(again.deliveryId).toBeUndefined();
  });
});
