import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalFileStore, type CaseRecord, type DropRule, type MapContext, type NativeInput } from '../../src/adapters/sdk.js';
import { checkSettings } from '../../src/adapters/settings/check.js';
import { asForeign, dropPass, expectMatchesOnly, inputsRead, tempFolder, type DropRead } from '../../src/adapters/testing.js';
import { messageIdFor } from './ids.js';
import { isCaseTransfer } from './inbox.js';
import { adapter, answersIn, messageOf } from './index.js';
import { bytes, ctx, edit, FIXTURES, HOUSEHOLD, MINIMAL, RICH, sample, withSettings, type Message } from './test-support.js';
import { validateXml } from './xsd.js';

// The sedex client's folders as the gateway drives them (src/transfers/drops.ts, receipts.ts,
// file-connection.ts), on a real folder through the SDK's LocalFileStore: the inbox grouped
// by the drop rule, read and mapped; the outbox written in order; the receipts read.

const files = adapter.files!;
const rule: DropRule = files.drop!.rule;
const TRANSFER = '0b9f4c7e-2d1a-4f60-8e3b-7a5c9d2e1f08';
const MESSAGE = messageIdFor(TRANSFER);
const ANSWERS = path.join(FIXTURES, 'answers');

const summary = (reads: DropRead[]) => reads.map((d) => ('waiting' in d ? `${d.id}: ${d.waiting}` : `${d.id}: ${d.inputs.map((i) => i.name.slice(0, 5)).join(' ')}`));

/** A message put into the inbox as the sedex client does: data file, then envelope. */
async function receive(store: LocalFileStore, id: string, m: Message, dir = 'inbox'): Promise<void> {
  await store.write(`${dir}/data_${id}.xml`, bytes(m.data));
  await store.write(`${dir}/envl_${id}.xml`, bytes(m.envelope));
}

const folder = tempFolder('passerelle-sedex-');

describe('sedex inbox: a message is data_<id>.xml plus envl_<id>.xml, whole once the envelope is there', () => {
  it('reads a complete message envelope first, as toContract and eventsOf read it, and lets one without its envelope wait', async () => {
    const rich = sample(RICH);
    await receive(folder.store, RICH, rich);
    await folder.store.write(`inbox/data_${HOUSEHOLD}.xml`, bytes(sample(HOUSEHOLD).data));

    const first = await dropPass(rule, folder.store, 'inbox');
    expect(summary(first)).toEqual([`${RICH}: envl_ data_`, `${HOUSEHOLD}: files missing`]);
    const inputs = inputsRead(first, RICH);
    const direct = [{ name: `envl_${RICH}.xml`, content: bytes(rich.envelope) }, { name: `data_${RICH}.xml`, content: bytes(rich.data) }];
    expect(adapter.mapper.toContract(inputs, ctx)).toEqual(adapter.mapper.toContract(direct, ctx));
    expect(adapter.mapper.eventsOf!(inputs, ctx)).toEqual(adapter.mapper.eventsOf!(direct, ctx));
    expect(adapter.mapper.toContract(inputs, ctx).records.length).toBeGreaterThan(0);
    expect(answersIn(inputs, ctx)).toEqual([]);

    await folder.store.write(`inbox/envl_${HOUSEHOLD}.xml`, bytes(sample(HOUSEHOLD).envelope));
    expect(summary(await dropPass(rule, folder.store, 'inbox'))).toEqual([`${RICH}: envl_ data_`, `${HOUSEHOLD}: envl_ data_`]);
  });

  it('leaves the messages of other applications in the inbox, unread: another data root, or a data file that is no XML', async () => {
    const other = '7c1d9e2a-0b3f-4a5c-8d6e-9f0a1b2c3d4e';
    const envelope = sample(MINIMAL).envelope.replaceAll(MINIMAL, other).replace('<eCH-0090:messageType>2945<', '<eCH-0090:messageType>1011<');
    const data = '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- eCH-0020 -->\n<eCH-0020:delivery xmlns:eCH-0020="http://www.ech.ch/xmlns/eCH-0020/3" xmlns:ct="urn:passerelle:xmlns:case-transfer:1"><eCH-0020:deliveryHeader/></eCH-0020:delivery>\n';
    await receive(folder.store, other, { envelope, data });
    const zipped = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    await folder.store.write(`inbox/data_${zipped}.zip`, new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
    await folder.store.write(`inbox/envl_${zipped}.xml`, bytes(envelope.replaceAll(other, zipped)));
    await folder.store.write('inbox/readme.txt', bytes('x'));

    expect(summary(await dropPass(rule, folder.store, 'inbox'))).toEqual([`${zipped}: files missing`, `${other}: a message of another application: left in the inbox for it`]);
    expect(readdirSync(path.join(folder.root, 'inbox')).sort()).toEqual([`data_${zipped}.zip`, `data_${other}.xml`, `envl_${zipped}.xml`, `envl_${other}.xml`, 'readme.txt']);
  });

  it('tells a case-transfer data file by its root, whatever its prefix, declaration or byte-order mark', () => {
    expect(isCaseTransfer(bytes(sample(RICH).data))).toBe(true);
    expect(isCaseTransfer(bytes('\uFEFF<?xml version="1.0"?>\n<?pi x?><!-- a\n comment --><delivery\n  xmlns="urn:passerelle:xmlns:case-transfer:1" version="1.0"/>'))).toBe(true);
    expect(isCaseTransfer(bytes("<x:delivery xmlns:x='urn:passerelle:xmlns:case-transfer:1'>"))).toBe(true);
    // Another root, or the namespace declared for another prefix than the root's.
    expect(isCaseTransfer(bytes('<ct:caseTransfer xmlns:ct="urn:passerelle:xmlns:case-transfer:1"/>'))).toBe(false);
    expect(isCaseTransfer(bytes('<delivery xmlns:ct="urn:passerelle:xmlns:case-transfer:1"/>'))).toBe(false);
    // The head does not tell: the mapping decides (and refuses a DOCTYPE).
    expect(isCaseTransfer(bytes('<?xml version="1.0"?><!DOCTYPE delivery [<!ENTITY a "a">]><delivery/>'))).toBeUndefined();
    expect(isCaseTransfer(new Uint8Array(Buffer.from('<delivery/>', 'utf16le')))).toBeUndefined();
  });

  it('reads a positive and a negative report of the receiving gateway (class 1) as the receipts of our transfer, with no records', async () => {
    for (const id of ['8d3f6a21-4c7e-4b95-9e0a-2f1d7c6b5a43', 'c61e0b7a-93d2-4f58-a1c4-7e5b2d9f0a16']) {
      await receive(folder.store, id, { envelope: readFileSync(path.join(ANSWERS, `envl_${id}.xml`), 'utf8'), data: readFileSync(path.join(ANSWERS, `data_${id}.xml`), 'utf8') });
    }
    const reads = await dropPass(rule, folder.store, 'inbox');
    const answers = reads.flatMap((d) => {
      const inputs = (d as { inputs: NativeInput[] }).inputs;
      expect(adapter.mapper.toContract(inputs, ctx)).toEqual({ records: [], rejections: [] });
      return answersIn(inputs, ctx);
    });
    expect(answers.map((a) => [a.transferId, a.outcome, a.status, a.reference ?? null, a.nativeField ?? null, a.details?.action])).toEqual([
      [TRANSFER, 'accepted', 'accepted', 'BE-INT-2026-0042', null, 'positive-report'],
      [TRANSFER, 'rejected', 'rejected', null, 'ct:responsibility/@phase', 'negative-report'],
    ]);
  });

  it('reads a recall (action 3) as a message naming the delivery it cancels, with no records, events or receipts', async () => {
    const referring = { ...sample(MINIMAL), data: edit(sample(MINIMAL).data, '<eCH-0058:messageType>', `<eCH-0058:referenceMessageId>${RICH}</eCH-0058:referenceMessageId><eCH-0058:messageType>`) };
    const recall = { ...referring, data: edit(referring.data, '<eCH-0058:action>1<', '<eCH-0058:action>3<') };
    await receive(folder.store, MINIMAL, recall);
    const inputs = inputsRead(await dropPass(rule, folder.store, 'inbox'), MINIMAL);
    expect(messageOf(inputs).header).toMatchObject({ action: 'recall', referenceMessageId: RICH });
    expect(adapter.mapper.toContract(inputs, ctx)).toEqual({ records: [], rejections: [] });
    expect(adapter.mapper.eventsOf!(inputs, ctx).events).toEqual([]);
    expect(answersIn(inputs, ctx)).toEqual([]);
  });

  it('imports nothing from a test delivery on a production gateway', async () => {
    const test = { ...sample(RICH), data: edit(sample(RICH).data, '<eCH-0058:testDeliveryFlag>false<', '<eCH-0058:testDeliveryFlag>true<') };
    await receive(folder.store, RICH, test);
    const inputs = inputsRead(await dropPass(rule, folder.store, 'inbox'), RICH);
    expect(messageOf(inputs).header.testDelivery).toBe(true);
    expect(adapter.mapper.toContract(inputs, ctx)).toEqual({ records: [], rejections: [] });
  });
});

describe('sedex outbox: data_<messageId>.xml first, envl_<messageId>.xml last', () => {
  // The target institution is Schaffhausen's (2-SH-2); the records are Lucerne's (2-LU-4) and a Tutoris one.
  const target: MapContext = { ...ctx, institutionId: 'sh-sozialamt', canton: 'SH' };
  const records = (): CaseRecord[] => {
    const [lucerne] = adapter.mapper.toContract([{ name: `envl_${RICH}.xml`, content: bytes(sample(RICH).envelope) }, { name: `data_${RICH}.xml`, content: bytes(sample(RICH).data) }], ctx).records;
    return [lucerne!, asForeign(lucerne!, 'tutoris', (r) => Object.assign(r.source, { localPersonId: '104870', localCaseId: 'VA-2022-0107' }))];
  };

  /** The gateway's delivery: every file of fromContract written once, in its order; the outbox as the sedex client sees it after each write. */
  async function deliver(record: CaseRecord, transferId: string) {
    const seen: { name: string; created: boolean; clientTakes: boolean }[] = [];
    for (const file of adapter.mapper.fromContract([record], target, { transferId, at: new Date('2026-03-02T09:31:07Z') })) {
      const { created } = await folder.store.write(`outbox/${file.name}`, file.content, { createOnly: true });
      const clientTakes = rule.group(await folder.store.list('outbox')).some((m) => m.complete);
      seen.push({ name: file.name, created, clientTakes });
    }
    return seen;
  }

  it('writes the data file first; the message is whole for the client only once its envelope is written', async () => {
    expect(files.outbox).toBe(true);
    expect(await deliver(records()[0]!, TRANSFER)).toEqual([
      { name: `data_${MESSAGE}.xml`, created: true, clientTakes: false },
      { name: `envl_${MESSAGE}.xml`, created: true, clientTakes: true },
    ]);
    // Delivered again (no receipt in the window): the same message, left as it was.
    expect((await deliver(records()[0]!, TRANSFER)).map((f) => f.created)).toEqual([false, false]);
    expect(messageOf([{ name: 'e', content: await folder.store.read(`outbox/envl_${MESSAGE}.xml`) }, { name: 'd', content: await folder.store.read(`outbox/data_${MESSAGE}.xml`) }]).envelope).toMatchObject({ messageId: MESSAGE, senderId: '2-LU-4', recipientIds: ['2-SH-2'] });
    expect(files.receiptWindowMs).toBe(31 * 24 * 60 * 60_000);
  });

  it('writes only files that validate against the XSDs (envelope eCH-0090 v1, data file case-transfer)', async () => {
    const transfers = ['5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d', '6b5c4d3e-2f10-4b8a-9d7c-5e4f3a2b1c0d'];
    for (const [i, record] of records().entries()) await deliver(record, transfers[i]!);
    const written = readdirSync(path.join(folder.root, 'outbox')).filter((f) => !f.startsWith('.')).sort();
    expect(written).toHaveLength(4);
    for (const name of written) {
      const content = await folder.store.read(`outbox/${name}`);
      expect([name, await validateXml(content, name.startsWith('envl_') ? 'envelope-v1' : 'case-transfer', name)]).toEqual([name, { valid: true }]);
    }
  });
});

describe('sedex receipts/: the client\'s eCH-0090 v2 receipts, matched by messageId', () => {
  it('reads 100 as accepted, 601 and 403 as interim, 310 as rejected naming the status code, and nothing of another application', async () => {
    for (const name of readdirSync(ANSWERS).filter((f) => f.startsWith('receipt'))) await folder.store.write(`receipts/${name}`, new Uint8Array(readFileSync(path.join(ANSWERS, name))));
    for (const name of [`envl_${MESSAGE}.xml`, `data_${MESSAGE}.xml`, `.receipt_${MESSAGE}.xml.77.tmp`]) await folder.store.write(`receipts/${name}`, bytes('<x/>'));
    const answers = [];
    for (const entry of await folder.store.list('receipts')) {
      if (adapter.receipts!.matches(entry.name)) answers.push(...adapter.receipts!.parse({ name: entry.name, content: await folder.store.read(`receipts/${entry.name}`) }, ctx));
    }
    expect(answers.map((a) => [a.transferId, a.outcome, a.status, a.nativeField ?? null, a.details?.meaning])).toEqual([
      [TRANSFER, 'accepted', '100', null, 'delivered'],
      [TRANSFER, 'rejected', '310', 'eCH-0090:statusCode', 'failed'],
      [TRANSFER, 'interim', '403', null, 'retry'],
      [TRANSFER, 'interim', '601', null, 'sent'],
    ]);
  });

  it('matches receipt names only', () => {
    expectMatchesOnly(adapter.receipts!, [`receipt_${MESSAGE}.xml`, `receipts/receipt_${MESSAGE}.xml`, 'receipt__ID_1_0.xml'], [`envl_${MESSAGE}.xml`, `data_${MESSAGE}.xml`, `KLIB_IMP_ASYL_${TRANSFER}.antwort.xml`, `UA_IMPORT_${TRANSFER}.accuse.xml`, `TUT_IMP_${TRANSFER}.quittung.xml`, `receipt_${MESSAGE}.json`]);
  });
});

describe('sedex settings schema', () => {
  const samples = (): { id: string; settings: Record<string, unknown> }[] => ['lu-daf', 'sh-sozialamt', 'ne-service-migrations', 'sem-baz-boudry', 'so-sozialregion-olten'].map((id) => ({ id, settings: { ...ctx.settings } }));

  it('takes every sample institution, and the folders of the sedex client', () => {
    for (const institution of samples()) expect(() => checkSettings(adapter, institution)).not.toThrow();
    const full = withSettings({ participantId: '2-SH-2', recipientId: 'T1-2581-2', testDelivery: true, acceptTestDeliveries: false, personIdCategory: 'CT.SH', folders: { drop: 'inbox', processed: 'processed', outbox: 'outbox', receipts: 'receipts' }, pollIntervalSeconds: 30 });
    expect(() => checkSettings(adapter, { id: 'sh-sozialamt', settings: full.settings })).not.toThrow();
  });

  it('refuses a malformed participant id, an unknown canton, a fractional message type and an organisations table, naming each', () => {
    const [lu] = samples();
    const refused = (settings: Record<string, unknown>) => () => checkSettings(adapter, { id: lu!.id, settings: { ...lu!.settings, ...settings } });
    expect(refused({ participantId: 'LU-4' })).toThrow('settings.participantId');
    expect(refused({ participants: { 'LU-4': { 'lu-daf': 'LU' } } })).toThrow('settings.participants');
    expect(refused({ participants: { '2-LU-4': { 'lu-daf': 'XY' } } })).toThrow('settings.participants.2-LU-4.lu-daf must be one of');
    expect(refused({ messageType: 29.45 })).toThrow('settings.messageType');
    expect(refused({ organisations: { DAF: 'lu-daf' } })).toThrow('settings.organisations has a setting the adapter does not know');
  });
});
