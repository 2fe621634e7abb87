import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { parse } from 'yaml';
import type { Services } from '../../transfers/services.js';
import { bundledOpenApi } from '../../contract/bundle.js';
import { renderDocs, type OpenApiDoc } from '../docs.js';

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
  return app;
}
