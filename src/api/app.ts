import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authMiddleware } from '../auth/middleware.js';
import type { Verifier } from '../auth/verifier.js';
import { consoleRoutes } from '../console/routes.js';
import { runWithContext } from '../context.js';
import { InputError, PasserelleError } from '../errors.js';
import type { Services } from '../transfers/services.js';
import { problem } from './problem.js';
import { auditRoutes } from './routes/audit.js';
import { consentRoutes } from './routes/consents.js';
import { eventRoutes } from './routes/events.js';
import { hookRoutes } from './routes/hooks.js';
import { inboxRoutes } from './routes/inbox.js';
import { metaRoutes } from './routes/meta.js';
import { transferRoutes } from './routes/transfers.js';

declare module 'hono' {
  interface ContextVariableMap {
    requestId: string;
  }
}

/** Each refused request is an audit entry: who, which route, which code; never the body. */
async function auditRefusal(services: Services, c: Context, error: PasserelleError): Promise<void> {
  const principal = c.get('principal');
  try {
    await services.store.appendAudit({
      kind: 'request.refused',
      actor: principal ? `token:${principal.subject}` : 'anonymous',
      institutionId: principal?.institutionId ?? null,
      requestId: c.get('requestId') ?? null,
      data: { code: error.code, status: error.status, method: c.req.method, route: c.req.routePath, ...(error.details.field ? { field: error.details.field } : {}) },
    });
  } catch (auditError) {
    services.logger.error({ err: auditError }, 'could not audit a refused request');
  }
}

/**
 * The HTTP API. Every error leaves as `application/problem+json` with a stable code;
 * an error we did not foresee is a logged 500 that the tests treat as a bug.
 */
export function createApp(services: Services, verifier: Verifier): Hono {
  const app = new Hono();
  const { logger, config } = services;

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.header('x-request-id', requestId);
    const started = performance.now();
    await runWithContext({ requestId }, async () => {
      await next();
      logger.info(
        { method: c.req.method, path: c.req.routePath, status: c.res.status, ms: Math.round(performance.now() - started) },
        'request',
      );
    });
  });

  app.use(
    '*',
    bodyLimit({
      maxSize: config.maxBodyBytes,
      onError: () => {
        throw new InputError('request.too-large', `the body exceeds ${config.maxBodyBytes} bytes`, { field: 'body' }, 413);
      },
    }),
  );

  app.route('/', metaRoutes(services));
  app.route('/', hookRoutes(services));
  app.use('/v1/*', authMiddleware(verifier));
  app.route('/', eventRoutes(services));
  app.route('/', transferRoutes(services));
  app.route('/', inboxRoutes(services));
  app.route('/', auditRoutes(services));
  app.route('/', consentRoutes(services));
  app.route('/', consoleRoutes(services, verifier, (request) => app.fetch(request)));

  app.notFound((c) => problem(c, new PasserelleError('route.not-found', `no route ${c.req.method} ${c.req.path}`, { status: 404 })));
  app.onError(async (error, c) => {
    if (error instanceof PasserelleError) {
      if (error.status >= 500) logger.error({ err: error }, 'request failed');
      else {
        logger.info({ err: error }, 'request refused');
        await auditRefusal(services, c, error);
      }
      return problem(c, error);
    }
    logger.error({ err: error }, 'unexpected error');
    return problem(c, new PasserelleError('internal', 'an unexpected error occurred; the request id identifies it in the logs', { status: 500 }));
  });
  return app;
}
