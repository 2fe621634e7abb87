import { html } from 'hono/html';
import { swissDate, swissDateTime } from '../web/format.js';
import { fill, messages, term, type Messages } from '../web/i18n.js';
import type { Html } from '../web/layout.js';
import { fieldLabel, triggerText, withheldText } from './labels.js';
import { frameOf, receiptText, type Frame } from './pages.js';
import type { CategoryLine, ConsentLine, DisclosureRow } from './view.js';

function consentText(m: Messages, line: ConsentLine): string {
  const c = m.console;
  switch (line.kind) {
    case 'not-needed':
      return c.consentNotNeeded;
    case 'covered-unnamed':
      return c.consentCoveredUnnamed;
    case 'covered': {
      const k = line.consent;
      const values = { id: k.id, kind: term(m.consentKinds, k.kind), date: swissDate(k.grantedOn), until: swissDate(k.validUntil) };
      return fill(k.validUntil ? c.consentCoveredUntil : c.consentCovered, values);
    }
    default: {
      const never: never = line;
      return never;
    }
  }
}

/** One delivery: where it came from and why, what went field by field and under which consent, what was withheld, what the recipient did. */
export function decisionPage(f: Frame, row: DisclosureRow, detail: { lines: CategoryLine[]; fieldsFrom: 'record' | 'map' }): Html {
  const m = messages(f.lang);
  const c = m.console;
  const { d, origin } = row;
  const recipient = f.nameOf(d.recipient);
  const withheld = d.withheld as { category?: string; path?: string; reason: string; consentId?: string; rule?: string }[];
  const body = html`<h1>${fill(c.decisionTitle, { recipient })}</h1>
<div id="decision">
<section aria-labelledby="overview-title"><h2 id="overview-title">${c.overview}</h2><dl class="facts">
<dt>${c.recipient}</dt><dd id="recipient">${recipient}</dd>
<dt>${c.sourceInstitution}</dt><dd id="source">${f.nameOf(origin?.sourceInstitutionId)}${origin ? html` (${origin.sourceSystem})` : ''}</dd>
<dt>${c.triggerEvent}</dt><dd id="trigger">${triggerText(m, origin, f.nameOf)}${origin?.eventOccurredAt ? html`, ${fill(c.eventOccurred, { date: swissDateTime(origin.eventOccurredAt) })}` : ''}</dd>
${origin ? html`<dt>${c.eventId}</dt><dd><code>${origin.eventId}</code></dd><dt>${c.routeRule}</dt><dd><code>${origin.ruleId}</code></dd>` : ''}
<dt>${c.purpose}</dt><dd>${term(m.purposes, d.purpose)}</dd>
<dt>${c.evaluatedAt}</dt><dd>${swissDateTime(d.evaluatedAt)}</dd>
<dt>${c.deliveredAt}</dt><dd>${swissDateTime(d.deliveredAt)}</dd>
<dt>${c.receipt}</dt><dd id="receipt">${receiptText(f, row).map((line) => html`${line}<br>`)}</dd>
</dl></section>
<section aria-labelledby="disclosed-title"><h2 id="disclosed-title">${c.disclosed}</h2>
<p class="hint" id="fields-from">${detail.fieldsFrom === 'record' ? c.fieldsFromRecord : c.fieldsFromMap} ${c.envelope}</p>
<table class="stack" id="disclosed"><caption>${c.disclosedCaption}</caption>
<thead><tr><th scope="col">${c.category}</th><th scope="col">${c.legalBasis}</th><th scope="col">${c.rule}</th><th scope="col">${c.fields}</th><th scope="col">${c.consent}</th></tr></thead>
<tbody>${detail.lines.map(
    (line) => html`<tr><th scope="row" data-label="${c.category}">${term(m.categories, line.category)}</th><td data-label="${c.legalBasis}">${term(m.legalBases, line.legalBasis)}</td><td data-label="${c.rule}"><code>${line.rule}</code></td>
<td data-label="${c.fields}" class="fields">${line.fields.map((p) => fieldLabel(m, p)).filter((v, i, all) => all.indexOf(v) === i).join(', ')}</td><td data-label="${c.consent}" class="consent">${consentText(m, line.consent)}</td></tr>`,
  )}</tbody></table></section>
<section aria-labelledby="withheld-title"><h2 id="withheld-title">${c.withheld}</h2>${
    withheld.length
      ? html`<table class="stack" id="withheld"><caption>${c.withheldCaption}</caption><thead><tr><th scope="col">${c.category}</th><th scope="col">${c.reason}</th></tr></thead>
<tbody>${withheld.map((e) => html`<tr><th scope="row" data-label="${c.category}">${e.category ? term(m.categories, e.category) : fieldLabel(m, e.path ?? '')}</th><td data-label="${c.reason}">${withheldText(m, e)}</td></tr>`)}</tbody></table>`
      : html`<p>${c.nothingWithheld}</p>`
  }
${(d.obligations as string[]).length ? html`<p>${c.obligations}: ${(d.obligations as string[]).map((o) => term(m.obligations, o)).join(', ')}</p>` : ''}</section>
<section aria-labelledby="proof-title"><h2 id="proof-title">${c.auditSeq}</h2><dl class="facts">
<dt>${c.auditSeq}</dt><dd>${d.auditSeq}</dd>
<dt>${c.payload}</dt><dd><code>${d.payloadHash ?? ''}</code></dd>
<dt>${c.policyVersion}</dt><dd><code>${d.policyVersion ?? ''}</code></dd></dl></section>
</div>
<p><a href="/console/?lang=${f.lang}">${m.app.back}</a></p>`;
  return frameOf(f, fill(c.decisionTitle, { recipient }), body);
}
