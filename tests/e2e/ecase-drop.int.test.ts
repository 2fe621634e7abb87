import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { eventually, REPO, startTestGateway, TEST_POLICIES, type TestGateway } from '../support/gateway.js';

/**
 * Graubünden's Ecase drops a delivery of CSV tables with a manifest: a delivery whose
 * counts do not match the manifest is not read, and is reported once it has waited past its
 * time; corrected, it is read once.
 */
describe('Ecase over a folder: a delivery is read only when its manifest adds up', () => {
  let t: TestGateway;
  let root: string;
  const exportDir = (): string => path.join(root, 'gr/export');
  const sample = path.join(REPO, 'adapters/ecase/fixtures/02-rich');
  const manifest = 'ECASE_GR01_20240314_170000_Manifest.csv';

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'passerelle-ecase-'));
    mkdirSync(exportDir(), { recursive: true });
    const entries = parse(readFileSync(path.join(REPO, 'adapters/ecase/sample-institutions.yaml'), 'utf8')) as Record<string, unknown>[];
    const institutions = entries.map((entry) =>
      entry.id === 'gr-fachstelle-integration'
        ? { ...entry, settings: { ...(entry.settings as Record<string, unknown>), transport: { kind: 'local', root }, folders: { drop: 'gr/export' }, pollIntervalSeconds: 1 } }
        : entry,
    );
    const policies = path.join(root, 'policies');
    mkdirSync(policies);
    writeFileSync(path.join(policies, 'institutions.yaml'), stringify(institutions));
    for (const file of ['routes.yaml', 'disclosure.yaml']) writeFileSync(path.join(policies, file), readFileSync(path.join(TEST_POLICIES, file)));
    t = await startTestGateway({ name: 'ecase-drop', policiesDir: policies });
    await t.gateway.startWorkers();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const audits = async (kind: string): Promise<Record<string, unknown>[]> =>
    (await t.gateway.services.store.sql.query<{ data: Record<string, unknown> }>('select data from audit_entries where kind = $1', [kind])).map((r) => r.data);
  const events = async (): Promise<number> => Number((await t.gateway.services.store.sql.query<{ n: string }>("select count(*)::text as n from events where source_institution_id = 'gr-fachstelle-integration'"))[0]!.n);

  it('waits while a table has fewer records than the manifest says, and reports it after 30 minutes', async () => {
    cpSync(sample, exportDir(), { recursive: true });
    const wrong = readFileSync(path.join(sample, manifest), 'utf8').replace('Journal.csv;5;', 'Journal.csv;6;');
    writeFileSync(path.join(exportDir(), manifest), wrong);
    await new Promise((r) => setTimeout(r, 2500));
    expect(readdirSync(exportDir()).filter((f) => f.endsWith('.csv'))).toHaveLength(11);
    expect(await events()).toBe(0);
    expect(await audits('file.incomplete')).toEqual([]);

    // The files have waited 31 minutes: the next round reports the delivery, once.
    const then = new Date(Date.now() - 31 * 60_000);
    for (const file of readdirSync(exportDir())) utimesSync(path.join(exportDir(), file), then, then);
    const reported = await eventually(async () => {
      const found = await audits('file.incomplete');
      return found.length > 0 ? found : undefined;
    }, 60_000, 'the incomplete delivery to be reported');
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ delivery: 'ECASE_GR01_20240314_170000' });
    expect(String(reported[0]!.reason)).toContain('Journal');
    await new Promise((r) => setTimeout(r, 2000));
    expect(await audits('file.incomplete')).toHaveLength(1);
    expect(await events()).toBe(0);
  }, 120_000);

  it('reads the delivery once the manifest adds up', async () => {
    writeFileSync(path.join(exportDir(), manifest), readFileSync(path.join(sample, manifest)));
    // The files are moved one by one once read: wait for the last of them.
    const csvs = await eventually(async () => {
      const moved = existsSync(path.join(exportDir(), 'processed', manifest)) ? readdirSync(path.join(exportDir(), 'processed')).filter((f) => f.endsWith('.csv')) : [];
      return moved.length === 11 ? moved : undefined;
    }, 60_000, 'the delivery to be read and moved');
    expect(csvs).toHaveLength(11);
    expect(readdirSync(exportDir()).filter((f) => f.endsWith('.csv'))).toEqual([]);
    expect(await events()).toBeGreaterThan(0);
  }, 120_000);
});
