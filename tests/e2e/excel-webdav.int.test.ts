import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readXlsx } from '../../src/adapters/sdk.js';
import { RICH_CASE, RICH_CASE_ID, richEvent } from '../support/events.js';
import { REPO, settled, startTestGateway, type TestGateway } from '../support/gateway.js';
import { startWebDavServer, type LocalWebDavServer } from '../support/webdav-server.js';

/**
 * Schaffhausen's Excel tool as a target: the canton of Bern's case handed to the
 * Flüchtlingskoordination arrives as a new workbook in its SharePoint library (a real
 * WebDAV server on loopback), written with `If-None-Match: *`; the `201` closes the transfer.
 */
describe('Excel tool over WebDAV: a workbook delivered, the 201 closes the transfer', () => {
  let t: TestGateway;
  let root: string;
  let server: LocalWebDavServer;
  const inbox = (): string => path.join(root, 'library', 'Fallführung', 'Eingang');

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'passerelle-excel-'));
    mkdirSync(inbox(), { recursive: true });
    server = await startWebDavServer(path.join(root, 'library'));
    const policies = path.join(root, 'policies');
    mkdirSync(policies);
    for (const file of ['routes.yaml', 'disclosure.yaml', 'categories.yaml']) writeFileSync(path.join(policies, file), readFileSync(path.join(REPO, 'policies', file)));
    const demo = parse(readFileSync(path.join(REPO, 'policies/institutions.yaml'), 'utf8')) as Record<string, unknown>[];
    const [excel] = parse(readFileSync(path.join(REPO, 'adapters/excel-sh/sample-institutions.yaml'), 'utf8')) as Record<string, unknown>[];
    const transport = { kind: 'webdav', url: server.url, username: server.username, password: { env: 'AIS_WEBDAV_PASSWORD' } };
    const targetSettings = { ...(excel!.settings as Record<string, unknown>), transport, folders: { outbox: 'Fallführung/Eingang' }, pollIntervalSeconds: 3600 };
    writeFileSync(path.join(policies, 'institutions.yaml'), stringify([...demo, { ...excel, settings: targetSettings }]));
    t = await startTestGateway({ name: 'excel-webdav', policiesDir: policies, env: { AIS_WEBDAV_PASSWORD: server.password } });
    await t.gateway.startWorkers();
    await t.gateway.services.store.rememberCaseRef('nfam', 'be-asi', RICH_CASE.localCaseId, RICH_CASE_ID);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes one workbook with the case into the library, and the transfer is delivered on the 201', async () => {
    const source = await t.token('be-asi', ['source-system']);
    const event = richEvent({ type: 'case.institution-changed', change: { from: 'be-ku-bern-nord', to: 'sh-sozialamt', effectiveDate: '2025-03-01' }, targetInstitutionId: 'sh-sozialamt' });
    const answer = await t.request('POST', '/v1/events', { token: source, body: event });
    expect(answer.status).toBe(202);
    const transferId = ((await answer.json()) as { transfers: { id: string }[] }).transfers[0]!.id;
    const transfer = await settled(t, transferId, 60_000);
    expect(transfer.state).toBe('delivered');

    const files = readdirSync(inbox()).filter((f) => f.endsWith('.xlsx'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^Passerelle_.+\.xlsx$/);
    expect(transfer.receipt?.reference).toBe(files[0]);
    expect(String(transfer.receipt?.details?.etag ?? '')).not.toBe('');
    // A workbook of the tool's layout (its sheets and drop-down lists) with the person on the Personen sheet.
    const sent = (JSON.parse(readFileSync(path.join(REPO, 'adapters/nfam/fixtures/rich.expected.json'), 'utf8')) as { person: { officialName: string; firstName: string } }[])[0]!;
    const book = readXlsx(new Uint8Array(readFileSync(path.join(inbox(), files[0]!))), files[0]!);
    const personen = book.sheets.find((sheet) => sheet.name === 'Personen');
    expect(personen).toBeDefined();
    const texts = [...personen!.rows.values()].flatMap((row) => [...row.values()].map((cell) => String(cell.value ?? '')));
    expect(texts).toContain(sent.person.officialName);
    expect(texts).toContain(sent.person.firstName);
    expect(book.names.length).toBeGreaterThan(0);
    const puts = server.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.ifNoneMatch).toBe('*');
    expect(existsSync(path.join(inbox(), files[0]!))).toBe(true);
  }, 120_000);
});
