import { createRequire } from 'node:module';
import path from 'node:path';
import { html, raw } from 'hono/html';

export interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiOperation {
  summary?: string;
  operationId?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Swagger UI, served from its own package (`swagger-ui-dist`): no CDN, the docs work on a closed network. */
export const SWAGGER_UI_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
/** The files of the package the page uses; nothing else of node_modules is served. */
export const SWAGGER_UI_FILES: ReadonlySet<string> = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png']);

/**
 * Our start of Swagger UI, a script file (the CSP admits no inline script): the bundled
 * description, try-it-out against this very gateway (whatever `servers` says), no
 * validator badge (it would call the internet).
 */
export const DOCS_SCRIPT = `'use strict';
// Swagger UI's markup, mended for assistive technology each time it renders: its header
// parts named as regions, tag headings at level 2 under the title, each answers table
// named, scrolling code blocks reachable by keyboard.
function mend(root) {
  [['.information-container', 'API'], ['.scheme-container', 'Authorization']].forEach(function (pair) {
    var node = root.querySelector(pair[0]);
    if (node && !node.hasAttribute('role')) { node.setAttribute('role', 'region'); node.setAttribute('aria-label', pair[1]); }
  });
  [['h3.opblock-tag', '2'], ['section.models > h4', '2'], ['.opblock h4', '3'], ['.opblock h5', '4'], ['.models h4:not(:first-child)', '3']].forEach(function (pair) {
    root.querySelectorAll(pair[0] + ':not([aria-level])').forEach(function (h) { h.setAttribute('aria-level', pair[1]); });
  });
  root.querySelectorAll('table.responses-table[role=region]:not([aria-label])').forEach(function (table) {
    table.setAttribute('aria-label', 'Responses ' + (table.id || '').replace(/_responses$/, '').replace(/_/g, ' '));
  });
  root.querySelectorAll('pre:not([tabindex])').forEach(function (pre) { pre.setAttribute('tabindex', '0'); });
}
window.addEventListener('load', function () {
  fetch('/openapi.json').then(function (r) { return r.json(); }).then(function (spec) {
    // Calls go to this very gateway: without servers, Swagger UI uses the page's origin.
    delete spec.servers;
    // The contract's dialect is plain JSON Schema 2020-12, which Swagger UI renders; its warning would only confuse.
    delete spec.jsonSchemaDialect;
    window.ui = SwaggerUIBundle({
      spec: spec,
      dom_id: '#swagger-ui',
      deepLinking: false,
      docExpansion: 'list',
      defaultModelsExpandDepth: 1,
      displayRequestDuration: true,
      showExtensions: false,
      tryItOutEnabled: false,
      validatorUrl: null,
      persistAuthorization: false,
      presets: [SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
      onComplete: function () {
        var root = document.getElementById('swagger-ui');
        var pending = false;
        new MutationObserver(function () {
          if (pending) return;
          pending = true;
          window.requestAnimationFrame(function () { pending = false; mend(root); });
        }).observe(root, { childList: true, subtree: true });
        mend(root);
      }
    });
  });
});
`;

/** Swagger UI's colours darkened to WCAG AA contrast (4.5:1 for text), loaded after its own stylesheet. */
export const DOCS_CONTRAST_CSS = `
.swagger-ui,.swagger-ui .info p,.swagger-ui .info li,.swagger-ui .markdown p,.swagger-ui .renderedMarkdown p,.swagger-ui table thead tr td,.swagger-ui table thead tr th,.swagger-ui .parameter__name,.swagger-ui .response-col_status,.swagger-ui .tab li,.swagger-ui label,.swagger-ui .opblock-description-wrapper p,.swagger-ui .opblock .opblock-section-header h4,.swagger-ui .opblock-tag,.swagger-ui .model-title,.swagger-ui .model{color:#1b1b1b}
.swagger-ui a,.swagger-ui .info a,.swagger-ui a.link,.swagger-ui .info .base-url{color:#0b4a8b}
.swagger-ui .info .title small{background:#4a4a4a}.swagger-ui .info .title small.version-stamp{background:#2f6b00}
.swagger-ui .opblock .opblock-summary-method{background:#1b1b1b;color:#fff}
.swagger-ui .opblock.opblock-get .opblock-summary-method{background:#0b4a8b}.swagger-ui .opblock.opblock-post .opblock-summary-method{background:#0b6e2e}
.swagger-ui .opblock.opblock-put .opblock-summary-method{background:#8a4b00}.swagger-ui .opblock.opblock-delete .opblock-summary-method{background:#a4000f}.swagger-ui .opblock.opblock-patch .opblock-summary-method{background:#5a2d82}
.swagger-ui .btn.authorize{color:#0b6e2e;border-color:#0b6e2e}.swagger-ui .btn.authorize svg{fill:#0b6e2e}
.swagger-ui .btn.execute{background:#0b4a8b;border-color:#0b4a8b;color:#fff}.swagger-ui .btn{color:#1b1b1b}.swagger-ui .btn.cancel{color:#a4000f;border-color:#a4000f}
.swagger-ui .json-schema-2020-12-expand-deep-button,.swagger-ui .json-schema-2020-12-keyword__name--secondary,.swagger-ui .json-schema-2020-12-keyword__value--secondary{color:#444}
.swagger-ui .json-schema-2020-12__constraint{background:#5a2d82;color:#fff}
.swagger-ui .json-schema-2020-12__attribute--primary,.swagger-ui .json-schema-2020-12-keyword__value--primary,.swagger-ui .prop-type{color:#3b2275}
.swagger-ui .json-schema-2020-12__attribute--muted,.swagger-ui .parameter__in,.swagger-ui .parameter__type,.swagger-ui .prop-format,.swagger-ui .parameter__deprecated,.swagger-ui .response-col_links,.swagger-ui .opblock-summary-description,.swagger-ui .json-schema-2020-12-keyword__value--warning{color:#444}
.swagger-ui .json-schema-2020-12__attribute--warning,.swagger-ui .parameter__name.required span,.swagger-ui .parameter__name.required:after{color:#a4000f}
.swagger-ui .opblock-tag small{color:#333}
.swagger-ui .response-control-media-type__accept-message{color:#0b6e2e}
.swagger-ui .download-contents{background:#4a4a4a;color:#fff}
.swagger-ui .highlight-code .microlight,.swagger-ui .microlight{background:#1b1b1b!important;color:#fff!important}
.swagger-ui .microlight span{color:inherit!important}
`;

/**
 * The API reference page: Swagger UI renders `contracts/openapi.yaml` (operations,
 * schemas, examples, Markdown descriptions, try-it-out). Without script the page still
 * lists every operation, and links the machine-readable description and schemas.
 */
export function renderDocs(doc: OpenApiDoc): string {
  const operations = Object.entries(doc.paths).flatMap(([route, item]) => METHODS.filter((m) => item[m]).map((m) => ({ route, method: m, op: item[m]! })));
  const body = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} ${doc.info.version}: API reference</title>
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="stylesheet" href="/docs/contrast.css">
<style>body{margin:0;font-family:system-ui,sans-serif}.links{padding:.6rem 1.25rem;margin:0;background:#1f3a5f;display:flex;flex-wrap:wrap;gap:.3rem 1.25rem}.links a{color:#fff}.links a:focus-visible{outline:3px solid #fff;outline-offset:2px}noscript section{padding:0 1.25rem}</style>
</head>
<body>
<nav aria-label="API description"><p class="links"><a href="/">Passerelle</a><a href="/openapi.json">openapi.json</a><a href="/case-record.schema.json">CaseRecord schema</a><a href="/case-event.schema.json">CaseEvent schema</a><a href="/.well-known/jwks.json">JWKS</a></p></nav>
<div id="swagger-ui"></div>
<noscript><section><h1>${doc.info.title} ${doc.info.version}</h1><ul>${operations.map(
    ({ route, method, op }) => html`<li><code>${method.toUpperCase()} ${route}</code>: ${op.summary ?? ''}</li>`,
  )}</ul></section></noscript>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;
  return raw(body).toString();
}
