import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { recordOfficerQuery, personRefsFor } from '../api/routes/audit.js';
import { checkpoint } from '../audit/checkpoint.js';
import { disclosuresOf } from '../audit/queries.js';
import { verifyAuditLog, type VerifyReport } from '../audit/verify.js';
import type { Verifier } from '../auth/verifier.js';
import { PasserelleError } from '../errors.js';
import { isUuid } from '../store/index.js';
import type { Services } from '../transfers/services.js';
import { pickLang, type Lang } from './i18n.js';
import { decisionPage, homePage, loginPage, timelinePage } from './pages.js';

const COOKIE = 'passerelle_console';

declare module 'hono' {
  interface ContextVariableMap {
    lang: Lang;
  }
}

/**
 * The officer's console: server-rendered pages in French and German, no script. The
 * token is pasted once and kept in an HttpOnly, SameSite=Strict cookie for /console.
 */
export function consoleRoutes(services: Services, verifier: Verifier, api: (request: Request) => Response | Promise<Response>): Hono {
  const app = new Hono();
  let lastReport: VerifyReport | undefined;

  app.use('/console/*', async (c, next) => {
    const lang = pickLang(c.req.query('lang'), getCookie(c, 'passerelle_lang'), c.req.header('accept-language'));
    if (c.req.query('lang')) setCookie(c, 'passerelle_lang', lang, { path: '/console', sameSite: 'Strict' });
    c.set('lang', lang);
    await next();
  });
  app.get('/console', (c) => c.redirect('/console/'));

  app.get('/console/login', (c) => c.html(loginPage(c.get('lang'))));
  app.post('/console/login', async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    try {
      const principal = await verifier.verify(token);
      if (!principal.roles.includes('dpo')) throw new PasserelleError('auth.forbidden', 'dpo role required', { status: 403 });
    } catch (error) {
      const message = error instanceof PasserelleError ? error.message : 'token refused';
      return c.html(loginPage(c.get('lang'), message), 401);
    }
    setCookie(c, COOKIE, token, { path: '/console', httpOnly: true, sameSite: 'Strict', secure: c.req.url.startsWith('https:') });
    return c.redirect('/console/');
  });
  app.get('/console/logout', (c) => {
    deleteCookie(c, COOKIE, { path: '/console' });
    return c.redirect('/console/login');
  });

  const officer: MiddlewareHandler = async (c, next) => {
    const token = getCookie(c, COOKIE);
    if (!token) return c.redirect('/console/login');
    try {
      const principal = await verifier.verify(token);
      if (!principal.roles.includes('dpo')) return c.html(loginPage(c.get('lang'), 'dpo'), 403);
      c.set('principal', principal);
    } catch {
      deleteCookie(c, COOKIE, { path: '/console' });
      return c.redirect('/console/login');
    }
    return next();
  };

  const status = async () => {
    const [head] = await services.store.sql.query<{ seq: string }>('select seq::text as seq from audit_head where id = 1');
    const [cps] = await services.store.sql.query<{ n: string }>('select count(*)::text as n from audit_checkpoints');
    return { head: Number(head?.seq ?? 0), checkpoints: Number(cps?.n ?? 0), report: lastReport };
  };

  app.get('/console/', officer, async (c) => c.html(homePage(c.get('lang'), await status())));

  app.post('/console/verify', officer, async (c) => {
    await checkpoint(services.store.sql, services.keys, services.clock);
    lastReport = await verifyAuditLog(services.store.sql, services.keys.jwks());
    await recordOfficerQuery(services, c, 'verify', { ok: lastReport.ok, entries: lastReport.entries });
    return c.redirect('/console/');
  });

  app.get('/console/person', officer, async (c) => {
    const q = (c.req.query('q') ?? '').trim();
    let refs: string[];
    try {
      refs = await personRefsFor(services, q);
    } catch (error) {
      return c.html(homePage(c.get('lang'), await status(), error instanceof PasserelleError ? error.message : 'invalid'), 422);
    }
    const items = await disclosuresOf(services.store.sql, { personRefs: refs });
    await recordOfficerQuery(services, c, 'disclosures', { personRefs: refs, results: items.length, via: 'console' });
    // The page shows what the officer typed; it is the officer's own input, not stored.
    return c.html(timelinePage(c.get('lang'), q, items));
  });

  app.get('/console/transfers/:id', officer, async (c) => {
    const id = c.req.param('id');
    const [item] = isUuid(id) ? await disclosuresOf(services.store.sql, { transferId: id }) : [];
    if (!item) return c.html(timelinePage(c.get('lang'), id, []), 404);
    await recordOfficerQuery(services, c, 'decision', { transferId: id, via: 'console' });
    return c.html(decisionPage(c.get('lang'), item));
  });

  // The export is the API's, reached with the console's cookie.
  app.get('/console/export', officer, async (c: Context) => {
    const format = c.req.query('format') === 'csv' ? 'csv' : 'jsonl';
    const url = new URL(`/v1/audit/export?format=${format}`, c.req.url);
    const token = getCookie(c, COOKIE)!;
    return api(new Request(url, { headers: { authorization: `Bearer ${token}`, 'x-request-id': c.get('requestId') ?? '' } }));
  });
  return app;
}
