import { ahv13, at, AuthError, bodyText, bodyValue, changedValue, headerOf, InputError, isoDate, malformedBody, OrganisationMap, requiredBodyText, requireHmac, secretOf, webhookBody, zonedTimestamp, type CaseEvent, type CaseEventType, type ConnectionSettings, type WebhookRequest, type WebhookResult } from '../../src/adapters/sdk.js';
import { PHASE, STATUS } from './codes.js';

const SIGNATURE = 'X-DuFF-Signatur';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A `zeitpunkt` over 2 h old or 5 min ahead is refused like a bad signature. */
const MAX_AGE_SECONDS = 2 * 60 * 60;
const MAX_AHEAD_SECONDS = 5 * 60;

const TYPES: Readonly<Record<string, CaseEventType>> = {
  'dossier.erstellt': 'case.updated',
  'dossier.geaendert': 'case.updated',
  'dossier.phasenwechsel': 'case.phase-changed',
  'dossier.statuswechsel': 'case.status-changed',
  'dossier.zustaendigkeitswechsel': 'case.institution-changed',
  'einwilligung.erteilt': 'consent.granted',
  'einwilligung.widerrufen': 'consent.revoked',
};

/** `X-DuFF-Signatur: sha256=<hex>`: HMAC-SHA256 of the raw body bytes, keyed with the secret's UTF-8 bytes. */
export function verifySignature(request: WebhookRequest, ctx: ConnectionSettings): void {
  const value = headerOf(request.headers, SIGNATURE);
  if (!value) throw new AuthError('webhook.signature-missing', `the ${SIGNATURE} header is missing`);
  const hex = /^sha256=([0-9a-fA-F]{64})$/.exec(value.trim())?.[1];
  if (hex === undefined) throw new AuthError('webhook.signature-invalid', `the ${SIGNATURE} header is malformed`);
  requireHmac({ secret: secretOf(ctx.settings, 'webhookSecret', ctx.env), signed: request.rawBody, candidates: [hex], encoding: 'hex' }, SIGNATURE);
}

/** DuFF's window is not symmetric: up to 2 h late (its retries), 5 min early (clock drift). */
function requireTimely(zeitpunkt: string, now: Date): void {
  const age = (now.getTime() - Date.parse(zeitpunkt)) / 1000;
  if (age > MAX_AGE_SECONDS || age < -MAX_AHEAD_SECONDS) throw new AuthError('webhook.signature-expired', 'the delivery\'s zeitpunkt is over 2 hours old or more than 5 minutes ahead');
}

/**
 * Verifies one DuFF push and translates it into the CaseEvent of FORMAT "Webhooks". A bad
 * signature or an untimely `zeitpunkt` is an AuthError (401, nothing created); a body that
 * is no DuFF event an InputError. The delivery id is `X-DuFF-Zustellung`.
 */
export function receive(request: WebhookRequest, ctx: ConnectionSettings): WebhookResult {
  verifySignature(request, ctx);
  const body = webhookBody(request.rawBody);
  const ereignis = requiredBodyText(body, 'ereignis');
  const type = TYPES[ereignis];
  if (!type) throw new InputError('webhook.unknown-type', 'the webhook ereignis is not one DuFF documents', { field: 'body.ereignis' }, 422);
  const announced = headerOf(request.headers, 'X-DuFF-Ereignis');
  if (announced !== undefined && announced.trim() !== ereignis) throw malformedBody('ereignis', 'is not the one the X-DuFF-Ereignis header announces');
  const eventId = requiredBodyText(body, 'ereignisId');
  if (!UUID.test(eventId)) throw malformedBody('ereignisId', 'is not a UUID');
  const zeitpunkt = requiredBodyText(body, 'zeitpunkt');
  const occurredAt = bodyValue('zeitpunkt', () => zonedTimestamp(zeitpunkt, at('occurredAt', 'zeitpunkt'))!);
  requireTimely(occurredAt, ctx.now());
  const tables = { phase: PHASE, status: STATUS, orgs: OrganisationMap.fromSettings(ctx.settings) };
  const vn = bodyText(body, 'ahvNr');
  const ziel = bodyText(body, 'zielOrganisation');
  const einwilligung = type.startsWith('consent.') ? requiredBodyText(body, 'einwilligungId') : undefined;
  const event: CaseEvent = {
    eventId: eventId.toLowerCase(),
    type,
    occurredAt,
    source: { system: 'duff', institutionId: ctx.institutionId },
    case: {
      localCaseId: requiredBodyText(body, 'dossierNr'),
      localPersonId: requiredBodyText(body, 'personNr'),
      ...(vn !== undefined ? { vn: bodyValue('ahvNr', () => ahv13(vn, at('case.vn', 'ahvNr'))!) } : {}),
    },
    ...(type.endsWith('-changed')
      ? {
          change: {
            from: changedValue(type, requiredBodyText(body, 'vorher'), 'vorher', at('change.from', 'vorher'), tables),
            to: changedValue(type, requiredBodyText(body, 'nachher'), 'nachher', at('change.to', 'nachher'), tables),
            effectiveDate: bodyValue('gueltigAb', () => isoDate(requiredBodyText(body, 'gueltigAb'), at('change.effectiveDate', 'gueltigAb'))!),
          },
        }
      : {}),
    ...(ziel !== undefined ? { targetInstitutionId: bodyValue('zielOrganisation', () => tables.orgs.institution(ziel, at('targetInstitutionId', 'zielOrganisation'))!) } : {}),
    ...(einwilligung !== undefined ? { consentId: einwilligung } : {}),
  };
  const deliveryId = headerOf(request.headers, 'X-DuFF-Zustellung')?.trim();
  return { event, ...(deliveryId ? { deliveryId } : {}) };
}
