import { Hono } from 'hono';
import { html } from 'hono/html';
import { messages } from './i18n.js';
import { withLang } from './lang.js';
import { page } from './layout.js';

/** `GET /`: where a person who opens the gateway's address finds the docs, the console and the clerk's inbox. */
export function landingRoutes(): Hono {
  const app = new Hono();
  app.get('/', withLang(), (c) => {
    const lang = c.get('lang');
    const m = messages(lang);
    const card = (id: string, href: string, title: string, text: string) =>
      html`<section aria-labelledby="${id}"><h2 id="${id}"><a href="${href}">${title}</a></h2><p>${text}</p></section>`;
    const body = html`<h1>${m.landing.title}</h1><p>${m.landing.lead}</p>
<div class="cards">${card('to-inbox', `/inbox/?lang=${lang}`, m.app.inbox, m.landing.inboxText)}${card('to-console', `/console/?lang=${lang}`, m.app.console, m.landing.consoleText)}${card('to-docs', '/docs', m.app.docs, m.landing.docsText)}</div>
<p><a href="/health">${m.landing.health}</a></p>`;
    return c.html(page({ lang, title: m.landing.title, area: { name: m.app.home, href: '/' }, url: new URL(c.req.url), body }));
  });
  return app;
}
