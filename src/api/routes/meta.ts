import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { parse } from 'yaml';
import type { Services } from '../../transfers/services.js';
import { bundledOpenApi } from '../../contract/bundle.js';
import { DOCS_CONTRAST_CSS, DOCS_SCRIPT, renderDocs, SWAGGER_UI_DIR, SWAGGER_UI_FILES, type OpenApiDoc } from '../docs.js';

const CONTRACTS = fileURLToPath(new URL('../../../contracts/', import.meta.url));

function loadContracts() {
  const openapi = parse(readFileSync(CONTRACTS + 'openapi.yaml', 'utf8')) as OpenApiDoc;
  return {
    // One document: the record and event schemas folded in, every reference inside it.
    openapi: bundledOpenApi({ keepConditionals: true }),
    docs: renderDocs(openapi),
    schemas: {
      'case-record.schema.json': readFileSync(CONTRACTS + 'case-record.schema.json', 'utf8'),
      'case-event.schema.json': readFileSync(CONTRACTS + 'case-event.schema.json', 'utf8'),
    } as Record<string, string>,
  };
}

/** Health, readiness, keys and the API's own description: no token needed. */
export function metaRoutes(services: Services): Hono {
  const app = new Hono();
  const contracts = loadContracts();

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.get('/ready', async (c) => {
    const check = async (fn: () => Promise<void>): Promise<'ok' | 'unreachable'> => {
      try {
        await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())]);
        return 'ok';
      } catch {
        return 'unreachable';
      }
    };
    const [store, queue] = await Promise.all([check(() => services.store.ping()), check(() => services.queue.ping())]);
    const ready = store === 'ok' && queue === 'ok';
    return c.json({ status: ready ? 'ready' : 'not-ready', store, queue, policyVersion: services.bundle.version }, ready ? 200 : 503);
  });

  app.get('/.well-known/jwks.json', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json(services.keys.jwks());
  });

  app.get('/openapi.json', (c) => c.json(contracts.openapi));
  app.get('/:schema{[a-z-]+\\.schema\\.json}', (c) => {
    const text = contracts.schemas[c.req.param('schema')];
    return text ? c.body(text, 200, { 'content-type': 'application/schema+json' }) : c.notFound();
  });
  app.get('/docs', (c) => c.html(contracts.docs));
  app.get('/docs/contrast.css', (c) => c.body(DOCS_CONTRAST_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }));
  app.get('/docs/init.js', (c) => c.body(DOCS_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' }));
  app.get(
    '/docs/assets/:file',
    async (c, next) => {
      if (!SWAGGER_UI_FILES.has(c.req.param('file'))) return c.notFound();
      c.header('cache-control', 'public, max-age=86400');
      return next();
    },
    serveStatic({ root: SWAGGER_UI_DIR, rewriteRequestPath: (p) => p.replace(/^\/docs\/assets\//, '') }),
  );
  return app;
}
