import { Hono } from 'hono';
import { validateCaseEvent } from '../../contract/validate.js';
import { InputError, NotFoundError } from '../../errors.js';
import { acceptEvent } from '../../transfers/intake.js';
import type { Services } from '../../transfers/services.js';

/**
 * Webhook receivers of source systems. They authenticate by the sender's signature, not
 * by a token; a bad signature creates nothing. `/v1/hooks/{system}` serves the one
 * institution running that system; with several, name it: `/v1/hooks/{system}/{institutionId}`.
 */
export function hookRoutes(services: Services): Hono {
  const app = new Hono();
  const receive = async (system: string, institutionId: string | undefined, headers: Record<string, string>, rawBody: Uint8Array, requestId?: string) => {
    // Only institutions with a webhook secret receive webhooks.
    const running = services.bundle.institutions.filter((i) => i.system === system && i.settings.webhookSecret !== undefined);
    const institution = institutionId ? running.find((i) => i.id === institutionId) : running.length === 1 ? running[0] : undefined;
    if (!institution) {
      throw new NotFoundError(
        'hook.unknown',
        running.length > 1
          ? `several institutions run ${system}: post to /v1/hooks/${system}/{institutionId}`
          : 'no institution receives webhooks of this system here',
        { field: 'path' },
      );
    }
    const adapter = services.registry.get(system);
    if (!adapter.webhook) throw new NotFoundError('hook.unsupported', `"${system}" does not push webhooks`, { field: 'path' });
    const settings = services.connections.settingsFor(institution);
    const result = adapter.webhook.receive({ headers, rawBody }, settings);
    const event = validateCaseEvent(result.event);
    const accepted = await acceptEvent(services, event, {
      actor: `webhook:${system}`,
      ...(requestId ? { requestId } : {}),
      ...(result.nativeId ? { nativeId: result.nativeId } : {}),
    });
    services.logger.info({ eventId: accepted.eventId, duplicate: accepted.duplicate, delivery: result.deliveryId }, 'webhook accepted');
  };

  app.post('/v1/hooks/:system/:institutionId?', async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      throw new InputError('request.unsupported-media-type', 'webhooks are application/json', { field: 'content-type' }, 415);
    }
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    await receive(c.req.param('system'), c.req.param('institutionId'), c.req.header(), rawBody, c.get('requestId'));
    return c.body(null, 204);
  });
  return app;
}
