import { Hono } from 'hono';
import type { Transfer, TransferState } from '../../contract/types.js';
import { AuthError, InputError, NotFoundError } from '../../errors.js';
import type { TransferRecord } from '../../store/index.js';
import { previewTransfer } from '../../transfers/preview.js';
import { replayTransfer } from '../../transfers/replay.js';
import type { Services } from '../../transfers/services.js';
import { roleGuard } from '../../auth/middleware.js';
import { decodeCursor, encodeCursor, queryInt, queryTimestamp, readJson } from '../request.js';

const PURPOSES = ['case-transfer', 'integration-measures', 'labour-market-placement', 'benefit-assessment', 'statistics'];

const STATES: readonly TransferState[] = [
  'accepted', 'extracting', 'evaluating', 'delivering', 'delivered', 'retrying', 'failed', 'rejected', 'cancelled',
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
    const cursor = decodeCursor(c, ['createdAt', 'id'] as const);
    const target = c.req.query('target') || undefined;
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
      nextCursor: items.length === limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    });
  });

  app.post('/v1/transfers/preview', roleGuard('source-system', 'ops'), async (c) => {
    const principal = c.get('principal');
    const body = (await readJson(c)) as Record<string, any>;
    const source = body?.source?.institutionId;
    const kase = body?.case ?? {};
    const to = typeof body?.to === 'string' ? [body.to] : body?.to;
    const purpose = body?.purpose;
    if (typeof source !== 'string') throw new InputError('request.invalid', 'source.institutionId is required', { field: 'source.institutionId' }, 422);
    if (typeof kase.localCaseId !== 'string' || typeof kase.localPersonId !== 'string') {
      throw new InputError('request.invalid', 'case.localCaseId and case.localPersonId are required', { field: 'case' }, 422);
    }
    if (!Array.isArray(to) || to.length === 0 || !to.every((t: unknown) => typeof t === 'string')) {
      throw new InputError('request.invalid', 'to names one recipient institution or a list of them', { field: 'to' }, 422);
    }
    if (!PURPOSES.includes(purpose)) throw new InputError('request.invalid', `purpose must be one of ${PURPOSES.join(', ')}`, { field: 'purpose' }, 422);
    if (!principal.roles.includes('ops') && principal.institutionId !== source) {
      throw new AuthError('auth.wrong-institution', 'a source may preview only its own cases', 403);
    }
    const previews = await previewTransfer(services, {
      sourceInstitutionId: source,
      localCaseId: kase.localCaseId,
      localPersonId: kase.localPersonId,
      recipients: to as string[],
      purpose,
      actor: `token:${principal.subject}`,
      ...(c.get('requestId') ? { requestId: c.get('requestId') } : {}),
    });
    return c.json({ previews });
  });

  app.get('/v1/transfers/:id', roleGuard('ops', 'source-system', 'receiver'), async (c) => {
    const principal = c.get('principal');
    const transfer = await services.store.getTransfer(c.req.param('id'));
    const mayRead =
      transfer &&
      (principal.roles.includes('ops') ||
        (principal.roles.includes('source-system') && principal.institutionId === transfer.sourceInstitutionId) ||
        (principal.roles.includes('receiver') && principal.institutionId === transfer.targetInstitutionId));
    // Someone else's transfer is "not found", so ids cannot be probed.
    if (!transfer || !mayRead) throw new NotFoundError('transfer.not-found', 'no transfer with this id', { field: 'id' });
    const history = await services.store.auditOfTransfer(transfer.id);
    return c.json({
      ...publicTransfer(transfer),
      history: history
        .filter((h) => h.kind === 'transfer.state' || h.kind === 'transfer.decision')
        .map((h) => ({ at: h.at, kind: h.kind, state: h.data.to ?? null, step: h.data.step ?? null })),
    });
  });

  app.post('/v1/transfers/:id/replay', roleGuard('ops'), async (c) => {
    const principal = c.get('principal');
    if (!principal) throw new AuthError('auth.missing-token', 'a bearer token is required');
    const replayed = await replayTransfer(services, c.req.param('id'), `token:${principal.subject}`, c.get('requestId'));
    return c.json(publicTransfer(replayed), 202);
  });

  return app;
}
