import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Adapter, ConnectionSettings } from '../port.js';
import { samplesDir } from '../samples.js';

interface Delivery {
  receivedAt: string;
  headers: Record<string, string>;
  body: string;
}

const SUFFIX = '.webhook-delivery.json';

/**
 * The webhook half of the conformance kit: for every sample with a
 * `NAME.webhook-delivery.json`, the delivery (signed for the time in `receivedAt`) gives
 * exactly `NAME.expected-event.json`; the same delivery with its body changed, or taken
 * later than the system's window (`staleAfterMs`, default an hour), is refused (401) and
 * gives no event.
 */
export function describeWebhookConformance(adapter: Adapter, options: { systemDir: string; settings: Omit<ConnectionSettings, 'now'>; staleAfterMs?: number }): void {
  const dir = samplesDir(options.systemDir);
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(SUFFIX))
        .map((f) => f.slice(0, -SUFFIX.length))
        .sort()
    : [];
  describe(`adapter ${adapter.id}: webhook conformance`, () => {
    it('has a webhook receiver and signed samples', () => {
      expect(adapter.webhook).toBeDefined();
      expect(names.length).toBeGreaterThan(0);
    });
    it.each(names)('sample %s gives exactly its expected event, and a tampered or stale copy is refused', (name) => {
      const delivery = JSON.parse(readFileSync(path.join(dir, `${name}${SUFFIX}`), 'utf8')) as Delivery;
      const expected = JSON.parse(readFileSync(path.join(dir, `${name}.expected-event.json`), 'utf8')) as unknown;
      const at = (when: string): ConnectionSettings => ({ ...options.settings, now: () => new Date(when) });
      const request = (body: string) => ({ headers: delivery.headers, rawBody: new TextEncoder().encode(body) });
      expect(adapter.webhook!.receive(request(delivery.body), at(delivery.receivedAt)).event).toEqual(expected);
      expect(() => adapter.webhook!.receive(request(`${delivery.body} `), at(delivery.receivedAt))).toThrow(expect.objectContaining({ status: 401 }));
      const later = new Date(Date.parse(delivery.receivedAt) + (options.staleAfterMs ?? 3600_000)).toISOString();
      expect(() => adapter.webhook!.receive(request(delivery.body), at(later))).toThrow(expect.objectContaining({ status: 401 }));
    });
  });
}
