import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CaseEvent, ConnectionSettings, WebhookRequest, WebhookResult } from '../../src/adapters/sdk.js';
import { AuthError, InputError, zurichTimestamp } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { secret } from './transport.js';
import { organisationMap } from './types.js';

const TOLERANCE_SECONDS = 300;

const EVENT_TYPES: Record<string, CaseEvent['type']> = {
  'case.created': 'case.updated',
  'case.updated': 'case.updated',
  'case.stage.changed': 'case.phase-changed',
  'case.permit.changed': 'case.status-changed',
  'case.assignment.changed': 'case.institution-changed',
  'consent.granted': 'consent.granted',
  'consent.revoked': 'consent.revoked',
};

function header(request: WebhookRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * `NFAM-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`: HMAC-SHA256 of `<t>.<raw body>` keyed
 * with the endpoint secret; one match suffices (secret rotation); |now − t| ≤ 300 s.
 */
export function verifySignature(request: WebhookRequest, key: string, now: Date): void {
  const value = header(request, 'nfam-signature');
  if (!value) throw new AuthError('webhook.signature-missing', 'the NFAM-Signature header is missing');
  const parts = value.split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const candidates = parts.filter(([k, v]) => k === 'v1' && v !== undefined && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => Buffer.from(v!, 'hex'));
  if (!t || !/^\d+$/.test(t) || candidates.length === 0) throw new AuthError('webhook.signature-invalid', 'the NFAM-Signature header is malformed');
  const expected = createHmac('sha256', Buffer.from(key, 'utf8')).update(`${t}.`).update(request.rawBody).digest();
  if (!candidates.some((c) => timingSafeEqual(c, expected))) throw new AuthError('webhook.signature-invalid', 'the NFAM-Signature does not match the body');
  if (Math.abs(now.getTime() / 1000 - Number(t)) > TOLERANCE_SECONDS) {
    throw new AuthError('webhook.signature-expired', 'the NFAM-Signature is older (or newer) than 300 seconds');
  }
}

export function receive(request: WebhookRequest, ctx: ConnectionSettings): WebhookResult {
  verifySignature(request, secret(ctx.settings.webhookSecret, ctx.env, 'webhookSecret'), ctx.now());
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.rawBody));
  } catch {
    throw new InputError('webhook.malformed', 'the webhook body is not JSON', { field: 'body' });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError('webhook.malformed', 'the webhook body is not a JSON object', { field: 'body' }, 422);
  }
  const body = parsed as { id?: unknown; type?: unknown; occurredAt?: unknown; data?: unknown };
  const type = typeof body.type === 'string' ? EVENT_TYPES[body.type] : undefined;
  if (!type) throw new InputError('webhook.unknown-type', 'the webhook event type is not one NFAM documents', { field: 'type' }, 422);
  const data = (body.data !== null && typeof body.data === 'object' && !Array.isArray(body.data) ? body.data : {}) as Record<string, unknown>;
  const orgs = organisationMap(ctx.settings);
  const translate = (value: unknown): string | undefined => {
    if (typeof value !== 'string') return undefined;
    if (type === 'case.phase-changed') {
      const d = codes.decode(codes.STAGE, value);
      return 'value' in d ? d.value : value;
    }
    if (type === 'case.status-changed') {
      const d = codes.decode(codes.PERMIT, value);
      return 'value' in d ? d.value : value;
    }
    if (type === 'case.institution-changed') return orgs[value] ?? value;
    return value;
  };
  const occurred = typeof body.occurredAt === 'string' ? new Date(body.occurredAt) : new Date(Number.NaN);
  const event = {
    eventId: body.id,
    type,
    occurredAt: Number.isNaN(occurred.getTime()) ? body.occurredAt : zurichTimestamp(occurred),
    source: { system: 'nfam', institutionId: ctx.institutionId },
    case: {
      localCaseId: data.caseNumber,
      localPersonId: data.personId,
      ...(typeof data.ahvn13 === 'string' ? { vn: data.ahvn13 } : {}),
    },
    ...(type.endsWith('-changed')
      ? { change: { from: translate(data.previous), to: translate(data.current), effectiveDate: data.effectiveDate } }
      : {}),
    ...(typeof data.targetOrganisationId === 'string' ? { targetInstitutionId: orgs[data.targetOrganisationId] ?? data.targetOrganisationId } : {}),
    ...(typeof data.consentId === 'string' ? { consentId: data.consentId } : {}),
  } as CaseEvent;
  return {
    event,
    ...(typeof data.caseId === 'string' ? { nativeId: data.caseId } : {}),
    ...(header(request, 'nfam-delivery') ? { deliveryId: header(request, 'nfam-delivery')! } : {}),
  };
}
