import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { decodeJwt } from 'jose';
import type { Principal, Role } from '../auth/principal.js';
import type { Verifier } from '../auth/verifier.js';
import { PasserelleError } from '../errors.js';
import type { Services } from '../transfers/services.js';
import { messages, type Messages } from './i18n.js';
import type { OidcLogin } from './oidc.js';
import { TRANSACTION_MAX_AGE } from './oidc.js';
import { loginPage, problemPage, refusedPage, type AreaFrame } from './sign-in-pages.js';

/** A part of the site that one role signs in to: the officer's console, the clerk's inbox. */
export interface Area {
  base: '/console' | '/inbox';
  role: Role;
  cookie: string;
  name(m: Messages): string;
}

export interface SignInDeps {
  services: Services;
  verifier: Verifier;
  /** Set when an identity provider is configured: then it is the only way in. */
  oidc: OidcLogin | undefined;
}

export interface SignIn {
  routes: Hono;
  /** Lets a request through with its principal set, or answers with a page: sign in, or refused. */
  guard: MiddlewareHandler;
  /** The verified session's token (to call the API on the person's behalf). */
  tokenOf(c: Context): string | undefined;
  frame(c: Context): AreaFrame;
}

/** A message a person can act on for a refused token: the catalogue's, by the error's stable code. */
export function authMessage(m: Messages, error: unknown): string {
  const code = error instanceof PasserelleError ? error.code : '';
  const known = m.errors.auth as Record<string, string>;
  return Object.hasOwn(known, code) ? known[code]! : m.errors.auth['auth.malformed-token'];
}

/**
 * Sign-in for one area. With an identity provider: the authorization code flow with PKCE,
 * the access token kept in an HttpOnly cookie and verified on every request like any API
 * token (same keys, issuer, audience and role map). Without one (embedded development
 * mode): a pasted development token. `SameSite=Lax`, so the identity provider's redirect
 * back carries the cookies; every state-changing request is a POST, which Lax keeps
 * same-site.
 */
export function signIn(deps: SignInDeps, area: Area): SignIn {
  const { services, verifier, oidc } = deps;
  const app = new Hono();
  const secure = services.config.publicUrl.startsWith('https:');
  const idCookie = `${area.cookie}_id`;
  const txCookie = `${area.cookie}_tx`;
  const cookieOptions = { path: area.base, httpOnly: true, sameSite: 'Lax' as const, secure };

  const frame = (c: Context): AreaFrame => {
    const m = messages(c.get('lang'));
    return { lang: c.get('lang'), url: new URL(c.req.url), area: { name: area.name(m), href: `${area.base}/` }, role: area.role };
  };
  const login = (c: Context, status: 200 | 401 | 403 | 503, extra: { error?: string; notice?: string } = {}) =>
    c.html(loginPage(frame(c), { base: area.base, oidc: Boolean(oidc), ...extra }), status);
  const keep = (c: Context, token: string): void => {
    let exp: number | undefined;
    try {
      exp = decodeJwt(token).exp;
    } catch {
      exp = undefined;
    }
    const maxAge = exp ? Math.max(60, exp - Math.floor(Date.now() / 1000)) : 3600;
    setCookie(c, area.cookie, token, { ...cookieOptions, maxAge });
  };
  const refused = (c: Context, principal: Principal) => {
    const institution = services.bundle.institution(principal.institutionId)?.name ?? principal.institutionId;
    return c.html(refusedPage(frame(c), { base: area.base, institution }), 403);
  };

  app.get(`${area.base}/login`, (c) => {
    const m = messages(c.get('lang'));
    const notice = c.req.query('signed-out') !== undefined ? m.login.signedOut : c.req.query('expired') !== undefined ? m.errors.sessionExpired : undefined;
    return login(c, 200, notice ? { notice } : {});
  });

  app.post(`${area.base}/login`, async (c) => {
    // Token paste is the embedded development mode's way in, and only there.
    if (oidc) return c.redirect(`${area.base}/login`, 303);
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const m = messages(c.get('lang'));
    let principal: Principal;
    try {
      principal = await verifier.verify(token);
    } catch (error) {
      return login(c, 401, { error: token === '' ? m.errors.auth['auth.missing-token'] : authMessage(m, error) });
    }
    if (!principal.roles.includes(area.role)) return refused(c, principal);
    keep(c, token);
    return c.redirect(`${area.base}/`, 303);
  });

  app.get(`${area.base}/login/idp`, async (c) => {
    if (!oidc) return c.redirect(`${area.base}/login`);
    const returnTo = safeReturn(area.base, c.req.query('return'));
    try {
      const { url, transaction } = await oidc.start(`${services.config.publicUrl}${area.base}/callback`, returnTo);
      setCookie(c, txCookie, await oidc.seal(transaction), { ...cookieOptions, maxAge: TRANSACTION_MAX_AGE });
      return c.redirect(url);
    } catch {
      return login(c, 503, { error: messages(c.get('lang')).errors.oidcUnavailable });
    }
  });

  app.get(`${area.base}/callback`, async (c) => {
    if (!oidc) return c.redirect(`${area.base}/login`);
    const m = messages(c.get('lang'));
    const transaction = await oidc.open(getCookie(c, txCookie));
    deleteCookie(c, txCookie, cookieOptions);
    if (!transaction) return login(c, 401, { error: m.errors.oidcState });
    // The callback as the identity provider was told it (the public URL), with the answer's query.
    const callback = new URL(`${services.config.publicUrl}${area.base}/callback${new URL(c.req.url).search}`);
    let tokens: { accessToken: string; idToken: string | undefined };
    try {
      tokens = await oidc.finish(callback, transaction);
    } catch (error) {
      services.logger.info({ code: error instanceof PasserelleError ? error.code : 'oidc.failed' }, 'sign-in through the identity provider failed');
      return login(c, 401, { error: m.errors.oidcFailed });
    }
    let principal: Principal;
    try {
      principal = await verifier.verify(tokens.accessToken);
    } catch (error) {
      return login(c, 401, { error: authMessage(m, error) });
    }
    if (tokens.idToken) setCookie(c, idCookie, tokens.idToken, cookieOptions);
    if (!principal.roles.includes(area.role)) {
      keep(c, tokens.accessToken);
      return refused(c, principal);
    }
    keep(c, tokens.accessToken);
    return c.redirect(transaction.returnTo, 303);
  });

  app.get(`${area.base}/logout`, async (c) => {
    const idToken = getCookie(c, idCookie);
    deleteCookie(c, area.cookie, cookieOptions);
    deleteCookie(c, idCookie, cookieOptions);
    const after = `${services.config.publicUrl}${area.base}/login?signed-out`;
    const end = oidc ? await oidc.endSessionUrl(after, idToken) : undefined;
    return c.redirect(end ?? `${area.base}/login?signed-out`);
  });

  const guard: MiddlewareHandler = async (c, next) => {
    const token = getCookie(c, area.cookie);
    const back = encodeURIComponent(new URL(c.req.url).pathname + new URL(c.req.url).search);
    if (!token) return c.redirect(oidc ? `${area.base}/login/idp?return=${back}` : `${area.base}/login`);
    let principal: Principal;
    try {
      principal = await verifier.verify(token);
    } catch (error) {
      if (error instanceof PasserelleError && error.status === 503) {
        const m = messages(c.get('lang'));
        return c.html(problemPage(frame(c), m.errors.title, authMessage(m, error)), 503);
      }
      deleteCookie(c, area.cookie, cookieOptions);
      return c.redirect(`${area.base}/login?expired`);
    }
    if (!principal.roles.includes(area.role)) return refused(c, principal);
    c.set('principal', principal);
    return next();
  };

  return { routes: app, guard, tokenOf: (c) => getCookie(c, area.cookie), frame };
}

/** Only a path under the area: a sign-in never sends the person to another site. */
function safeReturn(base: string, asked: string | undefined): string {
  return asked && asked.startsWith(`${base}/`) && !asked.startsWith('//') && !/[\\\r\n]/.test(asked) ? asked : `${base}/`;
}

