import net from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, startTestGateway, type TestGateway } from '../support/gateway.js';
import { checkPage, launch, listen } from './browser-kit.js';
import { AUDIENCE, CLIENT, startLocalIdp, type LocalIdp } from './oidc-provider.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Sign-in through the canton's identity provider: a real OpenID Connect provider on 127.0.0.1, code flow with PKCE. */
describe('sign-in to the console and the inbox through a local OpenID Connect provider', () => {
  let idp: LocalIdp;
  let t: TestGateway;
  let browser: Browser;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const [idpPort, gatewayPort] = [await freePort(), await freePort()];
    base = `http://127.0.0.1:${gatewayPort}`;
    idp = await startLocalIdp(idpPort, base);
    t = await startTestGateway({
      name: 'oidc-browser',
      services: 'embedded',
      policiesDir: path.join(REPO, 'policies'),
      env: {
        PASSERELLE_PUBLIC_URL: base,
        PASSERELLE_AUTH_JWKS_URL: `${idp.issuer}/jwks`,
        PASSERELLE_AUTH_ISSUER: idp.issuer,
        PASSERELLE_AUTH_AUDIENCE: AUDIENCE,
        PASSERELLE_OIDC_ISSUER: idp.issuer,
        PASSERELLE_OIDC_CLIENT_ID: CLIENT.id,
        PASSERELLE_OIDC_CLIENT_SECRET: CLIENT.secret,
        PASSERELLE_OIDC_RESOURCE: AUDIENCE,
      },
    });
    ({ close } = await listen(t.gateway.app, gatewayPort));
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await t?.close();
    await idp?.close();
  });

  /** The provider's development login form, then its consent: what a person sees at the canton's sign-in. */
  async function signInAtIdp(page: Page, login: string): Promise<void> {
    await page.waitForSelector('input[name=login]', { timeout: 5000 }).catch(async (error: unknown) => {
      throw new Error(`${page.url()}\n${await page.textContent('body')}\n${String(error)}`);
    });
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any password');
    await page.click('button[type=submit]');
    await page.waitForLoadState();
    if (new URL(page.url()).origin === idp.issuer && (await page.locator('button[type=submit]').count()) > 0) {
      await page.click('button[type=submit]');
    }
  }

  it('offers no token paste when an identity provider is configured', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/console/login?lang=fr`);
    expect(await page.locator('#token').count()).toBe(0);
    expect(await page.textContent('#sign-in-idp')).toBe('Se connecter avec le fournisseur d’identité du canton');
    const pasted = await page.request.post(`${base}/console/login`, { form: { token: 'x' }, maxRedirects: 0 });
    expect(pasted.status()).toBe(303);
    await checkPage(page, 'oidc-1-login-fr');
    await page.close();
  });

  it('signs the officer in to the console', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const request = page.waitForRequest((r) => r.url().startsWith(`${idp.issuer}/auth?`));
    await page.goto(`${base}/console/?lang=de`);
    expect(page.url().startsWith(idp.issuer)).toBe(true);
    const authorize = new URL((await request).url());
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    await signInAtIdp(page, 'officer.bern');
    await page.waitForURL(`${base}/console/?lang=de`);
    expect(await page.textContent('#chain')).toContain('Audit-Protokoll');
    expect(await page.textContent('.who')).toBe('Datenschutzaufsichtsstelle des Kantons Bern');
    await checkPage(page, 'oidc-2-console-de');
    await context.close();
  });

  it('signs the clerk in to the inbox', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/inbox/?lang=it`);
    await signInAtIdp(page, 'clerk.koeniz');
    await page.waitForURL(`${base}/inbox/?lang=it`);
    expect(await page.textContent('h1')).toBe('Incarti ricevuti');
    expect(await page.textContent('.who')).toBe('Gemeinde Köniz');
    await checkPage(page, 'oidc-3-inbox-it');
    // Signing out ends the session at the identity provider too, and comes back to a page that says so.
    await page.click('#sign-out');
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.click('button[name=logout][value=yes]');
    await page.waitForURL(/\/inbox\/login\?signed-out/);
    expect(await page.textContent('.notice')).toBe('È uscito/a.');
    await page.goto(`${base}/inbox/`);
    expect(new URL(page.url()).origin).toBe(idp.issuer);
    await context.close();
  });

  it('refuses a signed-in person without the right role with a readable page, not JSON', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/console/?lang=fr`);
    const refusal = page.waitForResponse((r) => r.url().startsWith(`${base}/console/callback`));
    await signInAtIdp(page, 'operator.koeniz');
    const answer = await refusal;
    expect(answer.status()).toBe(403);
    expect(answer.headers()['content-type']).toContain('text/html');
    expect(await page.textContent('#refusal')).toContain('n’a pas le rôle « dpo »');
    expect(await page.textContent('#refusal')).toContain('Gemeinde Köniz');
    await checkPage(page, 'oidc-4-refused-fr');
    await page.goto(`${base}/inbox/?lang=fr`);
    expect(await page.textContent('#refusal')).toContain('« receiver »');
    await context.close();
  });
});
