import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { ENDONYMS, LANGS, messages, type Lang } from './i18n.js';
import { STYLE } from './style.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageFrame {
  lang: Lang;
  /** The document title (the page's h1 is the body's). */
  title: string;
  /** Name and home of the area the page belongs to, in the header. */
  area: { name: string; href: string };
  /** The page's own path and query: the language switch keeps it, changing only `lang`. */
  url: URL;
  /** Shown when someone is signed in: who, and where to sign out. */
  session?: { who: string; signOut: string };
  body: Html;
}

/** The same address in another language: every other query parameter stays. */
export function inLang(url: URL, lang: Lang): string {
  const query = new URLSearchParams(url.search);
  query.set('lang', lang);
  return `${url.pathname}?${query.toString()}`;
}

export function page(frame: PageFrame): Html {
  const m = messages(frame.lang);
  return html`<!doctype html>
<html lang="${frame.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · ${m.app.name}</title><style>${raw(STYLE)}</style></head>
<body>
<a class="skip" href="#main">${m.app.skip}</a>
<header class="top">
<p class="brand"><a href="${frame.area.href}">${m.app.name} · ${frame.area.name}</a></p>
<nav aria-label="${m.app.mainNav}"><ul>
${LANGS.map(
  (l) =>
    html`<li><a href="${inLang(frame.url, l)}" lang="${l}" hreflang="${l}" ${l === frame.lang ? raw('aria-current="true"') : ''}>${ENDONYMS[l]}</a></li>`,
)}
${frame.session ? html`<li class="who">${frame.session.who}</li><li><a id="sign-out" href="${frame.session.signOut}">${m.app.signOut}</a></li>` : ''}
</ul></nav>
</header>
<main id="main" tabindex="-1">${frame.body}</main>
</body></html>`;
}

/** A table cell that, on a phone, shows its column's name before the value. */
export function cell(label: string, content: unknown): Html {
  return html`<td data-label="${label}">${content}</td>`;
}
