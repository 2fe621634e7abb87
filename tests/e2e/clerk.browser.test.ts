import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RICH_CASE, RICH_CASE_ID, richEvent } from '../support/events.js';
import { REPO, settled, startTestGateway, type TestGateway } from '../support/gateway.js';
import { checkPage, launch, listen, pdfText } from './browser-kit.js';

/** The commune clerk's inbox in Debian's Chromium: sign in, read the demo case in three languages, PDF, seal, acknowledge. */
describe('the commune clerk’s inbox in headless Chromium', () => {
  let t: TestGateway;
  let browser: Browser;
  let page: Page;
  let base: string;
  let close: () => Promise<void>;
  let transferId: string;

  beforeAll(async () => {
    t = await startTestGateway({ name: 'clerk-browser', services: 'embedded', policiesDir: path.join(REPO, 'policies') });
    await t.gateway.startWorkers();
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
    const source = await t.token('be-asi', ['source-system']);
    const answer = (await (await t.request('POST', '/v1/events', { token: source, body: richEvent() })).json()) as { transfers: { id: string }[] };
    transferId = answer.transfers[0]!.id;
    await settled(t, transferId);
    ({ base, close } = await listen(t.gateway.app));
    browser = await launch();
    page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await t?.close();
  });

  it('signs in, lists the case, and reads it in French, German and Italian', async () => {
    await page.goto(`${base}/inbox/?lang=fr`);
    expect(page.url()).toContain('/inbox/login');
    await checkPage(page, 'inbox-1-login-fr');
    await page.fill('#token', await t.token('be-koeniz', ['receiver']));
    await Promise.all([page.waitForURL(`${base}/inbox/`), page.click('#sign-in')]);
    const rows = page.locator('#cases tbody tr');
    expect(await rows.count()).toBe(1);
    const row = await rows.first().textContent();
    expect(row).toContain('Zahra Ahmadi');
    expect(row).toContain('23.11.1995');
    expect(row).toContain('Amt für Integration und Soziales');
    expect(row).toContain('nouveau');
    await checkPage(page, 'inbox-2-list-fr');

    await Promise.all([page.waitForURL(/\/inbox\/cases\//), rows.first().locator('a.open').click()]);
    const fr = (await page.textContent('main'))!;
    expect(await page.textContent('h1')).toBe('Dossier de Zahra Ahmadi');
    for (const text of ['756.3817.4629.57', 'F – réfugié·e admis·e provisoirement', 'Kollektivunterkunft Bern Nord', 'dari (langue première)', 'Deutsch B1 Abendkurs', 'cours de langue', 'Ce qui a été retenu, et pourquoi', 'un consentement existe, mais pas pour ce destinataire ou cette finalité', 'NFAM-2022-004127', 'LEI art. 97 ; loi cantonale sur l’aide sociale']) {
      expect(fr).toContain(text);
    }
    expect(await page.textContent('#seal-status')).toContain('Sceau vérifié');
    await checkPage(page, 'inbox-3-case-fr');

    await Promise.all([page.waitForURL(/lang=de/), page.click('a[hreflang=de]')]);
    expect(page.url()).toContain(`/inbox/cases/${transferId}`);
    const de = (await page.textContent('main'))!;
    for (const text of ['Dossier von Zahra Ahmadi', 'F – vorläufig aufgenommener Flüchtling', 'Sprachkurs', 'Was zurückbehalten wurde, und warum', 'AIG Art. 97; kantonales Sozialhilfegesetz', 'Dari (Erstsprache)']) expect(de).toContain(text);
    await checkPage(page, 'inbox-4-case-de');

    await Promise.all([page.waitForURL(/lang=it/), page.click('a[hreflang=it]')]);
    const it = (await page.textContent('main'))!;
    for (const text of ['Incarto di Zahra Ahmadi', 'F – rifugiato/a ammesso/a provvisoriamente', 'corso di lingua', 'Che cosa è stato trattenuto, e perché', 'LStrI art. 97; legge cantonale sull’aiuto sociale', 'Afghanistan']) expect(it).toContain(text);
    await checkPage(page, 'inbox-5-case-it');

    await page.goto(`${base}/inbox/cases/${transferId}/print?lang=it`);
    expect(await page.locator('#acknowledge').count()).toBe(0);
    await checkPage(page, 'inbox-6-print-it');
  });

  it('downloads the case as a PDF that carries its seal, and the seal beside it', async () => {
    await page.goto(`${base}/inbox/cases/${transferId}?lang=fr`);
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-pdf')]);
    const pdf = readFileSync(await pdfDownload.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const line of ['Dossier de Zahra Ahmadi', 'Köniz', 'Statut de séjour', 'F – réfugié·e admis·e provisoirement', 'Deutsch B1 Abendkurs', 'Ce qui a été retenu, et pourquoi', 'Sceau vérifié']) expect(text).toContain(line);

    const [sealDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-seal')]);
    const jws = readFileSync(await sealDownload.path(), 'utf8');
    const { payload } = await jwtVerify(jws, createLocalJWKSet(t.gateway.services.keys.jwks()), { audience: 'be-koeniz', clockTolerance: Number.MAX_SAFE_INTEGER });
    expect(payload.jti).toBe(transferId);
    // The PDF is accompanied by the same seal: attached, and its hash on every page.
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/EmbeddedFiles');
    expect(raw).toContain('(seal.jws)');
    const hash = (await page.textContent('#seal code'))!.trim();
    expect(text.replace(/\s+/g, '')).toContain(hash);
  });

  it('acknowledges the case; reading and acknowledging are audited', async () => {
    await page.goto(`${base}/inbox/cases/${transferId}?lang=fr`);
    await Promise.all([page.waitForURL(/acknowledged/), page.click('#acknowledge')]);
    expect(await page.textContent('#acknowledged')).toContain('Réception accusée le');
    expect(await page.locator('#acknowledge').count()).toBe(0);
    await checkPage(page, 'inbox-7-acknowledged-fr');
    await page.goto(`${base}/inbox/?lang=fr`);
    expect(await page.textContent('#cases tbody tr')).toContain('réception accusée le');
    const kinds = await t.gateway.services.store.sql.query<{ kind: string; n: string }>(
      `select kind, count(*)::text as n from audit_all where transfer_id = $1 and kind like 'inbox.%' group by kind order by kind`,
      [transferId],
    );
    expect(Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]))).toMatchObject({ 'inbox.acknowledged': 1, 'inbox.read': expect.any(Number) });
    expect(Number(kinds.find((k) => k.kind === 'inbox.read')!.n)).toBeGreaterThanOrEqual(5);
  });

  it('refuses a token without the receiver role with a readable page, and keeps other communes out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await context.newPage();
    await other.goto(`${base}/inbox/login?lang=de`);
    await other.fill('#token', await t.token('be-koeniz', ['ops']));
    const [answer] = await Promise.all([other.waitForResponse((r) => r.url().endsWith('/inbox/login')), other.click('#sign-in')]);
    expect(answer.status()).toBe(403);
    expect(answer.headers()['content-type']).toContain('text/html');
    expect(await other.textContent('#refusal')).toContain('«receiver»');
    await checkPage(other, 'inbox-8-refused-de');

    await other.goto(`${base}/inbox/login?lang=de`);
    await other.fill('#token', 'not-a-token');
    await other.click('#sign-in');
    expect(await other.textContent('#login-error')).toBe('Das ist kein gültiges Token.');
    await checkPage(other, 'inbox-9-bad-token-de');

    await other.fill('#token', await t.token('be-bern', ['receiver']));
    await Promise.all([other.waitForURL(`${base}/inbox/`), other.click('#sign-in')]);
    expect(await other.locator('#empty').count()).toBe(1);
    const foreign = await other.goto(`${base}/inbox/cases/${transferId}?lang=de`);
    expect(foreign!.status()).toBe(404);
    expect(await other.textContent('#problem')).toContain('kein Dossier');
    await checkPage(other, 'inbox-10-not-found-de');
    await context.close();
  });
});
