import type { Context } from 'hono';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { csvCell, personRefsFor, recordOfficerQuery } from '../api/routes/audit.js';
import { checkpoint } from '../audit/checkpoint.js';
import { disclosuresOf, personAudit } from '../audit/queries.js';
import { verifyAuditLog, type VerifyReport } from '../audit/verify.js';
import { isValidAhv13 } from '../contract/ahv.js';
import { isUuid } from '../store/index.js';
import { ahvDigits, formatAhv } from '../web/format.js';
import { messages } from '../web/i18n.js';
import { withLang } from '../web/lang.js';
import { problemPage } from '../web/sign-in-pages.js';
import { signIn, type SignInDeps } from '../web/sign-in.js';
import { decisionPage } from './decision-page.js';
import { homePage, timelinePage, type Frame } from './pages.js';
import { disclosureReport } from './report.js';
import { categoryLines, disclosureRows } from './view.js';

const CSV_COLUMNS = ['seq', 'at', 'kind', 'actor', 'transferId', 'eventId', 'requestId', 'personRef', 'institutionId', 'data', 'prevHash', 'hash'] as const;

/**
 * The officer's console: server-rendered pages in French, German and Italian, no script.
 * Sign-in through the canton's identity provider, or a pasted token in the embedded
 * development mode. Every query is audited as the API's are.
 */
export function consoleRoutes(deps: SignInDeps, api: (request: Request) => Response | Promise<Response>): Hono {
  const { services } = deps;
  const session = signIn(deps, { base: '/console', role: 'dpo', cookie: 'passerelle_console', name: (m) => m.console.title });
  const app = new Hono();
  let lastReport: VerifyReport | undefined;
  const origins = [new URL(services.config.publicUrl).origin];
  app.use('/console', withLang());
  app.use('/console/*', withLang());
  app.get('/console', (c) => c.redirect('/console/'));
  app.route('/', session.routes);
  for (const path of ['/console/', '/console/verify', '/console/person', '/console/person/*', '/console/transfers/*', '/console/export']) app.use(path, session.guard);
  app.use('/console/verify', csrf({ origin: (origin, c) => origins.includes(origin) || origin === new URL(c.req.url).origin }));

  const nameOf = (id: string | undefined): string => (id ? (services.bundle.institution(id)?.name ?? id) : '');
  const frame = (c: Context): Frame => ({ lang: c.get('lang'), url: new URL(c.req.url), who: nameOf(c.get('principal').institutionId), nameOf });
  const status = async () => {
    const [head] = await services.store.sql.query<{ seq: string }>('select seq::text as seq from audit_head where id = 1');
    const [cps] = await services.store.sql.query<{ n: string }>('select count(*)::text as n from audit_checkpoints');
    return { head: Number(head?.seq ?? 0), checkpoints: Number(cps?.n ?? 0), report: lastReport };
  };

  /** The person the officer typed, as the API's person references; or the reason in words. */
  const person = async (c: Context): Promise<{ query: string; label: string; refs: string[] } | { query: string; error: string }> => {
    const m = messages(c.get('lang'));
    const query = (c.req.query('q') ?? '').trim();
    const digits = ahvDigits(query);
    if (digits && !isValidAhv13(digits)) return { query, error: m.errors.ahvCheckDigit };
    try {
      const refs = await personRefsFor(services, digits ?? query);
      return { query, label: digits ? formatAhv(digits) : query, refs };
    } catch {
      return { query, error: m.errors.personForm };
    }
  };

  app.get('/console/', async (c) => c.html(homePage(frame(c), await status())));

  app.post('/console/verify', async (c) => {
    await checkpoint(services.store.sql, services.keys, services.clock);
    lastReport = await verifyAuditLog(services.store.sql, services.keys.jwks());
    await recordOfficerQuery(services, c, 'verify', { ok: lastReport.ok, entries: lastReport.entries, via: 'console' });
    return c.redirect(`/console/?lang=${c.get('lang')}`, 303);
  });

  app.get('/console/person', async (c) => {
    const who = await person(c);
    if ('error' in who) return c.html(homePage(frame(c), await status(), { value: who.query, error: who.error }), 422);
    const items = await disclosuresOf(services.store.sql, { personRefs: who.refs });
    await recordOfficerQuery(services, c, 'disclosures', { personRefs: who.refs, results: items.length, via: 'console' });
    // The page shows what the officer typed: the officer's own input, not stored.
    return c.html(timelinePage(frame(c), who.label, who.query, await disclosureRows(services, items)));
  });

  app.get('/console/person/export', async (c) => {
    const who = await person(c);
    if ('error' in who) return c.html(homePage(frame(c), await status(), { value: who.query, error: who.error }), 422);
    const format = ['csv', 'pdf'].includes(c.req.query('format') ?? '') ? (c.req.query('format') as 'csv' | 'pdf') : 'jsonl';
    const cp = await checkpoint(services.store.sql, services.keys, services.clock);
    const upto = cp?.seq ?? 0;
    const rows = await personAudit(services.store.sql, who.refs, upto);
    await recordOfficerQuery(services, c, 'export', { personRefs: who.refs, format, results: rows.length, checkpoint: cp?.seq ?? null, via: 'console' });
    const name = `passerelle-person-${upto}.${format}`;
    c.header('content-disposition', `attachment; filename="${name}"`);
    c.header('passerelle-checkpoint', cp ? JSON.stringify(cp) : '');
    if (format === 'jsonl') {
      const lines = [JSON.stringify({ checkpoint: cp }), ...rows.map((r) => JSON.stringify(r))];
      return c.body(lines.join('\n') + '\n', 200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
    }
    if (format === 'csv') {
      const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((k) => csvCell(r[k])).join(','))];
      return c.body(lines.join('\r\n') + '\r\n', 200, { 'content-type': 'text/csv; charset=utf-8' });
    }
    const disclosures = (await disclosuresOf(services.store.sql, { personRefs: who.refs })).filter((d) => d.auditSeq <= upto);
    const pdf = await disclosureReport({
      lang: c.get('lang'),
      person: who.label,
      rows: await disclosureRows(services, disclosures),
      checkpoint: cp,
      nameOf,
      by: nameOf(c.get('principal').institutionId),
      issuer: services.config.gatewayId,
      jwksUrl: `${services.config.publicUrl}/.well-known/jwks.json`,
      now: services.clock(),
    });
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf' });
  });

  app.get('/console/transfers/:id', async (c) => {
    const id = c.req.param('id');
    const [item] = isUuid(id) ? await disclosuresOf(services.store.sql, { transferId: id }) : [];
    if (!item) {
      const m = messages(c.get('lang'));
      return c.html(problemPage(session.frame(c), m.errors.title, m.errors.transferNotFound, { href: '/console/', label: m.app.back }), 404);
    }
    await recordOfficerQuery(services, c, 'decision', { transferId: id, via: 'console' });
    const [row] = await disclosureRows(services, [item]);
    return c.html(decisionPage(frame(c), row!, await categoryLines(services, row!)));
  });

  // The whole log's export is the API's, reached with the console's session.
  app.get('/console/export', async (c: Context) => {
    const format = c.req.query('format') === 'csv' ? 'csv' : 'jsonl';
    const url = new URL(`/v1/audit/export?format=${format}`, c.req.url);
    return api(new Request(url, { headers: { authorization: `Bearer ${session.tokenOf(c) ?? ''}`, 'x-request-id': c.get('requestId') ?? '' } }));
  });
  return app;
}
