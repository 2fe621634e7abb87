import { html } from 'hono/html';
import { fill, messages, type Lang } from './i18n.js';
import { page, type Html } from './layout.js';

export interface AreaFrame {
  lang: Lang;
  url: URL;
  area: { name: string; href: string };
  role: string;
}

/** Sign-in: the identity provider's button when one is configured, else the development token. */
export function loginPage(frame: AreaFrame, options: { base: string; oidc: boolean; error?: string; notice?: string }): Html {
  const m = messages(frame.lang);
  const body = html`<h1>${m.login.title}</h1>
<section aria-labelledby="login-title"><h2 id="login-title">${frame.area.name}</h2>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
${options.error ? html`<p class="error" role="alert" id="login-error">${options.error}</p>` : ''}
${
  options.oidc
    ? html`<p>${m.login.idpText}</p><p><a class="button" id="sign-in-idp" href="${options.base}/login/idp">${m.login.idpButton}</a></p>`
    : html`<form method="post" action="${options.base}/login">
<div class="field"><label for="token">${m.login.tokenLabel}</label>
<p class="hint" id="token-hint">${fill(m.login.tokenHint, { role: frame.role })}</p>
<input type="password" name="token" id="token" autocomplete="off" required aria-describedby="token-hint${options.error ? ' login-error' : ''}"${
        options.error ? html` aria-invalid="true"` : ''
      }></div>
<p><button type="submit" id="sign-in">${m.app.signIn}</button></p></form>`
}</section>`;
  return page({ lang: frame.lang, title: m.login.title, area: frame.area, url: frame.url, body });
}

/** Signed in, but not with the role this area needs: a page that says so, not a JSON problem. */
export function refusedPage(frame: AreaFrame, options: { base: string; institution: string }): Html {
  const m = messages(frame.lang);
  const body = html`<h1>${m.login.forbiddenTitle}</h1>
<section><p class="error" role="alert" id="refusal">${fill(m.errors.roleMissing, { institution: options.institution, role: frame.role })}</p>
<p><a href="${options.base}/logout">${m.login.tryAgain}</a></p></section>`;
  return page({ lang: frame.lang, title: m.login.forbiddenTitle, area: frame.area, url: frame.url, body });
}

/** Any other trouble of a page, in words. */
export function problemPage(frame: Omit<AreaFrame, 'role'>, title: string, message: string, back?: { href: string; label: string }): Html {
  const body = html`<h1>${title}</h1><section><p class="error" role="alert" id="problem">${message}</p>${
    back ? html`<p><a href="${back.href}">${back.label}</a></p>` : ''
  }</section>`;
  return page({ lang: frame.lang, title, area: frame.area, url: frame.url, body });
}
