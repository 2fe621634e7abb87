import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ConnectionSettings, WebhookRequest } from '../../src/adapters/sdk.js';
import { validateCaseEvent } from '../../src/contract/validate.js';
import { SAMPLE_SETTINGS } from './testing.js';
import { receive } from './webhook.js';

// CaseNet's FORMAT gives no sample delivery: these are signed here as CaseNet signs them.
const SECRET = 'casenet-test-secret-fr';
const NOW = new Date('2024-03-14T08:15:30Z');
const T = Math.floor(NOW.getTime() / 1000);

const ctx = (now = NOW, env: Record<string, string> = { CASENET_WEBHOOK_SECRET: SECRET }): ConnectionSettings => ({
  institutionId: 'fr-cii-coordination',
  canton: 'FR',
  now: () => now,
  env,
  settings: SAMPLE_SETTINGS,
});

const sign = (t: number, raw: string, key = SECRET): string => createHmac('sha256', key).update(`${t}.${raw}`).digest('hex');

function request(payload: unknown, options: { t?: number; key?: string; header?: string } = {}): WebhookRequest {
  const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const t = options.t ?? T;
  return { headers: { 'content-type': 'application/json', 'x-casenet-signature': options.header ?? `t=${t},v1=${sign(t, raw, options.key)}` }, rawBody: new TextEncoder().encode(raw) };
}

const PHASE = {
  idEvenement: '5F0C1A2B-3D4E-4F60-8A1B-2C3D4E5F6A7B',
  type: 'PHASE_MODIFIEE',
  horodatage: '2024-03-14T08:15:00Z',
  noDossier: 'CII-2022-0153',
  idPersonne: 'BEN-008812',
  avant: 'COMMUNALE',
  apres: 'ORDINAIRE',
  dateEffet: '2022-06-01',
};

describe('CaseNet webhooks', () => {
  it('turn a signed PHASE_MODIFIEE into a contract CaseEvent', () => {
    const { event } = receive(request(PHASE), ctx());
    expect(validateCaseEvent(event)).toEqual({
      eventId: '5f0c1a2b-3d4e-4f60-8a1b-2c3d4e5f6a7b',
      type: 'case.phase-changed',
      occurredAt: '2024-03-14T09:15:00+01:00',
      source: { system: 'casenet', institutionId: 'fr-cii-coordination' },
      case: { localCaseId: 'CII-2022-0153', localPersonId: 'BEN-008812' },
      change: { from: 'communal', to: 'regular', effectiveDate: '2022-06-01' },
    });
  });

  it.each([
    ['STATUT_MODIFIE', { avant: 'ADMISSION_PROVISOIRE', apres: 'PERMIS_B' }, { type: 'case.status-changed', change: { from: 'F', to: 'B', effectiveDate: '2022-06-01' } }],
    ['INSTITUTION_MODIFIEE', { avant: 'SSR-SARINE', apres: 'OAI-FR' }, { type: 'case.institution-changed', change: { from: 'fr-ssr-sarine', to: 'fr-office-ai', effectiveDate: '2022-06-01' }, targetInstitutionId: 'fr-office-ai' }],
    ['PROCURATION_ACCORDEE', { idProcuration: 'PROC-31' }, { type: 'consent.granted', consentId: 'PROC-31' }],
    ['PROCURATION_REVOQUEE', { idProcuration: 'PROC-29' }, { type: 'consent.revoked', consentId: 'PROC-29' }],
    ['DOSSIER_MODIFIE', {}, { type: 'case.updated' }],
  ])('map %s through the code tables', (type, extra, expected) => {
    const { avant: _a, apres: _b, ...rest } = PHASE;
    const { event } = receive(request({ ...rest, type, ...extra }), ctx());
    expect(validateCaseEvent(event)).toMatchObject(expected);
    if (!('change' in expected)) expect(event).not.toHaveProperty('change');
  });

  it('accept any matching v1 during a secret rotation', () => {
    const raw = JSON.stringify(PHASE);
    const header = `t=${T},v1=${sign(T, raw, 'old-secret')},v1=${sign(T, raw)}`;
    expect(receive(request(raw, { header }), ctx()).event.type).toBe('case.phase-changed');
  });

  it('refuse a bad signature, creating nothing', () => {
    expect(() => receive(request(PHASE, { key: 'another-secret' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.signature-invalid', status: 401 }));
    const tampered = request(PHASE);
    tampered.rawBody = new TextEncoder().encode(JSON.stringify({ ...PHASE, apres: 'CLOTUREE' }));
    expect(() => receive(tampered, ctx())).toThrow(expect.objectContaining({ code: 'webhook.signature-invalid', status: 401 }));
  });

  it('refuse a signature older or newer than 300 seconds', () => {
    expect(() => receive(request(PHASE, { t: T - 301 }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.signature-expired', status: 401 }));
    expect(() => receive(request(PHASE, { t: T + 301 }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.signature-expired', status: 401 }));
    expect(receive(request(PHASE, { t: T - 300 }), ctx()).event.eventId).toBe('5f0c1a2b-3d4e-4f60-8a1b-2c3d4e5f6a7b');
  });

  it('refuse a missing or malformed signature header', () => {
    expect(() => receive({ headers: {}, rawBody: new Uint8Array() }, ctx())).toThrow(expect.objectContaining({ code: 'webhook.signature-missing', status: 401 }));
    expect(() => receive(request(PHASE, { header: 'v1=abc' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.signature-invalid', status: 401 }));
  });

  it('refuse a malformed body after the signature holds', () => {
    expect(() => receive(request('{"idEvenement":'), ctx())).toThrow(expect.objectContaining({ code: 'webhook.malformed', status: 400 }));
    expect(() => receive(request({ ...PHASE, noDossier: null }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.malformed', status: 422, details: { field: 'body.noDossier' } }));
    expect(() => receive(request({ ...PHASE, idEvenement: 'evt-1' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.malformed', details: { field: 'body.idEvenement' } }));
    expect(() => receive(request({ ...PHASE, type: 'DOSSIER_ARCHIVE' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.unknown-type', status: 422 }));
    expect(() => receive(request({ ...PHASE, apres: 'LUNAIRE' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.unknown-code', details: { field: 'body.apres' } }));
    expect(() => receive(request({ ...PHASE, type: 'INSTITUTION_MODIFIEE', apres: 'ORP-BROYE' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.unknown-organisation' }));
    expect(() => receive(request({ ...PHASE, horodatage: '14.03.2024 09:15' }), ctx())).toThrow(expect.objectContaining({ code: 'webhook.invalid-date', details: { field: 'body.horodatage' } }));
  });

  it('need the secret named in the settings to be set', () => {
    expect(() => receive(request(PHASE), ctx(NOW, {}))).toThrow(expect.objectContaining({ code: 'adapter.secret-missing' }));
  });
});
