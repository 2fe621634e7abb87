import { readFileSync } from 'node:fs';
import type { Hono, MiddlewareHandler } from 'hono';
import type { Verifier } from '../auth/verifier.js';
import { createMetrics, type Metrics } from '../metrics/metrics.js';
import { observeTransfers } from '../metrics/observe.js';
import { httpMetrics, metricsRoutes, startMetricsServer } from '../metrics/routes.js';
import type { Services } from '../transfers/services.js';
import { forwardedHeaders } from './proxy.js';
import { redisQueueView, storeQueueView, type QueueView } from './queues.js';
import { opsRoutes } from './routes.js';

/** What operations add to the API: middleware that runs first, routes, and what must close. */
export interface Operations {
  metrics: Metrics;
  queue: QueueView;
  /** Run before every other middleware of the API: trusted proxy headers, request counts. */
  before: MiddlewareHandler[];
  routes: Hono[];
  /** `/metrics`, `/health`, `/ready` on `PASSERELLE_METRICS_PORT`, when it is set; null otherwise. */
  listen(ready: () => Promise<boolean>): Promise<{ port: number; close(): Promise<void> } | null>;
  close(): Promise<void>;
}

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Metrics and the queue view of one gateway process. Every move of a transfer is counted
 * where the store makes it (one observer), so the flow itself holds no metric code.
 */
export function createOperations(services: Services, verifier: Verifier): Operations {
  const { config, bundle, store } = services;
  const lanes = [...new Set(bundle.institutions.map((i) => i.system))];
  const metrics = createMetrics({ institutions: bundle.institutions.map((i) => i.id), systems: lanes, policyVersion: bundle.version, version: VERSION });
  observeTransfers(store, metrics);
  const queue = config.redisUrl ? redisQueueView({ redisUrl: config.redisUrl, prefix: config.redisPrefix, lanes }) : storeQueueView({ store, lanes });
  const sources = { metrics, store, queue };
  let server: { close(): Promise<void> } | null = null;
  return {
    metrics,
    queue,
    before: [forwardedHeaders(config), httpMetrics(metrics)],
    routes: [metricsRoutes(sources, verifier), opsRoutes(queue, verifier)],
    async listen(ready) {
      if (config.metricsPort === undefined) return null;
      const started = await startMetricsServer({ ...sources, ready }, { port: config.metricsPort, host: config.metricsHost });
      server = started;
      return started;
    },
    async close() {
      await server?.close();
      await queue.close();
    },
  };
}
