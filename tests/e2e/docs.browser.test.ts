import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, startTestGateway, type TestGateway } from '../support/gateway.js';
import { operations } from '../security/setup.js';
import { checkPage, launch, listen, SHOTS } from './browser-kit.js';

/** `/docs`: the API reference from the package itself, with the network cut off but for the gateway. */
describe('the API reference at /docs in headless Chromium, offline', () => {
  let t: TestGateway;
  let browser: Browser;
  let page: Page;
  let base: string;
  let close: () => Promise<void>;
  const elsewhere: string[] = [];

  beforeAll(async () => {
    t = await startTestGateway({ name: 'docs-browser', services: 'embedded', policiesDir: path.join(REPO, 'policies') });
    ({ base, close } = await listen(t.gateway.app));
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The network is the gateway alone: anything else is refused, and noted.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('data:')) return route.continue();
      elsewhere.push(url);
      return route.abort('internetdisconnected');
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await t?.close();
  });

  it('shows every operation with its schemas, and asks nothing of the internet', async () => {
    await page.goto(`${base}/docs`);
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    const expected = operations().map((o) => o.key);
    expect(await page.locator('.opblock').count()).toBe(expected.length);
    const shown = await page.$$eval('.opblock', (blocks) => blocks.map((b) => `${b.querySelector('.opblock-summary-method')?.textContent?.trim()} ${b.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`));
    expect(shown.sort()).toEqual(expected.sort());
    const models = await page.textContent('section.models');
    for (const schema of ['CaseRecord', 'CaseEvent', 'Transfer', 'Decision', 'InboxItem', 'Problem', 'AuditEntry']) expect(models).toContain(schema);
    // Markdown of the descriptions is rendered, not shown with its backticks.
    const info = page.locator('.info');
    expect(await info.locator('code').count()).toBeGreaterThan(0);
    expect(await info.textContent()).not.toContain('`');
    await page.screenshot({ path: path.join(SHOTS, 'docs-1-reference-1280.png'), fullPage: false });
    expect(elsewhere).toEqual([]);
  });

  it('tries a call out against this very gateway', async () => {
    const health = page.locator('#operations-meta-getHealth');
    await health.locator('.opblock-summary').click();
    await health.locator('button.try-out__btn').click();
    await health.locator('button.execute').click();
    await health.locator('.responses-wrapper .live-responses-table').waitFor({ timeout: 15_000 });
    expect(await health.locator('.live-responses-table tbody .response-col_status').first().textContent()).toContain('200');
    expect(await health.locator('.live-responses-table').textContent()).toContain('"status": "ok"');
    // The schema of an answer opens from the operation.
    expect(await page.locator('#operations-inbox-getInboxItem').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'docs-2-try-it-out-1280.png'), fullPage: false });
    expect(elsewhere).toEqual([]);
  });

  it('has no accessibility violations and no sideways scrolling, opened as it is after a call', async () => {
    await checkPage(page, 'docs-3-reference');
    expect(elsewhere).toEqual([]);
  });
});
