import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeText, InputError, LocalFileStore, type CaseRecord, type DropRule, type NativeInput } from '../../src/adapters/sdk.js';
import { checkSettings } from '../../src/adapters/settings/check.js';
import { collect, expectMatchesOnly, thrown } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { ASYL, FIXTURES, FLUE, ctx, fixtureText, inputOf, swap } from './test-kit.js';

// The file side as the gateway drives it (src/transfers/drops.ts, receipts.ts,
// file-connection.ts), on a real folder through the SDK's LocalFileStore: list, group by
// the drop rule, read, check, map; write the import; read the answers; stream an export.

const files = adapter.files!;
const rule: DropRule = files.drop!.rule;
const TRANSFER = '3f6d2a90-7c41-4e5b-9a08-1d2e3f4a5b6c';
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

type Read = { id: string; inputs: NativeInput[] } | { id: string; waiting: string };

/** One pass over a drop folder, as the gateway makes it: complete deliveries read, the others waiting with their reason. */
async function pass(store: LocalFileStore, dir: string): Promise<Read[]> {
  const out: Read[] = [];
  for (const delivery of rule.group(await store.list(dir))) {
    if (!delivery.complete) {
      out.push({ id: delivery.id, waiting: 'files missing' });
      continue;
    }
    const inputs: NativeInput[] = [];
    for (const name of delivery.files) inputs.push({ name, content: await store.read(path.posix.join(dir, name)) });
    const check = rule.check?.(inputs);
    out.push(check && !check.complete ? { id: delivery.id, waiting: check.reason } : { id: delivery.id, inputs });
  }
  return out;
}

let root: string;
let store: LocalFileStore;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'passerelle-klibnet-'));
  store = new LocalFileStore(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('KLIBnet drop folder (export/): a file is whole once it parses and holds Kopf/AnzahlUE UEs', () => {
  it('reads a complete export as toContract reads the file, and lets one still being written wait', async () => {
    const flue = bytesOf(FLUE);
    const asyl = bytesOf(ASYL);
    await store.write(`export/${FLUE}`, flue);
    await store.write(`export/${ASYL}`, asyl.subarray(0, asyl.length - 300));
    // Not exports: an import of the gateway, a note of the operator, KLIBnet's draft.
    for (const other of [`KLIB_IMP_ASYL_${TRANSFER}.xml`, 'liesmich.txt', `${FLUE}.tmp`]) await store.write(`export/${other}`, new Uint8Array([0x3c]));

    const first = await pass(store, 'export');
    expect(first.map((d) => ('waiting' in d ? `${d.id}: ${d.waiting}` : d.id))).toEqual([`${ASYL}: the export is not well-formed XML yet`, FLUE]);
    const read = first.find((d) => d.id === FLUE) as { inputs: NativeInput[] };
    const mapped = adapter.mapper.toContract(read.inputs, ctx);
    expect(mapped).toEqual(adapter.mapper.toContract([{ name: FLUE, content: flue }], ctx));
    expect(mapped.records.length).toBeGreaterThan(0);
    expect(mapped.rejections).toEqual([]);

    // KLIBnet finishes the file: the next pass takes it.
    await store.write(`export/${ASYL}`, asyl);
    const second = await pass(store, 'export');
    expect(second.map((d) => ('waiting' in d ? d.waiting : d.id))).toEqual([ASYL, FLUE]);
  });

  it('waits while the file holds fewer UEs than announced, saying how many (no content)', async () => {
    await store.write(`export/${FLUE}`, inputOf(swap(fixtureText(FLUE), '<AnzahlUE>1</AnzahlUE>', '<AnzahlUE>3</AnzahlUE>')).content);
    expect(await pass(store, 'export')).toEqual([{ id: FLUE, waiting: 'the export holds 1 of the 3 UEs Kopf/AnzahlUE announces' }]);
    expect(rule.reportAfterMs).toBe(30 * 60_000);
  });

  it('passes a whole file that is no export, or has a DOCTYPE, so that the mapping refuses it naming the file', async () => {
    const doctype = `<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<!DOCTYPE KLIBnetExport [<!ENTITY x "x">]>\r\n<KLIBnetExport/>\r\n`;
    await store.write('export/KLIB_WSH_SROL_20260301.xml', encodeText('<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<Rueckmeldung><Ergebnis>0</Ergebnis></Rueckmeldung>\r\n', 'windows-1252'));
    await store.write('export/KLIB_WSH_SROL_20260302.xml', encodeText(doctype, 'windows-1252'));
    const deliveries = await pass(store, 'export');
    expect(deliveries.map((d) => 'inputs' in d)).toEqual([true, true]);
    const refusals = deliveries.map((d) => thrown(InputError, () => adapter.mapper.toContract((d as { inputs: NativeInput[] }).inputs, ctx)));
    expect(refusals.map((e) => e.code)).toEqual(['klibnet.not-an-export', 'xml.doctype-refused']);
    refusals.forEach((e, i) => expect(e.message).toContain(deliveries[i]!.id));
  });
});

describe('KLIBnet outbox (import/) and Rückmeldungen (import/antwort/)', () => {
  const deliver = async (records: readonly CaseRecord[]) => {
    expect(files.outbox).toBe(true);
    const written = adapter.mapper.fromContract(records, ctx, { transferId: TRANSFER, at: new Date('2026-03-15T09:00:00Z') });
    return Promise.all(written.map(async (f) => ({ name: f.name, ...(await store.write(`import/${f.name}`, f.content, { createOnly: true })) })));
  };
  const answer = (body: string) => encodeText(`<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<Rueckmeldung>${body}</Rueckmeldung>\r\n`, 'windows-1252');
  const readAnswers = async () => {
    const out = [];
    for (const entry of await store.list('import/antwort')) {
      if (!adapter.receipts!.matches(entry.name)) continue;
      out.push(...adapter.receipts!.parse({ name: entry.name, content: await store.read(`import/antwort/${entry.name}`) }, ctx));
    }
    return out;
  };

  it('writes the import once under a name carrying the transfer, which neither the drop rule nor the answers reader takes', async () => {
    const records = adapter.mapper.toContract([{ name: FLUE, content: bytesOf(FLUE) }], ctx).records;
    const first = await deliver(records);
    expect(first).toEqual([{ name: `KLIB_IMP_FLUE_${TRANSFER}.xml`, created: true }]);
    // A delivery again (no answer in the window) finds its file and leaves it.
    expect(await deliver(records)).toEqual([{ name: `KLIB_IMP_FLUE_${TRANSFER}.xml`, created: false }]);
    expect(rule.group(await store.list('import'))).toEqual([]);
    expect(adapter.receipts!.matches(first[0]!.name)).toBe(false);
    expect(files.receiptWindowMs).toBe(26 * 60 * 60_000);
  });

  it('reads Ergebnis 0 and 1 as accepted and 2 as rejected naming the field, for the transfer the file names', async () => {
    const fremd = 'f99e290f-3b20-52b3-b9ea-59991acc0076';
    await store.write(`import/antwort/KLIB_IMP_FLUE_${TRANSFER}.antwort.xml`, answer(`<Ergebnis>0</Ergebnis><UENr>2026.0102</UENr><Person><FremdId>${fremd}</FremdId><PersNr>40990</PersNr></Person>`));
    await store.write(`import/antwort/KLIB_IMP_WSH_${TRANSFER}.antwort.xml`, answer('<Ergebnis>1</Ergebnis><UENr>2026.0103</UENr><Meldung>Wohngemeinde ergänzt</Meldung>'));
    await store.write(`import/antwort/KLIB_IMP_ASYL_${TRANSFER}.antwort.xml`, answer('<Ergebnis>2</Ergebnis><Meldung>Pflichtfeld GebDat fehlt bei Ehmed Şêrko</Meldung>'));
    // What else lies there is not an answer.
    for (const other of [`KLIB_IMP_ASYL_${TRANSFER}.xml`, `.KLIB_IMP_ASYL_${TRANSFER}.antwort.xml.4711.tmp`, 'Thumbs.db']) await store.write(`import/antwort/${other}`, new Uint8Array([0x3c]));

    const answers = await readAnswers();
    expect(answers.map((a) => [a.transferId, a.outcome, a.status, a.reference ?? null, a.nativeField ?? null])).toEqual([
      [TRANSFER, 'rejected', '2', null, 'GebDat'],
      [TRANSFER, 'accepted', '0', 'FLUE-2026.0102', null],
      [TRANSFER, 'accepted', '1', 'WSH-2026.0103', null],
    ]);
    expect(answers[1]!.details).toMatchObject({ [fremd]: 'FLUE-40990' });
    expect(JSON.stringify(answers)).not.toMatch(/Ehmed|Wohngemeinde/);
  });

  it('matches answer names only', () => {
    expectMatchesOnly(adapter.receipts!, [`KLIB_IMP_ASYL_${TRANSFER}.antwort.xml`, `import/antwort/KLIB_IMP_WSH_${TRANSFER}.antwort.xml`], [`KLIB_IMP_ASYL_${TRANSFER}.xml`, FLUE, `TUT_IMP_${TRANSFER}.quittung.xml`, `UA_IMPORT_${TRANSFER}.accuse.xml`, `receipt_${TRANSFER}.xml`, `KLIB_IMP_XYZ_${TRANSFER}.antwort.xml`]);
  });
});

describe('KLIBnet whole-canton export streamed (passerelle import)', () => {
  it.each([FLUE, ASYL])('%s streamed from the folder gives the records and stamps toContract gives', async (name) => {
    await store.write(`export/${name}`, bytesOf(name));
    const items = await collect(files.stream!(store.stream(`export/${name}`), name, ctx));
    const whole = adapter.mapper.toContract([{ name, content: await store.read(`export/${name}`) }], ctx);
    expect(items.flatMap((i) => (i.kind === 'record' ? [i.record] : []))).toEqual(whole.records);
    expect(items.flatMap((i) => (i.kind === 'record' ? [i.stamp] : []))).toEqual(whole.stamps);
    expect(items.filter((i) => i.kind !== 'record')).toEqual([]);
  });
});

describe('KLIBnet settings schema', () => {
  const sample = { id: 'so-sozialregion-olten', settings: ctx.settings };

  it('takes the sample installation, with folders and a transport', () => {
    expect(() => checkSettings(adapter, sample)).not.toThrow();
    expect(() => checkSettings(adapter, { ...sample, settings: { ...ctx.settings, folders: { drop: 'export', outbox: 'import', receipts: 'import/antwort' }, transport: { kind: 'local', root: '/srv/klibnet' }, pollIntervalSeconds: 60 } })).not.toThrow();
  });

  it('refuses a missing Mandant, a missing organisations table and an unknown setting, naming each', () => {
    const { mandant: _m, ...noMandant } = ctx.settings as Record<string, unknown>;
    const { organisations: _o, ...noTable } = ctx.settings as Record<string, unknown>;
    expect(() => checkSettings(adapter, { ...sample, settings: noMandant })).toThrow('settings needs "mandant"');
    expect(() => checkSettings(adapter, { ...sample, settings: noTable })).toThrow('settings needs "organisations"');
    expect(() => checkSettings(adapter, { ...sample, settings: { ...ctx.settings, datenbank: 'ASYL' } })).toThrow('settings.datenbank has a setting the adapter does not know');
  });
});
