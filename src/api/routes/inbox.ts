import { Hono } from 'hono';
import { InputError, NotFoundError } from '../../errors.js';
import type { InboxRow } from '../../store/index.js';
import { openInboxItem } from '../../transfers/inbox.js';
import type { Services } from '../../transfers/services.js';
import { roleGuard } from '../../auth/middleware.js';
import { decodeCursor, encodeCursor, queryInt } from '../request.js';

const STATUSES = ['unacknowledged', 'acknowledged', 'all'] as const;
type Status = (typeof STATUSES)[number];

function summary(item: InboxRow) {
  return {
    transferId: item.transferId,
    sourceInstitutionId: item.sourceInstitutionId,
    purpose: item.purpose,
    deliveredAt: item.deliveredAt,
    acknowledgedAt: item.acknowledgedAt,
  };
}

/** A receiver sees its own institution's inbox and nothing else. */
export function inboxRoutes(services: Services): Hono {
  const app = new Hono();
  app.use('/v1/inbox', roleGuard('receiver'));
  app.use('/v1/inbox/*', roleGuard('receiver'));

  app.get('/v1/inbox', async (c) => {
    const status = (c.req.query('status') ?? 'unacknowledged') as Status;
    if (!STATUSES.includes(status)) {
      throw new InputError('request.invalid-query', `status must be one of ${STATUSES.join(', ')}`, { field: 'status' });
    }
    const limit = queryInt(c, 'limit', 50, 1, 200);
    const cursor = decodeCursor(c, services.cursorKey, { deliveredAt: 'timestamp', transferId: 'uuid' });
    const items = await services.store.listInbox(c.get('principal').institutionId, status, limit, cursor);
    const last = items.at(-1);
    return c.json({
      items: items.map(summary),
      nextCursor: items.length === limit && last ? encodeCursor(services.cursorKey, { deliveredAt: last.deliveredAt, transferId: last.transferId }) : null,
    });
  });

  const own = async (institutionId: string, transferId: string): Promise<InboxRow> => {
    const item = await services.store.getInboxItem(transferId);
    if (!item || item.institutionId !== institutionId) {
      throw new NotFoundError('inbox.not-found', 'no item with this transfer id in your inbox', { field: 'transferId' });
    }
    return item;
  };

  app.get('/v1/inbox/:transferId', async (c) => {
    const principal = c.get('principal');
    const item = await own(principal.institutionId, c.req.param('transferId'));
    const { jws, record } = await openInboxItem(services.vault, item);
    await services.store.appendAudit({
      kind: 'inbox.read',
      actor: `token:${principal.subject}`,
      transferId: item.transferId,
      institutionId: principal.institutionId,
      requestId: c.get('requestId') ?? null,
    });
    return c.json({ ...summary(item), jws, record, decision: item.decision });
  });

  app.post('/v1/inbox/:transferId/ack', async (c) => {
    const principal = c.get('principal');
    const item = await own(principal.institutionId, c.req.param('transferId'));
    await services.store.acknowledgeInbox(item.transferId, {
      kind: 'inbox.acknowledged',
      actor: `token:${principal.subject}`,
      transferId: item.transferId,
      institutionId: principal.institutionId,
      requestId: c.get('requestId') ?? null,
    });
    return c.body(null, 204);
  });
  return app;
}
