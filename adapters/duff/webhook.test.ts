import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionSettings, WebhookRequest } from '../../src/adapters/sdk.js';
import { validateCaseEvent } from '../../src/contract/validate.js';
import { FIXTURES } from './test-support.js';
import { SAMPLE_CONTEXT, SAMPLE_WEBHOOK_SECRET } from './testing.js';
import { receive } from './webhook.js';

const delivery = JSON.parse(readFileSync(path.join(FIXTURES, 'rich.webhook-delivery.json'), 'utf8')) as { receivedAt: string; headers: Record<string, string>; body: string };
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'rich.expected-event.json'), 'utf8')) as unknown;
const sample = JSON.parse(delivery.body) as Record<string, unknown>;

const ctx = (now = delivery.receivedAt, env: Record<string, string> = { DUFF_WEBHOOK_SECRET: SAMPLE_WEBHOOK_SECRET }): ConnectionSettings => ({
  ...SAMPLE_CONTEXT,
  settings: SAMPLE_CONTEXT.settings,
  now: () => new Date(now),
  env,
});

const sign = (raw: string, key = SAMPLE_WEBHOOK_SECRET): string => `sha256=${createHmac('sha256', key).update(raw).digest('hex')}`;

/** A delivery of `payload` with the sample's headers, signed (with `key`) as DuFF signs it. */
function request(payload: unknown, key?: string, headers: Record<string, string> = {}): WebhookRequest {
  const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const ereignis = typeof payload === 'object' && payload !== null && 'ereignis' in payload ? String((payload as { ereignis: unknown }).ereignis) : delivery.headers['X-DuFF-Ereignis']!;
  return { headers: { ...delivery.headers, 'X-DuFF-Ereignis': ereignis, 'X-DuFF-Signatur': sign(raw, key), ...headers }, rawBody: new TextEncoder().encode(raw) };
}

describe('DuFF webhooks', () => {
  it('turn the sample delivery into exactly the expected CaseEvent, with its delivery id', () => {
    const result = receive({ headers: delivery.headers, rawBody: new TextEncoder().encode(delivery.body) }, ctx());
    expect(result.event).toEqual(expected);
    expect(validateCaseEvent(result.event)).toEqual(expected);
    expect(result.deliveryId).toBe('c2b7d9e0-5a14-4f3b-8e61-0d9f2a7c4b18');
  });

  it('refuse a bad signature, creating nothing', () => {
    const tampered = { headers: delivery.headers, rawBody: new TextEncoder().encode(delivery.body.replace('GEMEINDE', 'REGELSTRUKTUR')) };
    expect(() => receive(tampered, ctx())).toThrow(expect.objectContaining({ code: 'webhook.signature-invalid', status: 401 }));
    expect(() => receive(request(sample, 'another-secret'), ctx())).toThrow(expect.objectContaining({ code: 'webhook.signature-invalid', status: 401 }));
    expect(() => receive(request(sample, undefined, { 'X-DuFF-Signatur': 'sha1=abc' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.signature-invalid', status: 401 }));
    const { 'X-DuFF-Signatur': _s, ...unsigned } = delivery.headers;
    expect(() => receive({ headers: unsigned, rawBody: new TextEncoder().encode(delivery.body) }, ctx())).toThrow(expect.objectContaining({ code: 'webhook.signature-missing', status: 401 }));
  });

  it('refuse a zeitpunkt over 2 hours old or more than 5 minutes ahead', () => {
    const raw = { headers: delivery.headers, rawBody: new TextEncoder().encode(delivery.body) };
    expect(() => receive(raw, ctx('2025-02-04T16:21:10+01:00'))).toThrow(expect.objectContaining({ code: 'webhook.signature-expired', status: 401 }));
    expect(() => receive(raw, ctx('2025-02-04T14:16:08+01:00'))).toThrow(expect.objectContaining({ code: 'webhook.signature-expired', status: 401 }));
    // A retry after 60 minutes still holds.
    expect(receive(raw, ctx('2025-02-04T15:21:09+01:00')).event.eventId).toBe('7f1e0c4a-2b8d-4f51-9a63-1c0d5e7b9a22');
  });

  it('refuse a malformed body once the signature holds', () => {
    expect(() => receive(request('{"ereignisId":'), ctx())).toThrow(expect.objectContaining({ code: 'webhook.malformed', status: 400 }));
    expect(() => receive(request({ ...sample, dossierNr: undefined }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.malformed', status: 422, details: { field: 'body.dossierNr' } }));
    expect(() => receive(request({ ...sample, ereignisId: 'E-1' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.malformed', details: { field: 'body.ereignisId' } }));
    expect(() => receive(request({ ...sample, ereignis: 'dossier.archiviert' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.unknown-type', status: 422 }));
    expect(() => receive(request(sample, undefined, { 'X-DuFF-Ereignis': 'dossier.geaendert' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.malformed', details: { field: 'body.ereignis' } }));
    expect(() => receive(request({ ...sample, nachher: 'MOND' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.unknown-code', details: { field: 'body.nachher' } }));
    expect(() => receive(request({ ...sample, zielOrganisation: 'GEM-9999-SD' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.unknown-organisation' }));
    expect(() => receive(request({ ...sample, ahvNr: '756.2145.6883.06' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.invalid-ahv', details: { field: 'body.ahvNr' } }));
  });

  it('map status and responsibility changes and consents through the tables', () => {
    const status = receive(request({ ...sample, ereignis: 'dossier.statuswechsel', vorher: 'VA', nachher: 'VA_HF', zielOrganisation: undefined }), ctx()).event;
    expect(status).toMatchObject({ type: 'case.status-changed', change: { from: 'F', to: 'other', effectiveDate: '2025-02-01' } });
    expect(status).not.toHaveProperty('targetInstitutionId');
    const moved = receive(request({ ...sample, ereignis: 'dossier.zustaendigkeitswechsel', vorher: 'KU-BUCHS', nachher: 'GEM-4021-SD' }), ctx()).event;
    expect(moved.change).toEqual({ from: 'ag-ku-buchs', to: 'ag-sd-baden', effectiveDate: '2025-02-01' });
    const { vorher: _v, nachher: _n, gueltigAb: _g, ...plain } = sample;
    const granted = receive(request({ ...plain, ereignis: 'einwilligung.erteilt', einwilligungId: 'EW-2024-2210' }), ctx()).event;
    expect(validateCaseEvent(granted)).toMatchObject({ type: 'consent.granted', consentId: 'EW-2024-2210' });
    expect(granted).not.toHaveProperty('change');
  });

  it('need the secret named in the settings to be set', () => {
    expect(() => receive(request(sample), ctx(delivery.receivedAt, {}))).toThrow(expect.objectContaining({ code: 'adapter.secret-missing' }));
  });
});
