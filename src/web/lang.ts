import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { pickLang, type Lang } from './i18n.js';

declare module 'hono' {
  interface ContextVariableMap {
    lang: Lang;
  }
}

const COOKIE = 'passerelle_lang';

/** The page's language: `?lang=` (remembered for every page of the gateway), the cookie, the browser's wish, French. */
export function withLang(): MiddlewareHandler {
  return async (c, next) => {
    const asked = c.req.query('lang');
    const lang = pickLang(asked, getCookie(c, COOKIE), c.req.header('accept-language'));
    if (asked === lang) setCookie(c, COOKIE, lang, { path: '/', sameSite: 'Lax', maxAge: 365 * 86_400 });
    c.set('lang', lang);
    await next();
  };
}
