import { Hono } from 'hono';
import { roleGuard } from '../../auth/middleware.js';
import { validateConsent } from '../../contract/validate.js';
import { AuthError, ConflictError, InputError, NotFoundError } from '../../errors.js';
import { personRef } from '../../transfers/person.js';
import { cancelTransfersOfPerson } from '../../transfers/revoke.js';
import type { Services } from '../../transfers/services.js';
import { zurichDate } from '../../time.js';
import { readJson } from '../request.js';

function object(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('request.invalid', `${field} must be an object`, { field }, 422);
  }
  return value as Record<string, unknown>;
}

/**
 * Consents given at the gateway (the signed form, referred to by its hash) and their
 * revocation. A revocation cancels every transfer of the person not yet delivered.
 */
export function consentRoutes(services: Services): Hono {
  const app = new Hono();
  app.use('/v1/consents', roleGuard('source-system', 'ops'));
  app.use('/v1/consents/*', roleGuard('source-system', 'ops'));

  app.post('/v1/consents', async (c) => {
    const principal = c.get('principal');
    const body = object(await readJson(c), 'body');
    const person = object(body.person, 'person');
    const system = person.system;
    const localPersonId = person.localPersonId;
    if (typeof system !== 'string' || !services.registry.has(system)) {
      throw new InputError('request.invalid', 'person.system must be the id of a known adapter', { field: 'person.system' }, 422);
    }
    if (typeof localPersonId !== 'string' || localPersonId === '') {
      throw new InputError('request.invalid', "person.localPersonId is the person's id in that system", { field: 'person.localPersonId' }, 422);
    }
    if (typeof body.documentSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(body.documentSha256)) {
      throw new InputError('request.invalid', 'documentSha256 is the lower-case hex SHA-256 of the signed form', { field: 'documentSha256' }, 422);
    }
    const consent = validateConsent(body.consent);
    const ref = personRef(services.pseudonymKey, system, localPersonId);
    const recorded = await services.store.recordConsent(
      { id: consent.id, personRef: ref, institutionId: principal.institutionId, consent, documentSha256: body.documentSha256, recordedBy: `token:${principal.subject}` },
      {
        kind: 'consent.recorded',
        actor: `token:${principal.subject}`,
        personRef: ref,
        institutionId: principal.institutionId,
        requestId: c.get('requestId') ?? null,
        data: { consentId: consent.id, kind: consent.kind, recipients: consent.recipients, purposes: consent.purposes, dataCategories: consent.dataCategories, documentSha256: body.documentSha256 },
      },
    );
    if (!recorded) throw new ConflictError('consent.exists', `a consent with id "${consent.id}" is already recorded`, { field: 'consent.id' });
    return c.json({ consent, documentSha256: body.documentSha256, recordedAt: new Date().toISOString() }, 201);
  });

  app.post('/v1/consents/:id/revoke', async (c) => {
    const principal = c.get('principal');
    const stored = await services.store.consentById(c.req.param('id'));
    if (!stored) throw new NotFoundError('consent.not-found', 'no consent with this id was recorded at the gateway', { field: 'id' });
    if (!principal.roles.includes('ops') && principal.institutionId !== stored.institutionId) {
      throw new AuthError('auth.wrong-institution', 'only the institution that recorded a consent may revoke it', 403);
    }
    const text = await c.req.text();
    const body = text.trim() === '' ? {} : object(await readJson(c, text), 'body');
    const revokedOn = body.revokedOn ?? zurichDate(services.clock());
    if (typeof revokedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(revokedOn)) {
      throw new InputError('request.invalid', 'revokedOn is a date YYYY-MM-DD', { field: 'revokedOn' }, 422);
    }
    await services.store.recordRevocation(stored.consent.id, stored.personRef, revokedOn, null);
    await services.store.appendAudit({
      kind: 'consent.revoked',
      actor: `token:${principal.subject}`,
      personRef: stored.personRef,
      institutionId: principal.institutionId,
      requestId: c.get('requestId') ?? null,
      data: { consentId: stored.consent.id, revokedOn },
    });
    const cancelled = await cancelTransfersOfPerson(services, stored.personRef, {
      consentId: stored.consent.id,
      eventId: null,
      actor: `token:${principal.subject}`,
    });
    return c.json({ consentId: stored.consent.id, revokedOn, cancelled });
  });
  return app;
}
