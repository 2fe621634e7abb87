import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { eventually, REPO, startTestGateway, TEST_POLICIES, type TestGateway } from '../support/gateway.js';
import { adapter as tutoris } from '../../adapters/tutoris/index.js';
import { SAMPLE_CONTEXT } from '../../adapters/tutoris/testing.js';
import type { CaseRecord } from '../../src/contract/types.js';
import { MappingError } from '../../src/errors.js';
import { readSampleInputs } from '../../src/adapters/samples.js';
import { deliveryRequest } from '../../src/adapters/testing/deliveries.js';

/**
 * The canton of Schaffhausen's Tutoris as a folder of files, end to end with real Redis and
 * PostgreSQL: its delta exports dropped into the canton's export folder (marker last), the
 * commune's imports written into its import folder, and Tutoris' quittung files back.
 */

const ORGANISATIONS = {
  'KSA-FKS': 'sh-sozialamt',
  'BAZ-KRE': 'sem-baz-kreuzlingen',
  'GEM-SH': 'sh-stadt-schaffhausen',
  'GEM-NEU': 'sh-gemeinde-neuhausen',
  IFS: 'sh-integrationsfachstelle',
  'RAV-SH': 'sh-rav',
  'IV-SH': 'sh-iv-stelle',
};

/** A delta export as Datenexport AIS writes it: one Klient per person, its Mutationen first. */
function deltaExport(created: string, klienten: { personNr: string; dossierNr: string; mutations: string[]; phase: string; stelle: string }[]): string {
  const body = klienten
    .map(
      (k) => `  <Klient PersonNr="${k.personNr}">
    <Mutationen>
${k.mutations.map((m) => `      ${m}`).join('\n')}
    </Mutationen>
    <Personalien>
      <Name>Y&#305;ld&#305;z</Name>
      <Vorname>Test${k.personNr}</Vorname>
      <Geschlecht>W</Geschlecht>
      <Geburtsdatum>00.00.1987</Geburtsdatum>
      <Wohngemeinde BFS="2937">Neuhausen am Rheinfall</Wohngemeinde>
    </Personalien>
    <Aufenthalt>
      <Status Code="VA" Von="15.03.2023" Bis="31.12.9999"/>
    </Aufenthalt>
    <Dossier DossierNr="${k.dossierNr}">
      <Fallfuehrung Phase="${k.phase}" Stelle="${k.stelle}" Seit="14.03.2026"/>
    </Dossier>
  </Klient>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="ISO-8859-1"?>
<TutorisExport Version="7.4" Mandant="SH-KSA" Art="Delta" Erstellt="${created}" DeltaAb="14.03.2026 06:00:00">
${body}
</TutorisExport>
`;
}

describe('Tutoris over folders: exports in, imports out, quittungen back', () => {
  let t: TestGateway;
  let root: string;
  let canton: { drop: string; outbox: string; receipts: string };
  let commune: { outbox: string; receipts: string };

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'passerelle-tutoris-'));
    canton = { drop: path.join(root, 'ksa/export'), outbox: path.join(root, 'ksa/import'), receipts: path.join(root, 'ksa/import/quittung') };
    commune = { outbox: path.join(root, 'neu/import'), receipts: path.join(root, 'neu/import/quittung') };
    for (const dir of [...Object.values(canton), ...Object.values(commune)]) mkdirSync(dir, { recursive: true });

    // The registry of Tutoris' sample configuration, with the canton and one commune on their folders.
    const institutions = (parse(readFileSync(path.join(REPO, 'adapters/tutoris/sample-institutions.yaml'), 'utf8')) as Record<string, unknown>[]).map((entry) => {
      const transport = { kind: 'local', root };
      const folders = (dirs: Record<string, string>) => Object.fromEntries(Object.entries(dirs).map(([k, v]) => [k, path.relative(root, v)]));
      if (entry.id === 'sh-sozialamt') return { ...entry, settings: { mandant: 'SH-KSA', organisations: ORGANISATIONS, transport, folders: folders(canton), pollIntervalSeconds: 1 } };
      if (entry.id === 'sh-gemeinde-neuhausen') {
        return { ...entry, system: 'tutoris', settings: { mandant: 'NEU-SOZ', organisations: ORGANISATIONS, transport, folders: folders(commune), pollIntervalSeconds: 1 } };
      }
      return entry;
    });
    const policies = path.join(root, 'policies');
    mkdirSync(policies);
    writeFileSync(path.join(policies, 'institutions.yaml'), stringify(institutions));
    for (const file of ['routes.yaml', 'disclosure.yaml']) writeFileSync(path.join(policies, file), readFileSync(path.join(TEST_POLICIES, file)));
    t = await startTestGateway({ name: 'tutoris-files', policiesDir: policies });
    await t.gateway.startWorkers();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const eventsOf = async (): Promise<string[]> =>
    (await t.gateway.services.store.sql.query<{ type: string }>("select type from events where source_institution_id = 'sh-sozialamt' order by type")).map((r) => r.type);
  const transfersOf = () => t.gateway.services.store.listTransfers({ limit: 50 });

  /** Writes an export, then its marker: the order Datenexport AIS keeps. */
  function drop(name: string, xml: string): void {
    writeFileSync(path.join(canton.drop, name), Buffer.from(xml, 'latin1'));
    writeFileSync(path.join(canton.drop, `${name}.ok`), '');
  }

  it('reads a delta export once its marker is there: one event per Mutation, then moves it aside', async () => {
    const name = 'TUT_AIS_SH-KSA_20260314_061500.xml';
    const xml = deltaExport('14.03.2026 06:15:00', [
      { personNr: '104870', dossierNr: 'VA-2022-0107', phase: 'GEM', stelle: 'GEM-NEU', mutations: ['<Mutation Id="886400" Art="PHASE" Zeitpunkt="13.03.2026 15:20" Stichtag="14.03.2026" Alt="KANT" Neu="GEM"/>', '<Mutation Id="886401" Art="DATEN" Zeitpunkt="13.03.2026 15:25"/>'] },
      { personNr: '104871', dossierNr: 'VA-2022-0108', phase: 'GEM', stelle: 'GEM-NEU', mutations: ['<Mutation Id="886402" Art="PHASE" Zeitpunkt="13.03.2026 15:30" Stichtag="14.03.2026" Alt="KANT" Neu="GEM"/>'] },
    ]);
    // Without its marker the export is still being written: nothing is read.
    writeFileSync(path.join(canton.drop, name), Buffer.from(xml, 'latin1'));
    await new Promise((r) => setTimeout(r, 2500));
    expect(await eventsOf()).toEqual([]);
    writeFileSync(path.join(canton.drop, `${name}.ok`), '');

    const events = await eventually(async () => {
      const found = await eventsOf();
      return found.length >= 3 ? found : undefined;
    }, 60_000, 'the export to be read');
    expect(events).toEqual(['case.phase-changed', 'case.phase-changed', 'case.updated']);
    await eventually(async () => existsSync(path.join(canton.drop, 'processed', name)) && existsSync(path.join(canton.drop, 'processed', `${name}.ok`)), 30_000, 'the export to be moved aside');
    expect(readdirSync(canton.drop).filter((f) => f.startsWith('TUT_AIS_'))).toEqual([]);
  }, 120_000);

  it('delivers each phase change as an import file into the commune’s folder, and waits for its quittung', async () => {
    const waiting = await eventually(async () => {
      const items = (await transfersOf()).filter((x) => x.targetInstitutionId === 'sh-gemeinde-neuhausen');
      return items.length === 2 && items.every((x) => x.state === 'awaiting-receipt') ? items : undefined;
    }, 60_000, 'both transfers to await their quittung');
    for (const transfer of waiting) {
      const file = path.join(commune.outbox, `TUT_IMP_${transfer.id}.xml`);
      expect(existsSync(file)).toBe(true);
      const content = readFileSync(file, 'latin1');
      expect(content).toMatch(/^<\?xml version="1.0" encoding="ISO-8859-1"\?>/);
      expect(content).toContain(`Transfer="${transfer.id}"`);
      expect(content).toContain('Mandant="NEU-SOZ"');
      expect(content).not.toContain('<Mutationen');
    }
    // Written atomically: no temporary file is left behind.
    expect(readdirSync(commune.outbox).filter((f) => !f.startsWith('TUT_IMP_') && f !== 'quittung')).toEqual([]);
  }, 120_000);

  it('an OK quittung closes its transfer; a FEHLER quittung fails the other, naming the field', async () => {
    const [ok, refused] = (await transfersOf()).filter((x) => x.targetInstitutionId === 'sh-gemeinde-neuhausen').sort((a, b) => a.localPersonId.localeCompare(b.localPersonId));
    writeFileSync(
      path.join(commune.receipts, `TUT_IMP_${ok!.id}.quittung.xml`),
      `<?xml version="1.0" encoding="UTF-8"?>\n<TutorisQuittung Datei="TUT_IMP_${ok!.id}.xml" Verarbeitet="14.03.2026 06:20:11" Status="OK">\n  <Klient FremdId="x" PersonNr="105999" DossierNr="FL-2026-0012" Aktion="NEU"/>\n</TutorisQuittung>\n`,
    );
    writeFileSync(
      path.join(commune.receipts, `TUT_IMP_${refused!.id}.quittung.xml`),
      `<?xml version="1.0" encoding="UTF-8"?>\n<TutorisQuittung Datei="TUT_IMP_${refused!.id}.xml" Verarbeitet="14.03.2026 06:20:12" Status="FEHLER">\n  <Fehler Feld="Personalien/Geburtsdatum">Geburtsdatum unvollständig</Fehler>\n</TutorisQuittung>\n`,
    );
    const closed = await eventually(async () => {
      const x = await t.gateway.services.store.getTransfer(ok!.id);
      return x?.state === 'delivered' ? x : undefined;
    }, 60_000, 'the OK quittung to close its transfer');
    expect(closed.receipt?.reference).toBe('FL-2026-0012');
    const failed = await eventually(async () => {
      const x = await t.gateway.services.store.getTransfer(refused!.id);
      return x?.state === 'failed' ? x : undefined;
    }, 60_000, 'the FEHLER quittung to fail its transfer');
    expect(failed.error?.code).toBe('receipt.rejected');
    expect(failed.error?.message).toContain('Personalien/Geburtsdatum');
    expect(failed.error?.message).not.toContain('unvollständig');
    await eventually(async () => existsSync(path.join(commune.receipts, 'processed', `TUT_IMP_${ok!.id}.quittung.xml`)), 30_000, 'the quittung to be moved aside');
  }, 120_000);

  it('the same export dropped again creates nothing', async () => {
    const before = { events: await eventsOf(), transfers: (await transfersOf()).length };
    const name = 'TUT_AIS_SH-KSA_20260314_061500.xml';
    drop(name, readFileSync(path.join(canton.drop, 'processed', name), 'latin1'));
    // Once the round has seen it, the copy is moved aside like the first one.
    await eventually(async () => !existsSync(path.join(canton.drop, name)), 60_000, 'the copy to be moved aside');
    expect(await eventsOf()).toEqual(before.events);
    expect((await transfersOf()).length).toBe(before.transfers);
  }, 120_000);

  it('a record without a part the policy withheld that an import file cannot do without fails for good, naming the part and the element, and writes nothing', async () => {
    const inputs = readSampleInputs(path.join(REPO, 'adapters/tutoris/fixtures'), 'TUT_AIS_SH-KSA_20260302_061500');
    const [record] = tutoris.mapper.toContract(inputs, { ...SAMPLE_CONTEXT, now: () => new Date('2026-03-02T09:00:00Z') }).records;
    const { responsibility: _withheld, ...rest } = record!;
    const request = deliveryRequest(rest as CaseRecord, { transferId: '6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c', sender: 'sh-sozialamt', target: 'sh-gemeinde-neuhausen' });
    request.decision.withheld = [{ category: 'responsibility', reason: 'no-legal-basis' }];
    const before = readdirSync(commune.outbox);
    const error = await t.gateway.services.connections.endpoint('sh-gemeinde-neuhausen').connection.deliver(request).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'mapping.required', retryable: false, details: { field: 'responsibility', nativeField: 'Dossier/Fallfuehrung' } });
    expect((error as Error).message).toContain('is required by Tutoris, and the record has none: withheld or unknown');
    expect(readdirSync(commune.outbox)).toEqual(before);
  }, 60_000);

  it('an XML bomb and an external entity are put aside with a report naming the file; the drop’s other export is read', async () => {
    const bomb = 'TUT_AIS_SH-KSA_20260315_061500.xml';
    const xxe = 'TUT_AIS_SH-KSA_20260315_062000.xml';
    const good = 'TUT_AIS_SH-KSA_20260315_063000.xml';
    const lol = ['<!ENTITY a "lollollollollollollollollollol">', ...Array.from({ length: 8 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`)].join('\n');
    drop(bomb, `<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE TutorisExport [\n${lol}\n]>\n<TutorisExport Version="7.4" Mandant="SH-KSA" Art="Delta" Erstellt="15.03.2026 06:15:00">&i;</TutorisExport>\n`);
    drop(xxe, `<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE TutorisExport [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<TutorisExport Version="7.4" Mandant="SH-KSA" Art="Delta" Erstellt="15.03.2026 06:20:00">&x;</TutorisExport>\n`);
    drop(
      good,
      deltaExport('15.03.2026 06:30:00', [{ personNr: '104872', dossierNr: 'VA-2022-0109', phase: 'KANT', stelle: 'KSA-FKS', mutations: ['<Mutation Id="886500" Art="DATEN" Zeitpunkt="15.03.2026 06:25"/>'] }]),
    );
    const quarantine = path.join(canton.drop, 'quarantine');
    for (const name of [bomb, xxe]) {
      await eventually(async () => existsSync(path.join(quarantine, `${name}.report.json`)), 60_000, `${name} to be put aside`);
      const report = JSON.parse(readFileSync(path.join(quarantine, `${name}.report.json`), 'utf8')) as { code: string; message: string };
      expect(report.code).toBe('xml.doctype-refused');
      expect(report.message).toContain(name);
      expect(existsSync(path.join(quarantine, name))).toBe(true);
      expect(readFileSync(path.join(quarantine, `${name}.report.json`), 'utf8')).not.toContain('passwd');
    }
    await eventually(async () => existsSync(path.join(canton.drop, 'processed', good)), 60_000, 'the good export to be read');
    expect((await eventsOf()).filter((type) => type === 'case.updated')).toHaveLength(2);
    const quarantined = await t.gateway.services.store.sql.query<{ n: string }>("select count(*)::text as n from audit_entries where kind = 'file.quarantined'");
    expect(Number(quarantined[0]!.n)).toBe(2);
  }, 120_000);
});
