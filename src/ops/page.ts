import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { JobView, LaneSummary } from './queues.js';

type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

const shell = (title: string, body: Page): Page => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${title}</title>
<style>body{font:15px/1.4 system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccd;padding:.2rem .6rem;text-align:left}th{background:#eef}code{font-size:13px}.muted{color:#667}</style>
</head><body>${body}</body></html>`;

export function loginPage(message?: string): Page {
  return shell(
    'Passerelle operations: sign in',
    html`<h1>Operations: sign in</h1>
<p>Paste a token with the role <code>ops</code>. It is kept in a cookie for <code>/ops</code> only.</p>
${message ? html`<p role="alert"><strong>${message}</strong></p>` : ''}
<form method="post" action="/ops/login"><textarea name="token" rows="5" cols="80" required></textarea><br><button type="submit">Sign in</button></form>`,
  );
}

/** The embedded mode's queue view: the store's open transfers, lane by lane, as jobs. */
export function storeQueuePage(lanes: readonly (LaneSummary & { jobs: JobView[] })[]): Page {
  const rows = (jobs: JobView[]) =>
    jobs.length === 0
      ? html`<p class="muted">no open job</p>`
      : html`<table><tr><th>job id</th><th>state</th><th>attempts</th><th>age (s)</th></tr>${jobs.map((j) => html`<tr><td><code>${j.jobId}</code></td><td>${j.state}</td><td>${j.attempts}</td><td>${j.ageSeconds}</td></tr>`)}</table>`;
  return shell(
    'Passerelle queues',
    html`<h1>Queues</h1>
<p class="muted">Embedded mode: the queue lives in the process, so this is the store's account of it. Replay or cancel with <code>passerelle transfers replay|cancel ID</code>. <a href="/ops/logout">Sign out</a></p>
${raw(lanes.length === 0 ? '<p>No lane: the policy bundle names no target system.</p>' : '')}
${lanes.map(
  (l) => html`<h2>${l.lane}</h2>
<p>waiting ${l.counts.waiting} · delayed ${l.counts.delayed} · active ${l.counts.active} · failed ${l.counts.failed} · oldest ${l.oldestAgeSeconds ?? '–'} s</p>
${rows(l.jobs)}`,
)}`,
  );
}
