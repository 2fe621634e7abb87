import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.js';

const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

const first = (value: string | undefined): string | undefined => value?.split(',')[0]?.trim() || undefined;

/**
 * Behind a reverse proxy that terminates TLS: when the peer is trusted
 * (`PASSERELLE_TRUST_PROXY`), `X-Forwarded-Proto` and `X-Forwarded-Host` say what the
 * caller asked for, so links, HSTS and cookies see `https://gateway.example`. An untrusted
 * peer's headers are ignored. Cookies get `Secure` whenever the caller came over HTTPS or
 * the public URL is HTTPS, whichever route set them.
 */
export function forwardedHeaders(config: Pick<Config, 'trustProxy' | 'publicUrl'>): MiddlewareHandler {
  const alwaysSecure = config.publicUrl.startsWith('https:');
  return async (c, next) => {
    if (config.trustProxy !== false) {
      const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
      const peer = (env?.incoming?.socket?.remoteAddress ?? '').replace(/^::ffff:/, '');
      if (config.trustProxy === true || config.trustProxy.includes(peer)) {
        const proto = first(c.req.header('x-forwarded-proto'))?.toLowerCase();
        const host = first(c.req.header('x-forwarded-host'));
        if ((proto === 'http' || proto === 'https') || (host && HOST.test(host))) {
          const url = new URL(c.req.url);
          if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
          if (host && HOST.test(host)) url.host = host;
          c.req.raw = new Request(url, c.req.raw);
        }
      }
    }
    await next();
    if (alwaysSecure || c.req.url.startsWith('https:')) {
      const cookies = c.res.headers.getSetCookie();
      if (cookies.some((cookie) => !/;\s*secure\b/i.test(cookie))) {
        const secure = (headers: Headers): void => {
          headers.delete('set-cookie');
          for (const cookie of cookies) headers.append('set-cookie', /;\s*secure\b/i.test(cookie) ? cookie : `${cookie}; Secure`);
        };
        try {
          secure(c.res.headers);
        } catch {
          // Immutable headers (a fetched response): a copy, set without hono merging the old cookies back.
          const res = new Response(c.res.body, c.res);
          secure(res.headers);
          c.res = undefined as unknown as Response;
          c.res = res;
        }
      }
    }
  };
}
