import type { AddressInfo } from 'node:net';
import { serve as serveHttp, type ServerType } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { authMiddleware, roleGuard } from '../auth/middleware.js';
import type { Verifier } from '../auth/verifier.js';
import type { Store } from '../store/index.js';
import type { QueueView } from '../ops/queues.js';
import type { Metrics } from './metrics.js';
import { readGauges } from './readings.js';

export interface MetricsSources {
  metrics: Metrics;
  store: Store;
  queue: QueueView;
}

/** The Prometheus text of this process, with the store's and the queue's readings of now. */
export async function metricsText(sources: MetricsSources): Promise<string> {
  await readGauges(sources.metrics, sources);
  return sources.metrics.registry.metrics();
}

const answer = async (sources: MetricsSources): Promise<Response> =>
  new Response(await metricsText(sources), { headers: { 'content-type': sources.metrics.registry.contentType, 'cache-control': 'no-store' } });

/** `GET /metrics` on the API port: a bearer token with the role `ops`. */
export function metricsRoutes(sources: MetricsSources, verifier: Verifier): Hono {
  const app = new Hono();
  app.get('/metrics', authMiddleware(verifier), roleGuard('ops'), () => answer(sources));
  return app;
}

/** Counts each answered request by method, route pattern (never the path itself) and status. */
export function httpMetrics(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    try {
      await next();
    } finally {
      metrics.http.inc({ method: c.req.method.slice(0, 8), route: c.req.routePath, status: String(c.res.status) });
    }
  };
}

/**
 * A listener of its own for `/metrics`, `/health` and `/ready`, without a token: for a
 * scraper on a network that only operations reach (`PASSERELLE_METRICS_PORT`, bound to
 * `PASSERELLE_METRICS_HOST`), and the health check of worker processes, which have no API.
 */
export async function startMetricsServer(sources: MetricsSources & { ready: () => Promise<boolean> }, options: { port: number; host: string }): Promise<{ port: number; close(): Promise<void> }> {
  const app = new Hono();
  app.get('/metrics', () => answer(sources));
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    const ready = await sources.ready().catch(() => false);
    return c.json({ status: ready ? 'ready' : 'not-ready' }, ready ? 200 : 503);
  });
  app.notFound((c) => c.json({ code: 'route.not-found' }, 404));
  const server: ServerType = serveHttp({ fetch: app.fetch, port: options.port, hostname: options.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
