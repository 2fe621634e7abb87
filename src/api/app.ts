import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { authMiddleware } from '../auth/middleware.js';
import type { Verifier } from '../auth/verifier.js';
import { clerkRoutes } from '../clerk/routes.js';
import { consoleRoutes } from '../console/routes.js';
import { runWithContext } from '../context.js';
import { InputError, PasserelleError } from '../errors.js';
import type { Services } from '../transfers/services.js';
import { landingRoutes } from '../web/landing.js';
import { createOidcLogin } from '../web/oidc.js';
import { problem } from './problem.js';
import { clientOf, RefusalLog } from './refusals.js';
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

/**
 * The HTTP API. Every error leaves as `application/problem+json` with a stable code;
 * an error we did not foresee is a logged 500 that the tests treat as a bug.
 */
export function createApp(services: Services, verifier: Verifier, refusals: RefusalLog, ops?: { before: MiddlewareHandler[]; routes: Hono[] }): Hono {
  const app = new Hono();
  const { logger, config } = services;
  // Operations (src/ops): trusted proxy headers and request counts come before everything else.
  for (const middleware of ops?.before ?? []) app.use('*', middleware);

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

  app.use('*', async (c, next) => {
    if (!c.req.header('authorization') && refusals.overBudget(clientOf(c))) {
      throw new PasserelleError('request.rate-limited', 'too many refused requests from this client; wait a minute', { status: 429 });
    }
    await next();
  });

  // Control characters (NUL first) and broken percent-escapes never reach a route or SQL.
  app.use('*', async (c, next) => {
    const url = c.req.url;
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.slice(url.indexOf('/', url.indexOf('//') + 2)));
    } catch {
      throw new InputError('request.invalid-url', 'the URL has a malformed percent-escape', { field: 'url' });
    }
    if (/[\u0000-\u001f\u007f]/.test(decoded)) throw new InputError('request.invalid-url', 'the URL holds control characters', { field: 'url' });
    await next();
  });

  app.use(
    '*',
    secureHeaders({
      // Server-rendered pages only: scripts from here (the API reference), inline styles, no framing.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    // Personal data and audit answers are never kept by a browser or a proxy.
    if (c.req.path.startsWith('/v1/') || c.req.path.startsWith('/console') || c.req.path.startsWith('/inbox')) c.header('cache-control', 'no-store');
    if (new URL(c.req.url).protocol === 'https:' || config.publicUrl.startsWith('https:')) c.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  // Bounded bodies; after authentication for the API, so a refusal says who sent it.
  const limit = bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: () => {
      throw new InputError('request.too-large', `the body exceeds ${config.maxBodyBytes} bytes`, { field: 'body' }, 413);
    },
  });
  app.route('/', metaRoutes(services));
  app.use('/v1/hooks/*', limit);
  app.route('/', hookRoutes(services));
  app.use('/v1/*', authMiddleware(verifier));
  app.use('/v1/*', limit);
  app.use('/console/*', limit);
  app.use('/inbox/*', limit);
  app.route('/', eventRoutes(services));
  app.route('/', transferRoutes(services));
  app.route('/', inboxRoutes(services));
  app.route('/', auditRoutes(services));
  app.route('/', consentRoutes(services));
  for (const routes of ops?.routes ?? []) app.route('/', routes);
  // The people's pages: the officer's console, the clerk's inbox, the landing page.
  const pages = { services, verifier, oidc: config.oidc ? createOidcLogin(config.oidc, services.vault.masterKeyMaterial()) : undefined };
  app.route('/', consoleRoutes(pages, (request) => app.fetch(request)));
  app.route('/', clerkRoutes(pages));
  app.route('/', landingRoutes());

  app.notFound((c) => problem(c, new PasserelleError('route.not-found', 'no such route; /docs lists them', { status: 404 })));
  app.onError(async (error, c) => {
    if (error instanceof PasserelleError) {
      if (error.status === 503) logger.warn({ code: error.code, route: c.req.routePath }, 'request answered 503: a dependency is unreachable');
      else if (error.status >= 500) logger.error({ err: error }, 'request failed');
      else {
        logger.info({ code: error.code, status: error.status }, 'request refused');
        await refusals.record(c, error, clientOf(c));
      }
      return problem(c, error, config.retryAfterSeconds);
    }
    logger.error({ err: error }, 'unexpected error');
    return problem(c, new PasserelleError('internal', 'an unexpected error occurred; the request id identifies it in the logs', { status: 500 }));
  });
  return app;
}
