import { html } from 'hono/html';
import type { Block, Section } from './document.js';
import type { Html } from './layout.js';

/** Sections as HTML: a heading each, facts as a description list, tables with caption and column headers. */
export function sectionsHtml(sections: readonly Section[], level: 2 | 3 = 2): Html {
  return html`${sections.map(
    (s) => html`<section id="${s.id}" aria-labelledby="h-${s.id}">${level === 2 ? html`<h2 id="h-${s.id}">${s.title}</h2>` : html`<h3 id="h-${s.id}">${s.title}</h3>`}
${s.blocks.map((b, i) => blockHtml(b, `${s.id}-${i}`, level))}</section>`,
  )}`;
}

function blockHtml(block: Block, id: string, level: 2 | 3): Html {
  switch (block.kind) {
    case 'facts':
      return block.rows.length ? html`<dl class="facts">${block.rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>` : html``;
    case 'text':
      return html`<p>${block.text}</p>`;
    case 'subheading':
      return level === 2 ? html`<h3>${block.text}</h3>` : html`<h4>${block.text}</h4>`;
    case 'table':
      return html`<table class="stack" id="t-${id}"><caption>${block.caption}</caption>
<thead><tr>${block.head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${block.rows.map((row) => html`<tr>${row.map((value, i) => html`<td data-label="${block.head[i] ?? ''}">${value}</td>`)}</tr>`)}</tbody></table>`;
    default: {
      const never: never = block;
      return never;
    }
  }
}
