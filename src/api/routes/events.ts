import { Hono } from 'hono';
import { validateCaseEvent } from '../../contract/validate.js';
import { AuthError } from '../../errors.js';
import { acceptEvent } from '../../transfers/intake.js';
import type { Services } from '../../transfers/services.js';
import { roleGuard } from '../../auth/middleware.js';
import { readJson } from '../request.js';
import { publicTransfer } from './transfers.js';

export function eventRoutes(services: Services): Hono {
  const app = new Hono();
  app.post('/v1/events', roleGuard('source-system', 'ops'), async (c) => {
    const principal = c.get('principal');
    const event = validateCaseEvent(await readJson(c));
    // A source reports for itself; only operations may report on another's behalf.
    if (!principal.roles.includes('ops') && principal.institutionId !== event.source.institutionId) {
      throw new AuthError('auth.wrong-institution', 'this token may report events only for its own institution', 403);
    }
    const result = await acceptEvent(services, event, {
      actor: `token:${principal.subject}`,
      requestId: c.get('requestId'),
    });
    return c.json(
      {
        eventId: result.eventId,
        duplicate: result.duplicate,
        transfers: result.transfers.map(publicTransfer),
        cancelled: result.cancelled,
      },
      202,
    );
  });
  return app;
}
