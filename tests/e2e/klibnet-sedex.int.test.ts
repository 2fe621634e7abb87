import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { messageIdFor } from '../../adapters/sedex/ids.js';
import { messageOf } from '../../adapters/sedex/message.js';
import { messageFiles } from '../../adapters/sedex/write-message.js';
import { validateXml } from '../../adapters/sedex/xsd.js';
import { disclosuresOf } from '../../src/audit/queries.js';
import type { TransferRecord } from '../../src/store/index.js';
import { eventually, REPO, startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * A household moves from a Solothurn commune on KLIBnet to the canton of Lucerne, between two
 * gateways with real Redis and PostgreSQL, each on its own topology
 * (tests/fixtures/klibnet-sedex/solothurn and …/lucerne):
 * - Solothurn reads KLIBnet's nightly exports; the export after the move names Lucerne's DAF
 *   responsible, and each person leaves as a sedex message in the sedex client's outbox; the
 *   client's receipt (100) closes each transfer.
 * - The test plays the sedex network: the messages are copied into Lucerne's inbox, where each
 *   becomes a transfer of Lucerne's own, decided by Lucerne's rules and delivered to the DAF's
 *   Tutoris; Lucerne's positive reports go back into Solothurn's inbox, and are added to the
 *   delivered transfers' receipts.
 * - Solothurn recalls the first message (eCH-0058 action 3): Lucerne cancels its transfer, which
 *   Tutoris had not taken yet; recalled after delivery, the second stays delivered (final).
 */

const FIXTURES = path.join(REPO, 'tests/fixtures/klibnet-sedex');
const PERSONAL = ['Brunnmatt-Testperson', 'Yonatan Fiktiv', 'Miriam Fiktiv', '7569300111227', '7569300111333', 'Fiktive Notiz', 'Fiktive Ressourcen'];

/** A topology of the fixture folder as a policies folder of its own, its folders under `root`. */
function policiesOf(topology: 'solothurn' | 'lucerne', root: string, into: string): string {
  const dir = path.join(into, `policies-${topology}`);
  mkdirSync(dir, { recursive: true });
  const institutions = (parse(readFileSync(path.join(FIXTURES, topology, 'institutions.yaml'), 'utf8')) as { settings: Record<string, unknown> }[]).map((entry) =>
    entry.settings.transport ? { ...entry, settings: { ...entry.settings, transport: { kind: 'local', root } } } : entry,
  );
  writeFileSync(path.join(dir, 'institutions.yaml'), stringify(institutions));
  for (const file of ['routes.yaml', 'disclosure.yaml']) copyFileSync(path.join(FIXTURES, topology, file), path.join(dir, file));
  return dir;
}

/** What the sedex network does with a message: its data file first, then its envelope (the order the client keeps). */
function carry(from: string, id: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of [`data_${id}.xml`, `envl_${id}.xml`]) copyFileSync(path.join(from, name), path.join(to, name));
}

/** The sedex client's eCH-0090 v2 receipt for a message it delivered. */
function receipt100(messageId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<receipt xmlns="http://www.ech.ch/xmlns/eCH-0090/2" version="2.0">
  <eventDate>2026-04-01T08:31:07.120+02:00</eventDate>
  <statusCode>100</statusCode>
  <statusInfo>Message correct transmitted</statusInfo>
  <messageId>${messageId}</messageId>
  <messageType>2945</messageType>
  <messageClass>0</messageClass>
  <senderId>1-2581-2</senderId>
  <recipientId>2-LU-4</recipientId>
</receipt>
`;
}

const steps = async (t: TestGateway, id: string): Promise<string[]> =>
  (await t.gateway.services.store.auditOfTransfer(id)).filter((e) => e.kind === 'transfer.state').map((e) => String((e.data as { step?: string }).step ?? (e.data as { to?: string }).to));

describe('a KLIBnet household moves from Solothurn to Lucerne over sedex, between two gateways', () => {
  let root: string;
  let so: TestGateway;
  let lu: TestGateway;
  const soDir = (p: string) => path.join(root, 'so', p);
  const luDir = (p: string) => path.join(root, 'lu', p);
  /** Solothurn's transfers to Lucerne, by person. */
  let sent: TransferRecord[] = [];
  /** Lucerne's transfers, by the message they came with. */
  const received = new Map<string, TransferRecord>();

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'passerelle-klibnet-sedex-'));
    for (const dir of ['klibnet/export', 'sedex/inbox', 'sedex/outbox', 'sedex/receipts']) mkdirSync(soDir(dir), { recursive: true });
    for (const dir of ['sedex/inbox', 'sedex/outbox', 'tutoris/import/quittung']) mkdirSync(luDir(dir), { recursive: true });
    so = await startTestGateway({ name: 'klibnet-sedex-solothurn', policiesDir: policiesOf('solothurn', path.join(root, 'so'), root) });
    lu = await startTestGateway({ name: 'klibnet-sedex-lucerne', policiesDir: policiesOf('lucerne', path.join(root, 'lu'), root) });
    await so.gateway.startWorkers();
    await lu.gateway.startWorkers();
  }, 120_000);

  afterAll(async () => {
    await so?.close();
    await lu?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const eventsAt = async (t: TestGateway, institutionId: string): Promise<string[]> =>
    (await t.gateway.services.store.sql.query<{ type: string }>('select type from events where source_institution_id = $1 order by type', [institutionId])).map((r) => r.type);
  const transfersTo = async (t: TestGateway, target: string): Promise<TransferRecord[]> =>
    (await t.gateway.services.store.listTransfers({ limit: 50, target })).sort((a, b) => a.localPersonId.localeCompare(b.localPersonId));

  it("reads the commune's KLIBnet export at Solothurn: one snapshot and event per person, no transfer yet", async () => {
    const name = 'KLIB_FLUE_SROL_20260331.xml';
    copyFileSync(path.join(FIXTURES, name), soDir(`klibnet/export/${name}`));
    await eventually(async () => existsSync(soDir(`klibnet/export/processed/${name}`)), 60_000, 'the first export to be read');
    expect(await eventsAt(so, 'so-stadt-olten')).toEqual(['case.updated', 'case.updated']);
    for (const person of ['FLUE-41207', 'FLUE-41208']) expect(await so.gateway.services.store.sources.snapshot('so-stadt-olten', person)).toMatchObject({ localCaseId: 'FLUE-2024.0207', version: '2026-03-31' });
    expect(await so.gateway.services.store.listTransfers({ limit: 50 })).toEqual([]);
  }, 120_000);

  it('the change of residence to Lucerne leaves as one sedex message per person (data file and envelope) in the outbox', async () => {
    const name = 'KLIB_FLUE_SROL_20260401.xml';
    copyFileSync(path.join(FIXTURES, name), soDir(`klibnet/export/${name}`));
    sent = await eventually(async () => {
      const items = await transfersTo(so, 'lu-daf');
      return items.length === 2 && items.every((x) => x.state === 'awaiting-receipt') ? items : undefined;
    }, 60_000, 'both persons to be written to the sedex outbox');
    expect(sent.map((x) => [x.localPersonId, x.sourceInstitutionId, x.purpose])).toEqual([
      ['FLUE-41207', 'so-stadt-olten', 'case-transfer'],
      ['FLUE-41208', 'so-stadt-olten', 'case-transfer'],
    ]);
    // The KLIBnet diff: the DAF took over (routed) and the phase changed (no route), per person.
    expect((await eventsAt(so, 'so-stadt-olten')).filter((type) => type !== 'case.updated')).toEqual(['case.institution-changed', 'case.institution-changed', 'case.phase-changed', 'case.phase-changed']);

    const outbox = readdirSync(soDir('sedex/outbox')).sort();
    expect(outbox).toEqual(sent.flatMap((x) => [`data_${messageIdFor(x.id)}.xml`, `envl_${messageIdFor(x.id)}.xml`]).sort());
    for (const transfer of sent) {
      const id = messageIdFor(transfer.id);
      const data = readFileSync(soDir(`sedex/outbox/data_${id}.xml`));
      const envelope = readFileSync(soDir(`sedex/outbox/envl_${id}.xml`));
      expect(await validateXml(new Uint8Array(data), 'case-transfer')).toEqual({ valid: true });
      expect(await validateXml(new Uint8Array(envelope), 'envelope-v1')).toEqual({ valid: true });
      const message = messageOf([{ name: `envl_${id}.xml`, content: envelope }, { name: `data_${id}.xml`, content: data }]);
      expect(message.envelope).toMatchObject({ messageId: id, messageClass: 0, senderId: '1-2581-2', recipientIds: ['2-LU-4'] });
      expect(message.header).toMatchObject({ action: 'new', businessProcessId: transfer.id, responseExpected: true, testDelivery: false });
      // The event the transfer answers travels with it: Lucerne routes on it.
      expect(message.header.subMessageType).toBe('case.institution-changed');
      expect(message.trigger).toMatchObject({ type: 'case.institution-changed', eventId: transfer.eventId });
      // Solothurn's decision: the journal and social assistance need a consent the record does not hold.
      expect(transfer.decision?.withheld).toEqual(expect.arrayContaining([{ category: 'journal', reason: 'consent-missing' }, { category: 'social-assistance', reason: 'consent-missing' }]));
      expect(transfer.decision?.disclosed.every((d) => d.rule === 'canton-takes-over-after-move')).toBe(true);
      expect(data.toString('utf8')).not.toContain('Fiktive Notiz');
    }
    // The head of the household has an assessment, which Solothurn's rule lets go.
    expect(sent[0]!.decision?.disclosed.map((d) => d.category)).toContain('assessment-notes');
  }, 120_000);

  it("the sedex client's receipt 100 closes each transfer as delivered", async () => {
    for (const transfer of sent) writeFileSync(soDir(`sedex/receipts/receipt_${messageIdFor(transfer.id)}.xml`), receipt100(messageIdFor(transfer.id)));
    for (const transfer of sent) {
      const closed = await eventually(async () => {
        const x = await so.gateway.services.store.getTransfer(transfer.id);
        return x?.state === 'delivered' ? x : undefined;
      }, 60_000, 'the receipt to close the transfer');
      expect(closed.receipt).toMatchObject({ status: '100', details: { meaning: 'delivered', messageId: messageIdFor(transfer.id), recipientId: '2-LU-4' } });
    }
  }, 120_000);

  it("fed into Lucerne's inbox, each message becomes a transfer there, decided by Lucerne's rules and delivered to the DAF's Tutoris", async () => {
    for (const transfer of sent) carry(soDir('sedex/outbox'), messageIdFor(transfer.id), luDir('sedex/inbox'));
    const waiting = await eventually(async () => {
      const items = await transfersTo(lu, 'lu-daf');
      return items.length === 2 && items.every((x) => x.state === 'awaiting-receipt') ? items : undefined;
    }, 60_000, "Lucerne's transfers to be written to Tutoris' import folder");
    expect(waiting.map((x) => [x.sourceSystem, x.sourceInstitutionId, x.localPersonId, x.ruleId])).toEqual([
      ['sedex', 'so-stadt-olten', 'CT.SO:FLUE-41207', 'sedex-case-to-daf'],
      ['sedex', 'so-stadt-olten', 'CT.SO:FLUE-41208', 'sedex-case-to-daf'],
    ]);
    for (const [i, transfer] of waiting.entries()) {
      received.set(messageIdFor(sent[i]!.id), transfer);
      // Lucerne decides on its own rules, over what Solothurn let go (no journal, no social assistance).
      expect(transfer.decision?.policyVersion).not.toBe(sent[i]!.decision?.policyVersion);
      expect(transfer.decision?.disclosed.every((d) => d.rule === 'daf-takes-over')).toBe(true);
      expect(transfer.decision?.disclosed.map((d) => d.category)).not.toContain('social-assistance');
      const file = luDir(`tutoris/import/TUT_IMP_${transfer.id}.xml`);
      expect(readFileSync(file, 'latin1')).toContain('Mandant="LU-DAF"');
      // Tutoris takes the second import; the first waits for its quittung (and is recalled below).
      if (i === 0) continue;
      writeFileSync(
        luDir(`tutoris/import/quittung/TUT_IMP_${transfer.id}.quittung.xml`),
        `<?xml version="1.0" encoding="UTF-8"?>\n<TutorisQuittung Datei="TUT_IMP_${transfer.id}.xml" Verarbeitet="01.04.2026 09:12:0${i}" Status="OK">\n  <Klient FremdId="x" PersonNr="20770${i}" DossierNr="FL-LU-2026-01${i}" Aktion="NEU"/>\n</TutorisQuittung>\n`,
      );
    }
    // The head's assessment notes: Solothurn disclosed them, Lucerne has no legal basis for them.
    expect(waiting[0]!.decision?.withheld).toContainEqual({ category: 'assessment-notes', reason: 'no-legal-basis' });
    expect(readFileSync(luDir(`tutoris/import/TUT_IMP_${waiting[0]!.id}.xml`), 'latin1')).not.toContain('Fiktive Ressourcen');
    for (const transfer of waiting.slice(1)) {
      const delivered = await eventually(async () => {
        const x = await lu.gateway.services.store.getTransfer(transfer.id);
        return x?.state === 'delivered' ? x : undefined;
      }, 60_000, "Tutoris' quittung to close Lucerne's transfer");
      expect(delivered.receipt?.reference).toMatch(/^FL-LU-2026-01\d$/);
    }
    // The messages are archived; Lucerne answered each with a positive report (data file, then envelope).
    expect(readdirSync(luDir('sedex/inbox')).filter((f) => f.endsWith('.xml'))).toEqual([]);
    expect(readdirSync(luDir('sedex/processed')).length).toBe(4);
    expect(readdirSync(luDir('sedex/outbox')).length).toBe(4);
  }, 120_000);

  it("Lucerne's positive reports, fed back into Solothurn's inbox, are added to each delivered transfer's receipt", async () => {
    const reports = readdirSync(luDir('sedex/outbox')).filter((f) => f.startsWith('envl_')).map((f) => f.slice('envl_'.length, -'.xml'.length));
    for (const id of reports) {
      const message = messageOf([
        { name: `envl_${id}.xml`, content: readFileSync(luDir(`sedex/outbox/envl_${id}.xml`)) },
        { name: `data_${id}.xml`, content: readFileSync(luDir(`sedex/outbox/data_${id}.xml`)) },
      ]);
      expect(message.envelope).toMatchObject({ messageClass: 1, senderId: '2-LU-4', recipientIds: ['1-2581-2'] });
      expect(message.header.action).toBe('positive-report');
      const answered = received.get(message.header.referenceMessageId!);
      expect(answered).toBeDefined();
      expect(message.results).toEqual([{ localPersonId: answered!.localPersonId, result: 'accepted', receiverCaseId: answered!.id }]);
      expect(await validateXml(new Uint8Array(readFileSync(luDir(`sedex/outbox/data_${id}.xml`))), 'case-transfer')).toEqual({ valid: true });
      carry(luDir('sedex/outbox'), id, soDir('sedex/inbox'));
    }
    for (const transfer of sent) {
      const answered = received.get(messageIdFor(transfer.id))!;
      const closed = await eventually(async () => {
        const x = await so.gateway.services.store.getTransfer(transfer.id);
        return x?.receipt?.details?.action === 'positive-report' ? x : undefined;
      }, 60_000, 'the positive report to reach its transfer');
      expect(closed.state).toBe('delivered');
      expect(closed.receipt).toMatchObject({ status: 'accepted', reference: answered.id, details: { meaning: 'delivered', recipientId: '2-LU-4', localPersonId: answered.localPersonId } });
      expect(await steps(so, transfer.id)).toEqual(['accepted', 'attempt', 'decided', 'written', 'receipt-accepted', 'receipt-added']);
      // One disclosure for the data protection officer: the report adds to the receipt, it delivers nothing.
      expect((await disclosuresOf(so.gateway.services.store.sql, { transferId: transfer.id })).length).toBe(1);
    }
    // Answers import nothing: no snapshot, no event of the sedex institution, and the reports are archived.
    await eventually(async () => readdirSync(soDir('sedex/inbox')).filter((f) => f.endsWith('.xml')).length === 0, 30_000, 'the reports to be archived');
    expect(await eventsAt(so, 'lu-daf')).toEqual([]);
    expect(readdirSync(soDir('sedex/processed')).sort()).toEqual(reports.flatMap((id) => [`data_${id}.xml`, `envl_${id}.xml`]).sort());
  }, 120_000);

  it('a recall of the first message (action 3) cancels its transfer in Lucerne, written to Tutoris and not yet taken; a recall of the delivered second leaves it delivered, with the recall in its audit', async () => {
    const [first, second] = sent as [TransferRecord, TransferRecord];
    const recall = async (of: TransferRecord, at: string): Promise<string> => {
      const recalled = messageIdFor(of.id);
      const recallId = randomUUID();
      const files = messageFiles({
        messageId: recallId,
        messageType: 2945,
        messageClass: 0,
        referenceMessageId: recalled,
        senderId: '1-2581-2',
        recipientId: '2-LU-4',
        businessProcessId: of.id,
        at: new Date(at),
        // eCH-0058 action 3 (recall), no body; OutgoingMessage only writes what the gateway sends.
        actionCode: '3' as '1',
        testDelivery: false,
      });
      for (const file of files) expect(await validateXml(file.content, file.name.startsWith('data_') ? 'case-transfer' : 'envelope-v1')).toEqual({ valid: true });
      expect(messageOf(files).header).toMatchObject({ action: 'recall', referenceMessageId: recalled });
      for (const file of files) writeFileSync(luDir(`sedex/inbox/${file.name}`), file.content);
      // The recall is archived and answered by nothing.
      await eventually(async () => existsSync(luDir(`sedex/processed/envl_${recallId}.xml`)), 30_000, 'the recall to be archived');
      return recallId;
    };

    const withdrawn = received.get(messageIdFor(first.id))!;
    const firstRecall = await recall(first, '2026-04-02T07:45:00Z');
    const cancelled = await lu.gateway.services.store.getTransfer(withdrawn.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', error: { code: 'transfer.recalled' } });
    expect((await steps(lu, withdrawn.id)).slice(-2)).toEqual(['written', 'recalled-after-delivery']);

    const kept = received.get(messageIdFor(second.id))!;
    const secondRecall = await recall(second, '2026-04-02T07:50:00Z');
    expect((await lu.gateway.services.store.getTransfer(kept.id))?.state).toBe('delivered');
    expect((await steps(lu, kept.id)).slice(-2)).toEqual(['receipt-accepted', 'recalled-after-delivery']);

    expect(readdirSync(luDir('sedex/outbox')).length).toBe(4);
    const audit = await lu.gateway.services.store.sql.query<{ data: Record<string, unknown> }>("select data from audit_entries where kind = 'file.withdrawn' order by id");
    expect(audit.map((a) => a.data)).toEqual([
      { delivery: messageIdFor(first.id), withdrawnBy: firstRecall, cancelled: 0, afterDelivery: 1, flagged: 0 },
      { delivery: messageIdFor(second.id), withdrawnBy: secondRecall, cancelled: 0, afterDelivery: 1, flagged: 0 },
    ]);
  }, 120_000);

  it('no log line of either gateway names the persons', () => {
    for (const t of [so, lu]) {
      const text = readFileSync(t.logFile, 'utf8');
      expect(text.length).toBeGreaterThan(0);
      for (const value of PERSONAL) expect(text.includes(value), `${path.basename(t.logFile)} holds a personal value`).toBe(false);
    }
  });
});
