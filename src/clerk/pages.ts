import { html } from 'hono/html';
import type { Section } from '../web/document.js';
import { swissDate, swissDateTime } from '../web/format.js';
import { fill, messages, term, type Lang } from '../web/i18n.js';
import { page, type Html } from '../web/layout.js';
import { sectionsHtml } from '../web/render-html.js';

export interface Frame {
  lang: Lang;
  url: URL;
  who: string;
}

export interface ListedCase {
  transferId: string;
  /** Undefined when the item was destroyed at the end of its retention. */
  name: string | undefined;
  dateOfBirth: string | undefined;
  from: string;
  purpose: string;
  deliveredAt: string;
  acknowledgedAt: string | null;
  read: boolean;
}

export const SHOW = ['all', 'open', 'done'] as const;
export type Show = (typeof SHOW)[number];

function frameOf(f: Frame, title: string, body: Html): Html {
  const m = messages(f.lang);
  return page({ lang: f.lang, title, area: { name: m.inbox.title, href: '/inbox/' }, url: f.url, session: { who: f.who, signOut: '/inbox/logout' }, body });
}

export function listPage(f: Frame, institution: string, show: Show, items: readonly ListedCase[], next: string | undefined): Html {
  const m = messages(f.lang);
  const i = m.inbox;
  const options: Record<Show, string> = { all: i.filterAll, open: i.filterOpen, done: i.filterDone };
  const state = (item: ListedCase): Html =>
    item.acknowledgedAt
      ? html`<span class="ok">${fill(i.stateAcknowledged, { date: swissDate(item.acknowledgedAt) })}</span>`
      : item.read
        ? html`${i.stateRead}`
        : html`<strong>${i.stateNew}</strong>`;
  const body = html`<h1>${i.listTitle}</h1>
<section aria-labelledby="filter-title"><h2 id="filter-title" class="sr-only">${i.filter}</h2>
<form method="get" action="/inbox/" class="actions"><label for="show">${i.filter}</label>
<select id="show" name="show">${SHOW.map((s) => html`<option value="${s}" ${s === show ? 'selected' : ''}>${options[s]}</option>`)}</select>
<input type="hidden" name="lang" value="${f.lang}"><button type="submit" class="secondary" id="apply">${i.apply}</button></form></section>
<section aria-labelledby="cases-title"><h2 id="cases-title">${institution}</h2>${
    items.length === 0
      ? html`<p id="empty">${i.empty}</p>`
      : html`<table class="stack" id="cases"><caption>${fill(i.listCaption, { institution })}</caption>
<thead><tr><th scope="col">${i.person}</th><th scope="col">${i.born}</th><th scope="col">${i.from}</th><th scope="col">${i.purpose}</th><th scope="col">${i.received}</th><th scope="col">${i.state}</th></tr></thead>
<tbody>${items.map(
          (item) => html`<tr><th scope="row" data-label="${i.person}">${
            item.name ? html`<a class="open" href="/inbox/cases/${item.transferId}">${item.name}</a>` : html`<span>${i.destroyed}</span>`
          }</th><td data-label="${i.born}">${swissDate(item.dateOfBirth)}</td><td data-label="${i.from}">${item.from}</td><td data-label="${i.purpose}">${term(m.purposes, item.purpose)}</td><td data-label="${i.received}">${swissDateTime(item.deliveredAt)}</td><td data-label="${i.state}">${state(item)}</td></tr>`,
        )}</tbody></table>`
  }${next ? html`<p><a id="next" href="${next}&lang=${f.lang}">${i.next} →</a></p>` : ''}</section>`;
  return frameOf(f, i.listTitle, body);
}

export interface CasePageData {
  transferId: string;
  name: string;
  sections: Section[];
  acknowledgedAt: string | null;
  justAcknowledged: boolean;
  seal: { ok: boolean; issuer: string; kid: string; recipient: string; hash: string };
  jwksUrl: string;
  print: boolean;
}

export function casePage(f: Frame, d: CasePageData): Html {
  const m = messages(f.lang);
  const i = m.inbox;
  const base = `/inbox/cases/${d.transferId}`;
  const q = `lang=${f.lang}`;
  const actions = d.print
    ? html`<p class="hint noprint">${m.app.printHint}</p>`
    : html`<section aria-labelledby="actions-title" class="noprint"><h2 id="actions-title" class="sr-only">${i.acknowledge}</h2>
${d.acknowledgedAt ? html`<p class="notice" role="status" id="acknowledged">${fill(i.acknowledgedBanner, { date: swissDateTime(d.acknowledgedAt) })}</p>` : ''}
<div class="actions">${
        d.acknowledgedAt
          ? ''
          : html`<form method="post" action="${base}/ack?${q}"><p class="hint" id="ack-hint">${i.acknowledgeText}</p><button type="submit" id="acknowledge" aria-describedby="ack-hint">${i.acknowledge}</button></form>`
      }
<a class="button secondary" id="download-pdf" href="${base}/pdf?${q}">${i.downloadPdf}</a>
<a class="button secondary" id="download-seal" href="${base}/seal.jws">${i.downloadSeal}</a>
<a id="print" href="${base}/print?${q}">${m.app.print}</a></div></section>`;
  const seal = html`<section id="seal" aria-labelledby="h-seal"><h2 id="h-seal">${i.sealTitle}</h2>
<p class="${d.seal.ok ? 'ok' : 'bad'}" id="seal-status">${d.seal.ok ? fill(i.sealOk, { issuer: d.seal.issuer, kid: d.seal.kid, recipient: d.seal.recipient }) : i.sealBad}</p>
<dl class="facts"><dt>${i.sealHash}</dt><dd><code>${d.seal.hash}</code></dd></dl>
<p class="hint">${fill(i.sealHow, { jwks: d.jwksUrl })}</p></section>`;
  const body = html`<h1 id="case-title">${fill(i.caseTitle, { name: d.name })}</h1>${actions}<div id="case">${sectionsHtml(d.sections)}</div>${seal}
${d.print ? '' : html`<p class="noprint"><a href="/inbox/?${q}">${m.app.back}</a></p>`}`;
  return frameOf(f, fill(i.caseTitle, { name: d.name }), body);
}
