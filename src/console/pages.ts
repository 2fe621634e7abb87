import { html } from 'hono/html';
import type { VerifyReport } from '../audit/verify.js';
import { swissDateTime } from '../web/format.js';
import { fill, messages, term, type Lang } from '../web/i18n.js';
import { page, type Html } from '../web/layout.js';
import { triggerText, withheldText, type NameOf } from './labels.js';
import type { DisclosureRow } from './view.js';

export interface Frame {
  lang: Lang;
  url: URL;
  who: string;
  nameOf: NameOf;
}

export function frameOf(f: Frame, title: string, body: Html): Html {
  const m = messages(f.lang);
  return page({ lang: f.lang, title, area: { name: m.console.title, href: '/console/' }, url: f.url, session: { who: f.who, signOut: '/console/logout' }, body });
}

export interface ChainStatus {
  head: number;
  checkpoints: number;
  report: VerifyReport | undefined;
}

export function searchForm(f: Frame, value: string, error?: string): Html {
  const c = messages(f.lang).console;
  return html`<section aria-labelledby="search-title"><h2 id="search-title">${c.searchTitle}</h2>
<form method="get" action="/console/person" role="search"><input type="hidden" name="lang" value="${f.lang}">
<div class="field"><label for="person">${c.searchLabel}</label>
<p class="hint" id="person-hint">${c.searchHint}</p>
${error ? html`<p class="error" id="error" role="alert">${error}</p>` : ''}
<div class="actions"><input type="text" name="q" id="person" value="${value}" required autocomplete="off" spellcheck="false" aria-describedby="person-hint${error ? ' error' : ''}"${
    error ? html` aria-invalid="true"` : ''
  }>
<button type="submit" id="search">${c.search}</button></div></div></form></section>`;
}

export function homePage(f: Frame, status: ChainStatus, search?: { value: string; error: string }): Html {
  const c = messages(f.lang).console;
  const report = status.report;
  const body = html`<h1>${c.title}</h1>${searchForm(f, search?.value ?? '', search?.error)}
<section id="chain" aria-labelledby="chain-title"><h2 id="chain-title">${c.chain}</h2>
<p>${status.head} ${c.entries} · ${status.checkpoints} ${c.checkpoints}</p>
<p id="chain-status" role="status">${
    report
      ? report.ok
        ? html`<span class="ok">✔ ${c.chainOk}</span> (${fill(c.verifiedIn, { entries: report.entries, ms: report.durationMs })})`
        : html`<span class="bad">✘ ${fill(c.chainBroken, { seq: report.firstBad?.seq ?? '' })}</span>`
      : c.notVerified
  }</p>
<form method="post" action="/console/verify?lang=${f.lang}"><button type="submit" id="verify">${c.verifyNow}</button></form></section>
<section aria-labelledby="export-title"><h2 id="export-title">${c.exportAll}</h2><p class="hint">${c.exportAllText}</p>
<ul class="actions plain"><li><a id="export-jsonl" href="/console/export?format=jsonl">JSON Lines</a></li><li><a id="export-csv" href="/console/export?format=csv">CSV</a></li></ul></section>`;
  return frameOf(f, c.title, body);
}

const tags = (items: readonly string[], withheld = false): Html => html`${items.map((t) => html`<span class="tag ${withheld ? 'w' : ''}">${t}</span> `)}`;

export function receiptText(f: Frame, row: DisclosureRow): string[] {
  const c = messages(f.lang).console;
  const lines: string[] = [];
  const { trail, origin } = row;
  const inbox = (origin?.receipt?.reference ?? '').startsWith('inbox:');
  if (inbox) {
    lines.push(trail.reads ? fill(c.readTimes, { count: trail.reads, first: swissDateTime(trail.firstReadAt) }) : c.notRead);
    lines.push(trail.acknowledgedAt ? fill(c.acknowledgedAt, { date: swissDateTime(trail.acknowledgedAt) }) : c.notAcknowledged);
  } else if (origin?.receipt?.at) lines.push(fill(c.receiptBy, { date: swissDateTime(origin.receipt.at), status: origin.receipt.status ?? '' }));
  return lines;
}

export function timelinePage(f: Frame, person: string, query: string, rows: readonly DisclosureRow[]): Html {
  const m = messages(f.lang);
  const c = m.console;
  const q = new URLSearchParams({ q: query, lang: f.lang });
  const exportHref = (format: string) => `/console/person/export?${q.toString()}&format=${format}`;
  const body = html`<h1>${c.timeline}</h1>${searchForm(f, query)}
<section aria-labelledby="timeline-title"><h2 id="timeline-title">${person}</h2>${
    rows.length === 0
      ? html`<p id="none">${c.none}</p>`
      : html`<table class="stack" id="timeline"><caption>${fill(c.timelineCaption, { person })}</caption>
<thead><tr><th scope="col">${c.date}</th><th scope="col">${c.recipient}</th><th scope="col">${c.source}</th><th scope="col">${c.trigger}</th><th scope="col">${c.purpose}</th><th scope="col">${c.disclosed}</th><th scope="col">${c.withheld}</th><th scope="col">${c.receipt}</th><th scope="col"><span class="sr-only">${c.decision}</span></th></tr></thead>
<tbody>${rows.map((row) => {
          const { d, origin } = row;
          return html`<tr><td data-label="${c.date}" class="when">${swissDateTime(d.deliveredAt)}</td><th scope="row" data-label="${c.recipient}" class="recipient">${f.nameOf(d.recipient)}</th>
<td data-label="${c.source}" class="source">${f.nameOf(origin?.sourceInstitutionId)}</td><td data-label="${c.trigger}" class="trigger">${triggerText(m, origin, f.nameOf)}</td>
<td data-label="${c.purpose}">${term(m.purposes, d.purpose)}</td>
<td data-label="${c.disclosed}">${tags((d.disclosed as { category: string }[]).map((e) => term(m.categories, e.category)))}</td>
<td data-label="${c.withheld}">${tags((d.withheld as { category?: string; path?: string }[]).map((e) => (e.category ? term(m.categories, e.category) : (e.path ?? ''))), true)}</td>
<td data-label="${c.receipt}" class="receipt">${receiptText(f, row).map((line) => html`${line}<br>`)}</td>
<td><a class="open" href="/console/transfers/${d.transferId}?lang=${f.lang}">${m.app.details}<span class="sr-only">: ${f.nameOf(d.recipient)}, ${swissDateTime(d.deliveredAt)}</span></a></td></tr>`;
        })}</tbody></table>`
  }</section>
<section aria-labelledby="export-person-title"><h2 id="export-person-title">${c.exportPerson}</h2><p class="hint">${c.exportPersonText}</p>
<ul class="actions plain"><li><a class="button" id="export-person-pdf" href="${exportHref('pdf')}">${c.reportPdf}</a></li><li><a id="export-person-csv" href="${exportHref('csv')}">CSV</a></li><li><a id="export-person-jsonl" href="${exportHref('jsonl')}">JSON Lines</a></li></ul></section>
<p><a href="/console/?lang=${f.lang}">${m.app.back}</a></p>`;
  return frameOf(f, `${c.timeline}: ${person}`, body);
}

export { withheldText };
