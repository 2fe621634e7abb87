import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RICH_CASE, RICH_CASE_ID, richEvent } from '../support/events.js';
import { REPO, settled, startTestGateway, type TestGateway } from '../support/gateway.js';

const SHOTS = path.join(REPO, 'tests/.artifacts/screenshots');
const CHROMIUM = process.env.PASSERELLE_CHROMIUM ?? '/usr/bin/chromium';
const RICH_VN = '7563817462957';

/** The officer's console in a real browser: Debian's Chromium driven by playwright-core. */
describe('the data-protection officer’s console in headless Chromium', () => {
  let t: TestGateway;
  let server: ServerType;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestGateway({ name: 'console', services: 'embedded', policiesDir: path.join(REPO, 'policies') });
    await t.gateway.startWorkers();
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    const source = await t.token('be-asi', ['source-system']);
    for (const event of [richEvent(), richEvent({ type: 'case.institution-changed', change: { from: 'be-ku-bern-nord', to: 'be-region-mittelland', effectiveDate: '2025-03-01' }, targetInstitutionId: 'be-region-mittelland' })]) {
      const answer = (await (await t.request('POST', '/v1/events', { token: source, body: event })).json()) as { transfers: { id: string }[] };
      await settled(t, answer.transfers[0]!.id);
    }
    server = serve({ fetch: t.gateway.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await t?.close();
  });

  it('signs in, searches a person, opens a disclosure, verifies the chain and exports, in French and German', async () => {
    await page.goto(`${base}/console/?lang=fr`);
    expect(page.url()).toContain('/console/login');
    await page.screenshot({ path: path.join(SHOTS, 'console-1-login-fr.png'), fullPage: true });
    await page.fill('input[name=token]', await t.token('be-dpo', ['dpo']));
    await Promise.all([page.waitForURL(`${base}/console/`), page.click('#sign-in')]);
    expect(await page.textContent('#chain-status')).toContain('pas encore vérifié');
    await page.screenshot({ path: path.join(SHOTS, 'console-2-home-fr.png'), fullPage: true });

    await page.fill('#person', RICH_VN);
    await Promise.all([page.waitForURL(/\/console\/person/), page.click('#search')]);
    const rows = page.locator('#timeline tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('be-koeniz');
    await page.screenshot({ path: path.join(SHOTS, 'console-3-timeline-fr.png'), fullPage: true });

    await Promise.all([page.waitForURL(/\/console\/transfers\//), rows.nth(0).locator('a.open').click()]);
    const decision = await page.textContent('#decision');
    expect(decision).toContain('commune-takes-over');
    expect(decision).toContain('un consentement existe, mais pas pour ce destinataire ou cette finalité');
    await page.screenshot({ path: path.join(SHOTS, 'console-4-decision-fr.png'), fullPage: true });

    await page.goto(`${base}/console/`);
    await Promise.all([page.waitForURL(`${base}/console/`), page.click('#verify')]);
    expect(await page.textContent('#chain-status')).toContain('intact');
    await page.screenshot({ path: path.join(SHOTS, 'console-5-verified-fr.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-jsonl')]);
    const exported = readFileSync(await download.path(), 'utf8').trim().split('\n');
    expect(JSON.parse(exported[0]!).checkpoint.seq).toBeGreaterThan(5);
    expect(exported.join('\n')).not.toContain(RICH_VN);

    await page.goto(`${base}/console/transfers/${(await t.gateway.services.store.listTransfers({ limit: 1 }))[0]!.id}?lang=de`);
    expect(await page.textContent('#decision')).toContain('es gibt eine Einwilligung, aber nicht für diesen Empfänger oder Zweck');
    await page.screenshot({ path: path.join(SHOTS, 'console-6-decision-de.png'), fullPage: true });
    await page.goto(`${base}/console/`);
    expect(await page.textContent('#chain')).toContain('signierte Kontrollpunkte');
    await page.screenshot({ path: path.join(SHOTS, 'console-7-home-de.png'), fullPage: true });
  });

  it('keeps out a token without the dpo role', async () => {
    const other = await browser.newPage();
    await other.goto(`${base}/console/login`);
    await other.fill('input[name=token]', await t.token('be-koeniz', ['receiver']));
    await other.click('#sign-in');
    expect(other.url()).toContain('/console/login');
    await other.goto(`${base}/console/`);
    expect(other.url()).toContain('/console/login');
    await other.close();
  });
});
