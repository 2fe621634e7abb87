import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { roleGuard } from '../auth/middleware.js';
import { requireRole } from '../auth/principal.js';
import type { Verifier } from '../auth/verifier.js';
import { AuthError, InputError, PasserelleError } from '../errors.js';
import { BOARD_PATH, queueBoard } from './board.js';
import { loginPage, storeQueuePage } from './page.js';
import { JOB_STATES, type JobState, type QueueView } from './queues.js';

const COOKIE = 'passerelle_ops';
const BEARER = /^Bearer +([^\s]+)$/i;

/**
 * The queue view for operations: `GET /v1/ops/queues` (JSON, bearer token) and, for a
 * browser, `/ops/queues`: bull-board over Redis, or the store's account in the embedded
 * mode. Only the role `ops` gets in; the board is read-only and answers GET alone.
 */
export function opsRoutes(queue: QueueView, verifier: Verifier): Hono {
  const app = new Hono();

  app.get('/v1/ops/queues', roleGuard('ops'), async (c) => {
    const raw = c.req.query('state');
    if (raw !== undefined && !JOB_STATES.includes(raw as JobState)) {
      throw new InputError('request.invalid-query', `state must be one of ${JOB_STATES.join(', ')}`, { field: 'state' });
    }
    const limitText = c.req.query('limit') ?? '50';
    const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= 200)) throw new InputError('request.invalid-query', 'limit must be a whole number from 1 to 200', { field: 'limit' });
    return c.json({ source: queue.source, lanes: await withJobs(queue, raw ? [raw as JobState] : JOB_STATES, limit) });
  });

  app.get('/ops', (c) => c.redirect('/ops/queues'));
  app.get('/ops/login', (c) => c.html(loginPage()));
  app.post('/ops/login', async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    try {
      requireRole(await verifier.verify(token), ['ops']);
    } catch (error) {
      return c.html(loginPage(error instanceof PasserelleError ? error.message : 'token refused'), 401);
    }
    setCookie(c, COOKIE, token, { path: '/ops', httpOnly: true, sameSite: 'Strict', secure: c.req.url.startsWith('https:') });
    return c.redirect(BOARD_PATH, 303);
  });
  app.get('/ops/logout', (c) => {
    deleteCookie(c, COOKIE, { path: '/ops' });
    return c.redirect('/ops/login', 303);
  });

  app.use(`${BOARD_PATH}`, operator(verifier));
  app.use(`${BOARD_PATH}/*`, operator(verifier));
  const bullQueues = queue.bullQueues;
  if (bullQueues) {
    // Built on the first visit, so that the lanes' connections open only where someone looks.
    let board: Hono | undefined;
    const visit = (c: Context): Response | Promise<Response> => (board ??= new Hono().route(BOARD_PATH, queueBoard(bullQueues()))).fetch(c.req.raw, c.env);
    app.get(BOARD_PATH, visit);
    app.get(`${BOARD_PATH}/*`, visit);
  } else {
    app.get(BOARD_PATH, async (c) => c.html(storeQueuePage(await withJobs(queue, ['waiting', 'delayed', 'active', 'failed'], 50))));
  }
  return app;
}

async function withJobs(queue: QueueView, states: readonly JobState[], limit: number) {
  const lanes = await queue.summary();
  return Promise.all(
    lanes.map(async (lane) => ({ ...lane, jobs: (await Promise.all(states.map((s) => queue.jobs(lane.lane, s, limit)))).flat() })),
  );
}

/**
 * A bearer token, or the cookie the sign-in page set; the role `ops`. A browser without
 * either is sent to the sign-in page; anything else is answered 401 or 403.
 */
function operator(verifier: Verifier): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      throw new PasserelleError('request.method-not-allowed', 'the queue view is read-only: replay or cancel through the API or the command line', { status: 405 });
    }
    const header = c.req.header('authorization');
    const token = header ? BEARER.exec(header.trim())?.[1] : getCookie(c, COOKIE);
    const browser = (c.req.header('accept') ?? '').includes('text/html');
    if (!token) {
      if (browser) return c.redirect('/ops/login', 303);
      throw new AuthError(header ? 'auth.malformed-token' : 'auth.missing-token', 'send a bearer token with the role ops, or sign in at /ops/login');
    }
    const principal = await verifier.verify(token).catch((error: unknown) => {
      if (!header) deleteCookie(c, COOKIE, { path: '/ops' });
      throw error;
    });
    c.set('principal', principal);
    requireRole(principal, ['ops']);
    c.header('cache-control', 'no-store');
    return next();
  };
}
