import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { eventually, REPO, startTestGateway, TEST_POLICIES, type TestGateway } from '../support/gateway.js';
import { startSftpServer, type LocalSftpServer } from '../support/sftp-server.js';

/**
 * Glarus' CM-T on an SFTP server of its own (a real SSH server on loopback): two nightly
 * exports read from `out/`, the person whose phase changed between them raises one
 * `case.phase-changed`, and the case reaches the commune's inbox.
 */

const COMMUNES = ['gl-gemeinde-glarus', 'gl-gemeinde-glarus-nord', 'gl-gemeinde-glarus-sued'];
const OTHERS = ['gl-sozialdienst', 'gl-rav', 'gl-iv-stelle', 'ch-sem-baz-ost'];

describe('CM-T over SFTP: nightly exports in, a phase change out to the commune', () => {
  let t: TestGateway;
  let root: string;
  let server: LocalSftpServer;
  const rich = readFileSync(path.join(REPO, 'adapters/cm-t/fixtures/rich.csv'));

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'passerelle-cmt-'));
    const sftpRoot = path.join(root, 'sftp');
    mkdirSync(path.join(sftpRoot, 'out'), { recursive: true });
    mkdirSync(path.join(sftpRoot, 'in'), { recursive: true });
    server = await startSftpServer(sftpRoot);

    const [canton] = parse(readFileSync(path.join(REPO, 'adapters/cm-t/sample-institutions.yaml'), 'utf8')) as Record<string, unknown>[];
    const transport = { kind: 'sftp', host: '127.0.0.1', port: server.port, username: server.username, password: { env: 'CMT_SFTP_PASSWORD' }, hostKey: server.hostKey, root: '/' };
    const institutions = [
      { ...canton, settings: { ...(canton!.settings as Record<string, unknown>), transport, folders: { drop: 'out', outbox: 'in', receipts: 'in' }, pollIntervalSeconds: 1 } },
      { id: 'gl-gemeinde-glarus', name: 'Gemeinde Glarus', type: 'commune', canton: 'GL', municipalities: [1632], system: 'inbox', settings: {} },
      { id: 'gl-gemeinde-glarus-nord', name: 'Gemeinde Glarus Nord', type: 'commune', canton: 'GL', municipalities: [1630], system: 'inbox', settings: {} },
      { id: 'gl-gemeinde-glarus-sued', name: 'Gemeinde Glarus Süd', type: 'commune', canton: 'GL', municipalities: [1631], system: 'inbox', settings: {} },
      ...OTHERS.map((id) => ({ id, name: id, type: id.includes('rav') ? 'orp' : id.includes('iv') ? 'ai-office' : id.includes('sem') ? 'migration-office' : 'social-service', canton: 'GL', municipalities: [], system: 'inbox', settings: {} })),
    ];
    const policies = path.join(root, 'policies');
    mkdirSync(policies);
    writeFileSync(path.join(policies, 'institutions.yaml'), stringify(institutions));
    for (const file of ['routes.yaml', 'disclosure.yaml']) writeFileSync(path.join(policies, file), readFileSync(path.join(TEST_POLICIES, file)));
    t = await startTestGateway({ name: 'cm-t-sftp', policiesDir: policies, env: { CMT_SFTP_PASSWORD: server.password } });
    await t.gateway.startWorkers();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const eventsOf = async (): Promise<{ type: string; local_person_id: string }[]> =>
    t.gateway.services.store.sql.query("select type, local_person_id from events where source_institution_id = 'gl-integrationsstelle' order by type, local_person_id");
  const processed = (name: string): boolean => existsSync(path.join(root, 'sftp/out/processed', name));

  it('reads the first export once it is whole, keeping where each person stands', async () => {
    // Still being written: no line break at its end yet.
    writeFileSync(path.join(root, 'sftp/out/CMT_Export_20260301.csv'), rich.subarray(0, rich.length - 2));
    await new Promise((r) => setTimeout(r, 2500));
    expect(processed('CMT_Export_20260301.csv')).toBe(false);
    writeFileSync(path.join(root, 'sftp/out/CMT_Export_20260301.csv'), rich);
    await eventually(async () => processed('CMT_Export_20260301.csv'), 60_000, 'the first export to be read');
    expect((await eventsOf()).every((e) => e.type === 'case.updated')).toBe(true);
  }, 120_000);

  it('the next night’s export with one person’s phase changed raises exactly one case.phase-changed, and the commune receives the case', async () => {
    const before = await eventsOf();
    const text = rich.toString('latin1');
    // The rich sample's person of Glarus Nord moves from the cantonal to the communal phase.
    const changed = text.replace(/;Kanton;IS VA\/Fl\xfc;/, ';Gemeinde;IS VA/Fl\xfc;');
    expect(changed).not.toBe(text);
    writeFileSync(path.join(root, 'sftp/out/CMT_Export_20260302.csv'), Buffer.from(changed, 'latin1'));
    await eventually(async () => processed('CMT_Export_20260302.csv'), 60_000, 'the second export to be read');
    const after = await eventsOf();
    // What the second night added: the events now there that were not before.
    const seen = before.map((e) => `${e.type} ${e.local_person_id}`);
    const fresh = after.map((e) => `${e.type} ${e.local_person_id}`).filter((key) => {
      const i = seen.indexOf(key);
      if (i === -1) return true;
      seen.splice(i, 1);
      return false;
    });
    expect(fresh).toEqual(['case.phase-changed 1093']);

    const transfer = await eventually(async () => {
      const items = await t.gateway.services.store.listTransfers({ limit: 10 });
      const found = items.find((x) => COMMUNES.includes(x.targetInstitutionId));
      return found?.state === 'delivered' ? found : undefined;
    }, 60_000, 'the case to reach the commune');
    expect(transfer.targetInstitutionId).toBe('gl-gemeinde-glarus-nord');
    const inbox = await t.request('GET', '/v1/inbox', { token: await t.token('gl-gemeinde-glarus-nord', ['receiver']) });
    expect(inbox.status).toBe(200);
    const page = (await inbox.json()) as { items: { transferId: string }[] };
    expect(page.items.map((i) => i.transferId)).toContain(transfer.id);
    expect(server.connections()).toBeGreaterThan(0);
  }, 120_000);
});
