import { html, raw } from 'hono/html';

export interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  responses?: Record<string, { description?: string }>;
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Human API docs rendered on the server from `contracts/openapi.yaml`: no script, no
 * CDN, so they work on a closed cantonal network.
 */
export function renderDocs(doc: OpenApiDoc): string {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m]! })),
  );
  const body = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} ${doc.info.version}: API</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.1rem;margin:2rem 0 .3rem;font-family:ui-monospace,monospace}
.m{display:inline-block;min-width:4rem;font-weight:700;text-transform:uppercase}
.get{color:#0b6e2e}.post{color:#8a4b00}.r{color:#555;font-size:.9rem}
code{background:#f3f3f3;padding:0 .2rem}
nav a{margin-right:1rem}
</style>
</head>
<body>
<h1>${doc.info.title} <small>${doc.info.version}</small></h1>
<p>${doc.info.description ?? ''}</p>
<nav><a href="/openapi.json">openapi.json</a><a href="/case-record.schema.json">CaseRecord schema</a><a href="/case-event.schema.json">CaseEvent schema</a><a href="/.well-known/jwks.json">JWKS</a></nav>
${operations.map(
  ({ path, method, op }) => html`<section>
<h2><span class="m ${method}">${method}</span>${path}</h2>
<p><strong>${op.summary ?? ''}</strong></p>
${op.description ? html`<p>${op.description}</p>` : ''}
${op.parameters?.length
  ? html`<p class="r">Parameters: ${op.parameters.map((p) => html`<code>${p.name}</code> (${p.in}${p.required ? ', required' : ''}) `)}</p>`
  : ''}
<p class="r">Responses: ${Object.entries(op.responses ?? {}).map(([code, r]) => html`<code>${code}</code> ${r.description ?? ''}; `)}</p>
</section>`,
)}
</body>
</html>`;
  return raw(body).toString();
}
