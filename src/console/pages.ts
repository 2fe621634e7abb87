import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Disclosure } from '../audit/queries.js';
import type { VerifyReport } from '../audit/verify.js';
import { zurichTimestamp } from '../time.js';
import { LANGS, TEXT, type Lang } from './i18n.js';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f6f6f4}
header{background:#1f3a5f;color:#fff;padding:.8rem 1.5rem;display:flex;justify-content:space-between;align-items:center}
header a{color:#fff;margin-left:1rem}
main{max-width:64rem;margin:1.5rem auto;padding:0 1rem}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.25rem;margin-bottom:1rem}
h1{font-size:1.2rem;margin:0}h2{font-size:1.1rem;margin-top:0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
.ok{color:#0b6e2e;font-weight:700}.bad{color:#a4000f;font-weight:700}
.tag{display:inline-block;background:#e8eef6;border-radius:3px;padding:0 .3rem;margin:0 .2rem .2rem 0;font-size:.85rem}
.tag.w{background:#fbe9e9}
input[type=text],input[type=password]{width:28rem;max-width:100%;padding:.35rem}button{padding:.35rem .9rem}
`;

export function layout(lang: Lang, body: Html, signedIn = true): Html {
  const t = TEXT[lang];
  return html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title}</title><style>${raw(STYLE)}</style></head>
<body>
<header><h1>${t.title}</h1><nav>${LANGS.map((l) => html`<a href="?lang=${l}" lang="${l}">${l.toUpperCase()}</a>`)}${
    signedIn ? html`<a href="/console/logout">${t.signOut}</a>` : ''
  }</nav></header>
<main>${body}</main>
</body></html>`;
}

export function loginPage(lang: Lang, error?: string): Html {
  const t = TEXT[lang];
  return layout(
    lang,
    html`<section><h2>${t.login}</h2>${error ? html`<p class="bad">${error}</p>` : ''}
<form method="post" action="/console/login"><label>${t.tokenLabel}<br><input type="password" name="token" autocomplete="off" required></label>
<p><button type="submit" id="sign-in">${t.signIn}</button></p></form></section>`,
    false,
  );
}

export function homePage(lang: Lang, status: { head: number; checkpoints: number; report: VerifyReport | undefined }, error?: string): Html {
  const t = TEXT[lang];
  const report = status.report;
  return layout(
    lang,
    html`<section><h2>${t.search}</h2>${error ? html`<p class="bad" id="error">${error}</p>` : ''}
<form method="get" action="/console/person"><label>${t.searchLabel}<br><input type="text" name="q" id="person" required></label>
<button type="submit" id="search">${t.search}</button></form></section>
<section id="chain"><h2>${t.chain}</h2>
<p>${status.head} ${t.entries} · ${status.checkpoints} ${t.checkpoints}</p>
<p id="chain-status">${
      report
        ? report.ok
          ? html`<span class="ok">✔ ${t.chainOk}</span> (${report.entries} ${t.entries}, ${report.durationMs} ms)`
          : html`<span class="bad">✘ ${t.chainBroken} ${report.firstBad?.seq ?? ''}</span>: ${report.firstBad?.reason ?? ''}`
        : t.notVerified
    }</p>
<form method="post" action="/console/verify"><button type="submit" id="verify">${t.verifyNow}</button></form></section>
<section><h2>${t.export}</h2><p><a id="export-jsonl" href="/console/export?format=jsonl">JSON Lines</a> · <a id="export-csv" href="/console/export?format=csv">CSV</a></p></section>`,
  );
}

function categories(items: readonly unknown[], kind: 'd' | 'w'): Html {
  return html`${items.map((item) => {
    const entry = item as { category?: string; path?: string };
    return html`<span class="tag ${kind === 'w' ? 'w' : ''}">${entry.category ?? entry.path ?? ''}</span>`;
  })}`;
}

export function timelinePage(lang: Lang, person: string, items: readonly Disclosure[]): Html {
  const t = TEXT[lang];
  return layout(
    lang,
    html`<section><h2>${t.timeline}: ${person}</h2>${
      items.length === 0
        ? html`<p id="none">${t.none}</p>`
        : html`<table id="timeline"><thead><tr><th>${t.date}</th><th>${t.recipient}</th><th>${t.purpose}</th><th>${t.disclosed}</th><th>${t.withheld}</th><th></th></tr></thead><tbody>
${items.map(
  (d) => html`<tr><td>${zurichTimestamp(new Date(d.deliveredAt)).replace('T', ' ').slice(0, 16)}</td><td>${d.recipient}</td><td>${d.purpose}</td><td>${categories(d.disclosed, 'd')}</td><td>${categories(d.withheld, 'w')}</td>
<td><a class="open" href="/console/transfers/${d.transferId}">${t.details}</a></td></tr>`,
)}</tbody></table>`
    }<p><a href="/console">${t.back}</a></p></section>`,
  );
}

export function decisionPage(lang: Lang, d: Disclosure): Html {
  const t = TEXT[lang];
  return layout(
    lang,
    html`<section id="decision"><h2>${t.decision}: ${d.recipient} · ${d.purpose}</h2>
<p>${t.evaluatedAt} ${d.evaluatedAt ?? ''} · ${t.policyVersion} <code>${(d.policyVersion ?? '').slice(0, 19)}…</code></p>
<h3>${t.disclosed}</h3><table><thead><tr><th>${t.category}</th><th>${t.rule}</th><th>${t.legalBasis}</th></tr></thead><tbody>
${d.disclosed.map((item) => {
  const e = item as { category: string; rule: string; legalBasis: string };
  return html`<tr><td>${e.category}</td><td>${e.rule}</td><td>${e.legalBasis}</td></tr>`;
})}</tbody></table>
<h3>${t.withheld}</h3><table><thead><tr><th>${t.category}</th><th>${t.reason}</th></tr></thead><tbody>
${d.withheld.map((item) => {
  const e = item as { category?: string; path?: string; reason: string; consentId?: string; rule?: string };
  const extra = e.consentId ? ` (${e.consentId})` : e.rule ? ` (${e.rule})` : '';
  return html`<tr><td>${e.category ?? e.path ?? ''}</td><td>${t.reasons[e.reason] ?? e.reason}${extra}</td></tr>`;
})}</tbody></table>
${d.obligations.length ? html`<p>${t.obligations}: ${d.obligations.join(', ')}</p>` : ''}
<p>${t.payload}: <code>${d.payloadHash ?? ''}</code></p>
<p><a href="/console">${t.back}</a></p></section>`,
  );
}
