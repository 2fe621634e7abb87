import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RICH_CASE, RICH_CASE_ID, richEvent, richToRegionalPartner } from '../support/events.js';
import { REPO, settled, startTestGateway, type TestGateway } from '../support/gateway.js';
import { checkPage, launch, listen, pdfText } from './browser-kit.js';

const RICH_VN = '7563817462957';
const RICH_VN_DOTS = '756.3817.4629.57';
const GENERAL_CONSENT = '2c293ffe-0d45-596e-b5a1-2b0c9fe3ad85';

/** The officer's console in a real browser: Debian's Chromium driven by playwright-core. */
describe('the data-protection officer’s console in headless Chromium', () => {
  let t: TestGateway;
  let browser: Browser;
  let page: Page;
  let base: string;
  let close: () => Promise<void>;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestGateway({ name: 'console', services: 'embedded', policiesDir: path.join(REPO, 'policies') });
    await t.gateway.startWorkers();
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    const source = await t.token('be-asi', ['source-system']);
    for (const event of [richEvent(), richToRegionalPartner()]) {
      const answer = (await (await t.request('POST', '/v1/events', { token: source, body: event })).json()) as { transfers: { id: string }[] };
      ids.push(answer.transfers[0]!.id);
      await settled(t, answer.transfers[0]!.id);
    }
    // Köniz reads and acknowledges its case through the API; the regional partner has not opened its own yet.
    const koeniz = await t.token('be-koeniz', ['receiver']);
    expect((await t.request('GET', `/v1/inbox/${ids[0]}`, { token: koeniz })).status).toBe(200);
    expect((await t.request('POST', `/v1/inbox/${ids[0]}/ack`, { token: koeniz })).status).toBe(204);
    ({ base, close } = await listen(t.gateway.app));
    browser = await launch();
    page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await t?.close();
  });

  it('finds the person by an AHV number with dots and shows names, source, trigger, read and acknowledgement', async () => {
    await page.goto(`${base}/console/?lang=fr`);
    expect(page.url()).toContain('/console/login');
    await checkPage(page, 'console-1-login-fr');
    await page.fill('#token', await t.token('be-dpo', ['dpo']));
    await Promise.all([page.waitForURL(`${base}/console/`), page.click('#sign-in')]);
    expect(await page.textContent('#chain-status')).toContain('pas encore vérifié');
    await checkPage(page, 'console-2-home-fr');

    await page.fill('#person', RICH_VN_DOTS);
    await Promise.all([page.waitForURL(/\/console\/person/), page.click('#search')]);
    const rows = page.locator('#timeline tbody tr');
    expect(await rows.count()).toBe(2);
    const [koeniz, regional] = [rows.filter({ hasText: 'Gemeinde Köniz' }), rows.filter({ hasText: 'Regionaler Partner Bern-Mittelland' })];
    expect(await koeniz.locator('.recipient').textContent()).toBe('Gemeinde Köniz');
    expect(await koeniz.locator('.source').textContent()).toBe('Amt für Integration und Soziales (ASI), Kanton Bern');
    expect(await koeniz.locator('.trigger').textContent()).toBe('changement de phase: phase cantonale → phase communale (01.03.2025)');
    expect(await koeniz.locator('.receipt').textContent()).toMatch(/lu 1 fois, la première fois le \d\d\.\d\d\.\d{4} \d\d:\d\d/);
    expect(await koeniz.locator('.receipt').textContent()).toMatch(/accusé réception le \d\d\.\d\d\.\d{4}/);
    expect(await regional.locator('.recipient').textContent()).toBe('Regionaler Partner Bern-Mittelland');
    expect(await regional.locator('.trigger').textContent()).toContain('Kollektivunterkunft Bern Nord → Regionaler Partner Bern-Mittelland');
    expect(await regional.locator('.receipt').textContent()).toContain('pas encore lu');
    expect(await koeniz.textContent()).toMatch(/\d\d\.\d\d\.\d{4} \d\d:\d\d/);
    await checkPage(page, 'console-3-timeline-fr');

    // The language switch keeps the search.
    await Promise.all([page.waitForURL(/lang=it/), page.click('a[hreflang=it]')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(RICH_VN_DOTS);
    expect(await page.textContent('h1')).toBe('Comunicazioni concernenti la persona');
    expect(await rows.count()).toBe(2);
    expect(await rows.filter({ hasText: 'Gemeinde Köniz' }).textContent()).toContain('ripresa dell’incarto');
    await checkPage(page, 'console-4-timeline-it');
  });

  it('shows the fields that went per category and the consent that covered each, or why none did', async () => {
    await page.goto(`${base}/console/transfers/${ids[0]}?lang=fr`);
    const decision = (await page.textContent('#decision'))!;
    expect(decision).toContain('commune-takes-over');
    expect(decision).toContain('LEI art. 97 ; loi cantonale sur l’aide sociale');
    expect(decision).toContain('un consentement existe, mais pas pour ce destinataire ou cette finalité');
    const identity = page.locator('#disclosed tbody tr', { hasText: 'identité' });
    expect(await identity.locator('.fields').textContent()).toContain('numéro AVS, numéro SYMIC, nom officiel, prénom, sexe, date de naissance');
    expect(await identity.locator('.consent').textContent()).toBe('pas requis');
    expect(await page.textContent('#source')).toContain('Amt für Integration und Soziales');
    expect(await page.textContent('#receipt')).toContain('accusé réception le');
    await checkPage(page, 'console-5-decision-fr');

    await page.goto(`${base}/console/transfers/${ids[1]}?lang=de`);
    const health = page.locator('#disclosed tbody tr', { hasText: 'Gesundheit' });
    expect(await health.locator('.consent').textContent()).toContain(`gedeckt durch die Einwilligung ${GENERAL_CONSENT} (allgemein, erteilt am 12.12.2022)`);
    expect(await health.locator('.fields').textContent()).toContain('Arbeitsfähigkeit');
    expect(await page.textContent('#trigger')).toContain('Wechsel der Institution');
    await checkPage(page, 'console-6-decision-de');
  });

  it('verifies the chain, and exports the whole log and one person’s report', async () => {
    await page.goto(`${base}/console/?lang=fr`);
    await Promise.all([page.waitForURL(/\/console\/\?lang=fr/), page.click('#verify')]);
    expect(await page.textContent('#chain-status')).toContain('intact');
    await checkPage(page, 'console-7-verified-fr');
    const [whole] = await Promise.all([page.waitForEvent('download'), page.click('#export-jsonl')]);
    const exported = readFileSync(await whole.path(), 'utf8').trim().split('\n');
    expect(JSON.parse(exported[0]!).checkpoint.seq).toBeGreaterThan(5);
    expect(exported.join('\n')).not.toContain(RICH_VN);

    await page.goto(`${base}/console/person?q=${RICH_VN}&lang=fr`);
    const [report] = await Promise.all([page.waitForEvent('download'), page.click('#export-person-pdf')]);
    const pdf = readFileSync(await report.path());
    const text = pdfText(pdf);
    for (const line of ['Rapport des communications de données', RICH_VN_DOTS, 'Gemeinde Köniz', 'Regionaler Partner Bern-Mittelland', 'reprise du dossier', 'un consentement existe, mais pas pour ce destinataire ou cette finalité', 'point de contrôle signé n°']) {
      expect(text).toContain(line);
    }
    expect(pdf.toString('latin1')).toContain('(checkpoint.jws)');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-person-csv')]);
    const lines = readFileSync(await csv.path(), 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,kind,actor,transferId,eventId,requestId,personRef,institutionId,data,prevHash,hash');
    expect(lines.some((l) => l.includes(ids[0]!) && l.includes('inbox.acknowledged'))).toBe(true);
    expect(lines.some((l) => l.includes(ids[1]!))).toBe(true);
    expect(lines.join('\n')).not.toContain(RICH_VN);
    const [jsonl] = await Promise.all([page.waitForEvent('download'), page.click('#export-person-jsonl')]);
    const entries = readFileSync(await jsonl.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { checkpoint?: { seq: number }; seq?: number; kind?: string });
    expect(entries[0]!.checkpoint!.seq).toBeGreaterThan(5);
    expect(entries.slice(1).every((e) => e.seq! <= entries[0]!.checkpoint!.seq && e.kind !== 'audit.query')).toBe(true);
  });

  it('says in the page’s language what is wrong with an AHV number, and keeps out a token without the dpo role', async () => {
    await page.goto(`${base}/console/person?q=756.3817.4629.58&lang=de`);
    expect(await page.textContent('#error')).toBe('Die AHV-Nummer hat eine falsche Prüfziffer; bitte prüfen.');
    expect(await page.getAttribute('#person', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#person')).toBe('756.3817.4629.58');
    await checkPage(page, 'console-8-bad-ahv-de');
    await page.goto(`${base}/console/person?q=tutoris&lang=it`);
    expect(await page.textContent('#error')).toContain('numero AVS (13 cifre, con o senza punti)');

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await context.newPage();
    await other.goto(`${base}/console/login?lang=fr`);
    await other.fill('#token', await t.token('be-koeniz', ['receiver']));
    const [answer] = await Promise.all([other.waitForResponse((r) => r.url().endsWith('/console/login')), other.click('#sign-in')]);
    expect(answer.status()).toBe(403);
    expect(await other.textContent('#refusal')).toContain('Gemeinde Köniz');
    await other.goto(`${base}/console/`);
    expect(other.url()).toContain('/console/login');
    await context.close();
  });

  it('shows the landing page that leads to the docs, the console and the inbox', async () => {
    await page.goto(`${base}/?lang=de`);
    expect(await page.getAttribute('#to-inbox a', 'href')).toBe('/inbox/?lang=de');
    expect(await page.getAttribute('#to-console a', 'href')).toBe('/console/?lang=de');
    expect(await page.getAttribute('#to-docs a', 'href')).toBe('/docs');
    await checkPage(page, 'landing-de');
  });
});
