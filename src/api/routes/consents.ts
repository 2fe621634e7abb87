import { Hono } from 'hono';
import { roleGuard } from '../../auth/middleware.js';
import type { Principal } from '../../auth/principal.js';
import type { Consent } from '../../contract/types.js';
import { AuthError, ConflictError, InputError, NotFoundError } from '../../errors.js';
import type { Institution } from '../../policy/types.js';
import { personRef } from '../../transfers/person.js';
import { cancelTransfersOfPerson } from '../../transfers/revoke.js';
import type { Services } from '../../transfers/services.js';
import { zurichDate } from '../../time.js';
import { readJson } from '../request.js';
import { checkBody } from '../schemas.js';

interface ConsentRequest {
  person: { system: string; localPersonId: string; institutionId?: string };
  consent: Consent;
  documentSha256: string;
}

interface RevokeRequest {
  revokedOn?: string;
  institutionId?: string;
}

/**
 * The institution a request speaks for: a source system for itself only; `ops` for the
 * institution it names (audited as acting on its behalf).
 */
function actingInstitution(services: Services, principal: Principal, named: string | undefined): { institution: Institution; onBehalf: boolean } {
  const ops = principal.roles.includes('ops');
  if (named !== undefined && named !== principal.institutionId && !ops) {
    throw new AuthError('auth.wrong-institution', 'a source system speaks only for its own institution', 403);
  }
  const id = named ?? principal.institutionId;
  const institution = services.bundle.institution(id);
  if (!institution) throw new InputError('institution.unknown', 'the institution is not in the registry', { field: 'person.institutionId' }, 422);
  return { institution, onBehalf: id !== principal.institutionId };
}

/**
 * Consents given at the gateway (the signed form, referred to by its hash) and their
 * revocation. Only an institution of the installation that holds the person (or `ops` on
 * its behalf) speaks for the person; its consents live in its own namespace.
 */
export function consentRoutes(services: Services): Hono {
  const app = new Hono();
  app.use('/v1/consents', roleGuard('source-system', 'ops'));
  app.use('/v1/consents/*', roleGuard('source-system', 'ops'));

  app.post('/v1/consents', async (c) => {
    const principal = c.get('principal');
    const body = checkBody<ConsentRequest>('ConsentRequest', await readJson(c));
    const { institution, onBehalf } = actingInstitution(services, principal, body.person.institutionId);
    const ref = personRef(services.pseudonymKey, institution.installation, body.person.localPersonId);
    // Held means shown by that installation's events, webhooks, polls or snapshots; an
    // institution of another system holds none of this system's persons.
    if (institution.system !== body.person.system || (await services.store.installationOf(ref)) !== institution.installation) {
      throw new AuthError('consent.person-not-held', "this institution's installation does not hold this person: only the institution that holds a person records its consents", 403);
    }
    const consent = body.consent;
    const actor = `token:${principal.subject}`;
    const recorded = await services.store.recordConsent(
      { id: consent.id, personRef: ref, institutionId: institution.id, installation: institution.installation, consent, documentSha256: body.documentSha256, recordedBy: actor },
      {
        kind: 'consent.recorded',
        actor,
        personRef: ref,
        institutionId: institution.id,
        requestId: c.get('requestId') ?? null,
        data: {
          consentId: consent.id,
          kind: consent.kind,
          recipients: consent.recipients,
          purposes: consent.purposes,
          dataCategories: consent.dataCategories,
          documentSha256: body.documentSha256,
          ...(onBehalf ? { onBehalfOf: institution.id, by: principal.institutionId } : {}),
        },
      },
    );
    if (!recorded) throw new ConflictError('consent.exists', 'this institution already recorded a consent with this id', { field: 'consent.id' });
    return c.json({ consent, documentSha256: body.documentSha256, recordedAt: new Date().toISOString() }, 201);
  });

  app.post('/v1/consents/:id/revoke', async (c) => {
    const principal = c.get('principal');
    const id = c.req.param('id');
    if (id.length > 128) throw new InputError('request.invalid', 'the consent id is longer than 128 characters', { field: 'id' }, 422);
    const text = await c.req.text();
    const body = checkBody<RevokeRequest>('RevokeRequest', text.trim() === '' ? {} : await readJson(c, text));
    const namespace = body.institutionId ?? principal.institutionId;
    const stored = await services.store.consentById(namespace, id);
    const own = services.bundle.institution(principal.institutionId);
    // Another installation's consent is "not found", so ids cannot be probed.
    if (!stored || (!principal.roles.includes('ops') && own?.installation !== stored.installation)) {
      throw new NotFoundError('consent.not-found', 'no consent with this id was recorded at the gateway by this institution', { field: 'id' });
    }
    const revokedOn = body.revokedOn ?? zurichDate(services.clock());
    const actor = `token:${principal.subject}`;
    const consentId = `${stored.institutionId}/${stored.id}`;
    const record = services.store.revokeGatewayConsent(stored.institutionId, stored.id, revokedOn, {
      kind: 'consent.revoked',
      actor,
      personRef: stored.personRef,
      institutionId: stored.institutionId,
      requestId: c.get('requestId') ?? null,
      data: { consentId, revokedOn, ...(principal.institutionId !== stored.institutionId ? { by: principal.institutionId } : {}) },
    });
    // A revocation dated later leaves the consent valid until then (policy.md).
    const cancelled =
      revokedOn <= zurichDate(services.clock())
        ? await cancelTransfersOfPerson(services, stored.personRef, { consentId, eventId: null, actor, step: 'consent-revoked' }, record)
        : (await services.store.sql.transaction(record), []);
    return c.json({ consentId: stored.id, revokedOn, cancelled });
  });
  return app;
}
