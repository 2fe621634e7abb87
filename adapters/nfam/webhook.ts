import type { CaseEvent, ConnectionSettings, WebhookRequest, WebhookResult } from '../../src/adapters/sdk.js';
import { AuthError, headerOf, InputError, requireFresh, requireHmac, secretOf, signatureParts, zurichTimestamp } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
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

/**
 * `NFAM-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`: HMAC-SHA256 of `<t>.<raw body>` keyed
 * with the endpoint secret; one match suffices (secret rotation); |now − t| ≤ 300 s.
 */
export function verifySignature(request: WebhookRequest, key: string, now: Date): void {
  const value = headerOf(request.headers, 'nfam-signature');
  if (!value) throw new AuthError('webhook.signature-missing', 'the NFAM-Signature header is missing');
  const parts = signatureParts(value);
  const t = parts.t?.[0];
  const candidates = (parts.v1 ?? []).filter((v) => /^[0-9a-f]{64}$/.test(v));
  if (!t || !/^\d+$/.test(t) || candidates.length === 0) throw new AuthError('webhook.signature-invalid', 'the NFAM-Signature header is malformed');
  const signed = Buffer.concat([Buffer.from(`${t}.`, 'utf8'), Buffer.from(request.rawBody)]);
  requireHmac({ secret: key, signed, candidates, encoding: 'hex' }, 'NFAM-Signature');
  requireFresh(Number(t), now, TOLERANCE_SECONDS, 'NFAM-Signature');
}

export function receive(request: WebhookRequest, ctx: ConnectionSettings): WebhookResult {
  verifySignature(request, secretOf(ctx.settings, 'webhookSecret', ctx.env), ctx.now());
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
    ...(headerOf(request.headers, 'nfam-delivery') ? { deliveryId: headerOf(request.headers, 'nfam-delivery')! } : {}),
  };
}
