import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseRecord, Connection, ConnectionSettings, WebhookRequest } from '../../src/adapters/sdk.js';
import { describeTransportConformance, describeWebhookConformance, wholePoll } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { SAMPLE_CONTEXT, SAMPLE_WEBHOOK_SECRET } from './testing.js';
import { pollCursorSince } from './transport.js';

const shared = path.resolve(import.meta.dirname, '../../../shared/systems/duff/samples');
const samples = existsSync(shared) ? shared : path.resolve(import.meta.dirname, 'fixtures');

const read = (dossierNr: string, personNr: string) => async (c: Connection): Promise<CaseRecord[]> => [(await c.read({ localCaseId: dossierNr, localPersonId: personNr })).record];

describeTransportConformance(adapter, {
  systemDir: samples,
  // The requests.md give paths from the origin (`/api/v1/…`).
  base: 'https://duff.ag.example',
  settings: { ...SAMPLE_CONTEXT, env: { DUFF_API_KEY: 'duff-api-key-test' } },
  samples: {
    minimal: { run: read('AG-2024-006120', 'P-118204') },
    rich: { run: read('AG-2022-002874', 'P-101766') },
    edge: { run: wholePoll(pollCursorSince('2025-02-12T00:00:00+01:00'), 2) },
  },
});

interface Delivery {
  receivedAt: string;
  headers: Record<string, string>;
  body: string;
}

// DuFF retries up to 60 minutes later and refuses only a `zeitpunkt` over 2 h old (FORMAT "Webhooks").
describeWebhookConformance(adapter, { systemDir: samples, settings: { ...SAMPLE_CONTEXT, env: { DUFF_WEBHOOK_SECRET: SAMPLE_WEBHOOK_SECRET } }, staleAfterMs: 2 * 3600_000 + 1000 });

describe('adapter duff: webhook window and replays', () => {
  const delivery = JSON.parse(readFileSync(path.join(samples, 'rich.webhook-delivery.json'), 'utf8')) as Delivery;
  const expected = JSON.parse(readFileSync(path.join(samples, 'rich.expected-event.json'), 'utf8')) as unknown;
  const zeitpunkt = (JSON.parse(delivery.body) as { zeitpunkt: string }).zeitpunkt;
  const settings: Omit<ConnectionSettings, 'now'> = { ...SAMPLE_CONTEXT, env: { DUFF_WEBHOOK_SECRET: SAMPLE_WEBHOOK_SECRET } };
  const at = (ms: number): ConnectionSettings => ({ ...settings, now: () => new Date(ms) });
  const received = Date.parse(delivery.receivedAt);
  const request = (body: string, headers: Record<string, string> = {}): WebhookRequest => ({ headers: { ...delivery.headers, ...headers }, rawBody: new TextEncoder().encode(body) });
  const receive = (r: WebhookRequest, now: number) => adapter.webhook!.receive(r, at(now));

  it('a bad signature is refused (401): a body changed by one byte, another key, a signature in another form', () => {
    expect(() => receive(request(`${delivery.body} `), received)).toThrow(expect.objectContaining({ status: 401 }));
    const otherKey = `sha256=${createHmac('sha256', 'not-the-secret').update(delivery.body).digest('hex')}`;
    expect(() => receive(request(delivery.body, { 'X-DuFF-Signatur': otherKey }), received)).toThrow(expect.objectContaining({ status: 401 }));
    const bare = delivery.headers['X-DuFF-Signatur']!.replace('sha256=', '');
    expect(() => receive(request(delivery.body, { 'X-DuFF-Signatur': bare }), received)).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('a zeitpunkt over 2 h old or over 5 min ahead is refused (401); just inside both holds', () => {
    const z = Date.parse(zeitpunkt);
    expect(() => receive(request(delivery.body), z + 2 * 3600_000 + 1000)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => receive(request(delivery.body), z - 5 * 60_000 - 1000)).toThrow(expect.objectContaining({ status: 401 }));
    expect(receive(request(delivery.body), z + 2 * 3600_000).event).toEqual(expected);
    expect(receive(request(delivery.body), z - 5 * 60_000).event).toEqual(expected);
  });

  it('a replayed delivery (same X-DuFF-Zustellung, a later X-DuFF-Versuch, same body) is the same event: the core keeps one', () => {
    const first = receive(request(delivery.body), received);
    // DuFF's retries come after 1, 10 and 60 minutes, with the same body and signature.
    const replays = [1, 10, 60].map((minutes, i) => receive(request(delivery.body, { 'X-DuFF-Versuch': String(i + 2) }), received + minutes * 60_000));
    for (const replay of replays) {
      expect(replay.event).toEqual(first.event);
      expect(replay.deliveryId).toBe(first.deliveryId);
    }
    expect(first.deliveryId).toBe(delivery.headers['X-DuFF-Zustellung']);
  });
});
