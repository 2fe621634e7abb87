import { at, AuthError, bodyValue, changedValue, headerOf, InputError, isoDate, malformedBody, OrganisationMap, requiredBodyText, requireFresh, requireHmac, secretOf, signatureParts, webhookBody, zonedTimestamp, type CaseEvent, type CaseEventType, type ConnectionSettings, type WebhookRequest, type WebhookResult } from '../../src/adapters/sdk.js';
import { PHASE, STATUS } from './codes.js';

const HEADER = 'X-CaseNet-Signature';
const TOLERANCE_SECONDS = 300;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TYPES: Readonly<Record<string, CaseEventType>> = {
  DOSSIER_MODIFIE: 'case.updated',
  PHASE_MODIFIEE: 'case.phase-changed',
  STATUT_MODIFIE: 'case.status-changed',
  INSTITUTION_MODIFIEE: 'case.institution-changed',
  PROCURATION_ACCORDEE: 'consent.granted',
  PROCURATION_REVOQUEE: 'consent.revoked',
};

/**
 * `X-CaseNet-Signature: t=<unix>,v1=<hex>`: HMAC-SHA256 of `<t>.<raw body>` keyed with the
 * shared secret (several `v1` during a rotation: one match suffices), `|now − t| ≤ 300 s`.
 * Anything else is an AuthError: nothing is created.
 */
export function verify(request: WebhookRequest, ctx: ConnectionSettings): void {
  const value = headerOf(request.headers, HEADER);
  if (!value) throw new AuthError('webhook.signature-missing', `the ${HEADER} header is missing`);
  const parts = signatureParts(value);
  const t = parts.t?.[0];
  const candidates = parts.v1 ?? [];
  if (t === undefined || !/^\d{1,12}$/.test(t) || candidates.length === 0) throw new AuthError('webhook.signature-invalid', `the ${HEADER} header is malformed`);
  const signed = Buffer.concat([Buffer.from(`${t}.`, 'utf8'), request.rawBody]);
  requireHmac({ secret: secretOf(ctx.settings, 'webhookSecret', ctx.env), signed, candidates, encoding: 'hex' }, HEADER);
  requireFresh(Number(t), ctx.now(), TOLERANCE_SECONDS, HEADER);
}

/** Verifies one CaseNet push and translates it into the CaseEvent of FORMAT "Changes". */
export function receive(request: WebhookRequest, ctx: ConnectionSettings): WebhookResult {
  verify(request, ctx);
  const body = webhookBody(request.rawBody);
  const type = TYPES[requiredBodyText(body, 'type')];
  if (!type) throw new InputError('webhook.unknown-type', 'the webhook type is not one CaseNet documents', { field: 'body.type' }, 422);
  const eventId = requiredBodyText(body, 'idEvenement');
  if (!UUID.test(eventId)) throw malformedBody('idEvenement', 'is not a UUID');
  const horodatage = requiredBodyText(body, 'horodatage');
  const occurredAt = bodyValue('horodatage', () => zonedTimestamp(horodatage, at('occurredAt', 'horodatage'))!);
  const tables = { phase: PHASE, status: STATUS, orgs: OrganisationMap.fromSettings(ctx.settings) };
  const changed = type.endsWith('-changed');
  const dateEffet = changed ? requiredBodyText(body, 'dateEffet') : undefined;
  const change = changed
    ? {
        from: changedValue(type, requiredBodyText(body, 'avant'), 'avant', at('change.from', 'avant'), tables),
        to: changedValue(type, requiredBodyText(body, 'apres'), 'apres', at('change.to', 'apres'), tables),
        effectiveDate: bodyValue('dateEffet', () => isoDate(dateEffet, at('change.effectiveDate', 'dateEffet'))!),
      }
    : undefined;
  const event: CaseEvent = {
    eventId: eventId.toLowerCase(),
    type,
    occurredAt,
    source: { system: 'casenet', institutionId: ctx.institutionId },
    case: { localCaseId: requiredBodyText(body, 'noDossier'), localPersonId: requiredBodyText(body, 'idPersonne') },
    ...(change ? { change } : {}),
    // The institution that takes the lead is where the case goes (rules that take their target from the event).
    ...(change && type === 'case.institution-changed' ? { targetInstitutionId: change.to } : {}),
    ...(type.startsWith('consent.') ? { consentId: requiredBodyText(body, 'idProcuration') } : {}),
  };
  return { event };
}
