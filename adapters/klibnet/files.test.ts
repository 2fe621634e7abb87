import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeText, InputError, type CaseRecord, type DropRule, type NativeInput } from '../../src/adapters/sdk.js';
import { checkSettings } from '../../src/adapters/settings/check.js';
import { collect, dropPass, expectMatchesOnly, expectSettingsRefused, inputsRead, tempFolder, thrown } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { ASYL, FIXTURES, FLUE, ctx, fixtureText, inputOf, swap } from './test-kit.js';

// The file side as the gateway drives it (src/transfers/drops.ts, receipts.ts,
// file-connection.ts), on a real folder through the SDK's LocalFileStore: list, group by
// the drop rule, read, check, map; write the import; read the answers; stream an export.

const files = adapter.files!;
const rule: DropRule = files.drop!.rule;
const TRANSFER = '3f6d2a90-7c41-4e5b-9a08-1d2e3f4a5b6c';
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

const folder = tempFolder('passerelle-klibnet-');

describe('KLIBnet drop folder (export/): a file is whole once it parses and holds Kopf/AnzahlUE UEs', () => {
  it('reads a complete export as toContract reads the file, and lets one still being written wait', async () => {
    const flue = bytesOf(FLUE);
    const asyl = bytesOf(ASYL);
    await folder.store.write(`export/${FLUE}`, flue);
    await folder.store.write(`export/${ASYL}`, asyl.subarray(0, asyl.length - 300));
    // Not exports: an import of the gateway, a note of the operator, KLIBnet's draft.
    for (const other of [`KLIB_IMP_ASYL_${TRANSFER}.xml`, 'liesmich.txt', `${FLUE}.tmp`]) await folder.store.write(`export/${other}`, new Uint8Array([0x3c]));

    const first = await dropPass(rule, folder.store, 'export');
    expect(first.map((d) => ('waiting' in d ? `${d.id}: ${d.waiting}` : d.id))).toEqual([`${ASYL}: the export is not well-formed XML yet`, FLUE]);
    const mapped = adapter.mapper.toContract(inputsRead(first, FLUE), ctx);
    expect(mapped).toEqual(adapter.mapper.toContract([{ name: FLUE, content: flue }], ctx));
    expect(mapped.records.length).toBeGreaterThan(0);
    expect(mapped.rejections).toEqual([]);

    // KLIBnet finishes the file: the next pass takes it.
    await folder.store.write(`export/${ASYL}`, asyl);
    const second = await dropPass(rule, folder.store, 'export');
    expect(second.map((d) => ('waiting' in d ? d.waiting : d.id))).toEqual([ASYL, FLUE]);
  });

  it('waits while the file holds fewer UEs than announced, saying how many (no content)', async () => {
    await folder.store.write(`export/${FLUE}`, inputOf(swap(fixtureText(FLUE), '<AnzahlUE>1</AnzahlUE>', '<AnzahlUE>3</AnzahlUE>')).content);
    expect(await dropPass(rule, folder.store, 'export')).toEqual([{ id: FLUE, waiting: 'the export holds 1 of the 3 UEs Kopf/AnzahlUE announces' }]);
    expect(rule.reportAfterMs).toBe(30 * 60_000);
  });

  it('passes a whole file that is no export, or has a DOCTYPE, so that the mapping refuses it naming the file', async () => {
    const doctype = `<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<!DOCTYPE KLIBnetExport [<!ENTITY x "x">]>\r\n<KLIBnetExport/>\r\n`;
    await folder.store.write('export/KLIB_WSH_SROL_20260301.xml', encodeText('<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<Rueckmeldung><Ergebnis>0</Ergebnis></Rueckmeldung>\r\n', 'windows-1252'));
    await folder.store.write('export/KLIB_WSH_SROL_20260302.xml', encodeText(doctype, 'windows-1252'));
    const deliveries = await dropPass(rule, folder.store, 'export');
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
    return Promise.all(written.map(async (f) => ({ name: f.name, ...(await folder.store.write(`import/${f.name}`, f.content, { createOnly: true })) })));
  };
  const answer = (body: string) => encodeText(`<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<Rueckmeldung>${body}</Rueckmeldung>\r\n`, 'windows-1252');
  const readAnswers = async () => {
    const out = [];
    for (const entry of await folder.store.list('import/antwort')) {
      if (!adapter.receipts!.matches(entry.name)) continue;
      out.push(...adapter.receipts!.parse({ name: entry.name, content: await folder.store.read(`import/antwort/${entry.name}`) }, ctx));
    }
    return out;
  };

  it('writes the import once under a name carrying the transfer, which neither the drop rule nor the answers reader takes', async () => {
    const records = adapter.mapper.toContract([{ name: FLUE, content: bytesOf(FLUE) }], ctx).records;
    const first = await deliver(records);
    expect(first).toEqual([{ name: `KLIB_IMP_FLUE_${TRANSFER}.xml`, created: true }]);
    // A delivery again (no answer in the window) finds its file and leaves it.
    expect(await deliver(records)).toEqual([{ name: `KLIB_IMP_FLUE_${TRANSFER}.xml`, created: false }]);
    expect(rule.group(await folder.store.list('import'))).toEqual([]);
    expect(adapter.receipts!.matches(first[0]!.name)).toBe(false);
    expect(files.receiptWindowMs).toBe(26 * 60 * 60_000);
  });

  it('reads Ergebnis 0 and 1 as accepted and 2 as rejected naming the field, for the transfer the file names', async () => {
    const fremd = 'f99e290f-3b20-52b3-b9ea-59991acc0076';
    await folder.store.write(`import/antwort/KLIB_IMP_FLUE_${TRANSFER}.antwort.xml`, answer(`<Ergebnis>0</Ergebnis><UENr>2026.0102</UENr><Person><FremdId>${fremd}</FremdId><PersNr>40990</PersNr></Person>`));
    await folder.store.write(`import/antwort/KLIB_IMP_WSH_${TRANSFER}.antwort.xml`, answer('<Ergebnis>1</Ergebnis><UENr>2026.0103</UENr><Meldung>Wohngemeinde ergänzt</Meldung>'));
    await folder.store.write(`import/antwort/KLIB_IMP_ASYL_${TRANSFER}.antwort.xml`, answer('<Ergebnis>2</Ergebnis><Meldung>Pflichtfeld GebDat fehlt bei Ehmed Şêrko</Meldung>'));
    // What else lies there is not an answer.
    for (const other of [`KLIB_IMP_ASYL_${TRANSFER}.xml`, `.KLIB_IMP_ASYL_${TRANSFER}.antwort.xml.4711.tmp`, 'Thumbs.db']) await folder.store.write(`import/antwort/${other}`, new Uint8Array([0x3c]));

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
    await folder.store.write(`export/${name}`, bytesOf(name));
    const items = await collect(files.stream!(folder.store.stream(`export/${name}`), name, ctx));
    const whole = adapter.mapper.toContract([{ name, content: await folder.store.read(`export/${name}`) }], ctx);
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
    expectSettingsRefused(adapter, sample, { required: ['mandant', 'organisations'], unknown: { datenbank: 'ASYL' } });
  });
});
