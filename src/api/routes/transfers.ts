import { Hono } from 'hono';
import type { Transfer, TransferState } from '../../contract/types.js';
import { AuthError, ConflictError, InputError, NotFoundError } from '../../errors.js';
import { FINAL_STATES } from '../../store/index.js';
import { cancelTransfer } from '../../transfers/revoke.js';
import type { TransferRecord } from '../../store/index.js';
import { previewTransfer } from '../../transfers/preview.js';
import { replayTransfer } from '../../transfers/replay.js';
import type { Services } from '../../transfers/services.js';
import { roleGuard } from '../../auth/middleware.js';
import { checkBody } from '../schemas.js';
import { decodeCursor, encodeCursor, queryInt, queryText, queryTimestamp, readJson } from '../request.js';

const STATES: readonly TransferState[] = [
  'accepted', 'extracting', 'evaluating', 'delivering', 'awaiting-receipt', 'delivered', 'retrying', 'failed', 'rejected', 'cancelled',
];

/** The API's view of a transfer: the contract's Transfer, nothing of the engine's bookkeeping. */
export function publicTransfer(t: TransferRecord): Transfer {
  return {
    id: t.id,
    eventId: t.eventId,
    sourceInstitutionId: t.sourceInstitutionId,
    targetInstitutionId: t.targetInstitutionId,
    purpose: t.purpose,
    legalBasis: t.legalBasis,
    state: t.state,
    attempts: t.attempts,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    decision: t.decision,
    receipt: t.receipt,
    error: t.error,
  };
}

export function transferRoutes(services: Services): Hono {
  const app = new Hono();

  app.get('/v1/transfers', roleGuard('ops'), async (c) => {
    const state = c.req.query('state');
    if (state !== undefined && !STATES.includes(state as TransferState)) {
      throw new InputError('request.invalid-query', `state must be one of ${STATES.join(', ')}`, { field: 'state' });
    }
    const limit = queryInt(c, 'limit', 50, 1, 200);
    const cursor = decodeCursor(c, services.cursorKey, { createdAt: 'timestamp', id: 'uuid' });
    const target = queryText(c, 'target', 64);
    const since = queryTimestamp(c, 'since');
    const until = queryTimestamp(c, 'until');
    const items = await services.store.listTransfers({
      limit,
      ...(state ? { state: state as TransferState } : {}),
      ...(target ? { target } : {}),
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
      ...(cursor ? { cursor } : {}),
    });
    const last = items.at(-1);
    return c.json({
      items: items.map(publicTransfer),
      nextCursor: items.length === limit && last ? encodeCursor(services.cursorKey, { createdAt: last.createdAt, id: last.id }) : null,
    });
  });

  app.post('/v1/transfers/preview', roleGuard('source-system', 'ops'), async (c) => {
    const principal = c.get('principal');
    const body = checkBody<{ source: { institutionId: string }; case: { localCaseId: string; localPersonId: string }; to: string | string[]; purpose: string }>(
      'PreviewRequest',
      await readJson(c),
    );
    const source = body.source.institutionId;
    if (!principal.roles.includes('ops') && principal.institutionId !== source) {
      throw new AuthError('auth.wrong-institution', 'a source may preview only its own cases', 403);
    }
    const previews = await previewTransfer(services, {
      sourceInstitutionId: source,
      localCaseId: body.case.localCaseId,
      localPersonId: body.case.localPersonId,
      recipients: typeof body.to === 'string' ? [body.to] : body.to,
      purpose: body.purpose,
      actor: `token:${principal.subject}`,
      ...(c.get('requestId') ? { requestId: c.get('requestId') } : {}),
    });
    return c.json({ previews });
  });

  app.get('/v1/transfers/:id', roleGuard('ops', 'source-system', 'receiver'), async (c) => {
    const principal = c.get('principal');
    const found = await services.store.transferWithHistory(c.req.param('id'));
    const transfer = found?.transfer;
    const mayRead =
      transfer &&
      (principal.roles.includes('ops') ||
        (principal.roles.includes('source-system') && principal.institutionId === transfer.sourceInstitutionId) ||
        (principal.roles.includes('receiver') && principal.institutionId === transfer.targetInstitutionId));
    // Someone else's transfer is "not found", so ids cannot be probed.
    if (!transfer || !mayRead) throw new NotFoundError('transfer.not-found', 'no transfer with this id', { field: 'id' });
    return c.json({ ...publicTransfer(transfer), history: found.history.map(({ at, kind, state, step }) => ({ at, kind, state, step })) });
  });

  app.post('/v1/transfers/:id/replay', roleGuard('ops'), async (c) => {
    const principal = c.get('principal');
    const replayed = await replayTransfer(services, c.req.param('id'), `token:${principal.subject}`, c.get('requestId'));
    return c.json(publicTransfer(replayed), 202);
  });

  app.post('/v1/transfers/:id/cancel', roleGuard('ops'), async (c) => {
    const principal = c.get('principal');
    const transfer = await services.store.getTransfer(c.req.param('id'));
    if (!transfer) throw new NotFoundError('transfer.not-found', 'no transfer with this id', { field: 'id' });
    if (FINAL_STATES.includes(transfer.state)) {
      throw new ConflictError('transfer.final', `the transfer is already ${transfer.state}; nothing to cancel`, { field: 'state' });
    }
    await cancelTransfer(services, transfer.id, { actor: `token:${principal.subject}`, eventId: null, step: 'cancelled-by-ops' });
    // A delivery in flight finishes; the flag keeps every later attempt from calling the target.
    return c.json(publicTransfer((await services.store.getTransfer(transfer.id))!), 202);
  });

  return app;
}
