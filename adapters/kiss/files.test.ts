import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DropRule } from '../../src/adapters/sdk.js';
import { checkSettings } from '../../src/adapters/settings/check.js';
import { dropPass, expectMatchesOnly, expectSettingsRefused, inputsRead, tempFolder } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { COUPLE, FAMILY, FIXTURES, SINGLE, ctx } from './test-kit.js';

// The file side as the gateway drives it (src/transfers/drops.ts, receipts.ts,
// file-connection.ts), on a real folder through the SDK's LocalFileStore: list, group by
// the drop rule, read, map; write the import; read the accusés.

const files = adapter.files!;
const rule: DropRule = files.drop!.rule;
const TRANSFER = '9b2c4d6e-8f01-4a23-b456-7c8d9e0f1a2b';
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const folder = tempFolder('passerelle-kiss-');

describe('KiSS drop folder (export/): a file is whole once renamed from .part', () => {
  it('reads renamed files as toContract and eventsOf read them, and leaves .part files and other names alone', async () => {
    await folder.store.write(`export/${COUPLE}`, bytesOf(COUPLE));
    await folder.store.write(`export/${SINGLE}.part`, bytesOf(SINGLE));
    await folder.store.write(`export/${FAMILY.replace('.xml', '.part')}`, bytesOf(FAMILY));
    for (const other of [`UA_IMPORT_${TRANSFER}.xml`, 'UA_221045.xml', 'lisezmoi.txt']) await folder.store.write(`export/${other}`, utf8('<x/>'));

    // KiSS's rule needs no content: a file renamed from .part is whole.
    expect(rule.check).toBeUndefined();
    const first = await dropPass(rule, folder.store, 'export');
    expect(first.map((d) => [d.id, 'inputs' in d])).toEqual([[COUPLE, true]]);
    const inputs = inputsRead(first, COUPLE);
    const direct = [{ name: COUPLE, content: bytesOf(COUPLE) }];
    expect(adapter.mapper.toContract(inputs, ctx)).toEqual(adapter.mapper.toContract(direct, ctx));
    expect(adapter.mapper.eventsOf!(inputs, ctx)).toEqual(adapter.mapper.eventsOf!(direct, ctx));
    expect(adapter.mapper.toContract(inputs, ctx).records.length).toBeGreaterThan(0);

    // The interface d'échange renames its drafts: the next pass takes them.
    await folder.store.move(`export/${SINGLE}.part`, `export/${SINGLE}`);
    await folder.store.move(`export/${FAMILY.replace('.xml', '.part')}`, `export/${FAMILY}`);
    expect((await dropPass(rule, folder.store, 'export')).map((d) => d.id)).toEqual([FAMILY, COUPLE, SINGLE]);
  });

  it('takes the mutations of one UA oldest first (name order), each a delivery of its own', async () => {
    const later = COUPLE.replace('20260309084510', '20260310071500');
    await folder.store.write(`export/${later}`, bytesOf(COUPLE));
    await folder.store.write(`export/${COUPLE}`, bytesOf(COUPLE));
    expect((await dropPass(rule, folder.store, 'export')).map((d) => d.id)).toEqual([COUPLE, later]);
  });
});

describe('KiSS outbox (import/entrant/) and accusés (import/sortant/)', () => {
  it('writes the import once under a name carrying the transfer, which neither the drop rule nor the accusé reader takes', async () => {
    expect(files.outbox).toBe(true);
    const records = adapter.mapper.toContract([{ name: COUPLE, content: bytesOf(COUPLE) }], ctx).records;
    const deliver = () => Promise.all(adapter.mapper.fromContract(records, ctx, { transferId: TRANSFER, at: new Date('2026-03-15T09:00:00Z') }).map(async (f) => ({ name: f.name, ...(await folder.store.write(`import/entrant/${f.name}`, f.content, { createOnly: true })) })));
    expect(await deliver()).toEqual([{ name: `UA_IMPORT_${TRANSFER}.xml`, created: true }]);
    expect(await deliver()).toEqual([{ name: `UA_IMPORT_${TRANSFER}.xml`, created: false }]);
    expect(rule.group(await folder.store.list('import/entrant'))).toEqual([]);
    expect(adapter.receipts!.matches(`UA_IMPORT_${TRANSFER}.xml`)).toBe(false);
    // UTF-8 without a byte-order mark, as the import expects.
    expect((await folder.store.read(`import/entrant/UA_IMPORT_${TRANSFER}.xml`)).subarray(0, 5)).toEqual(utf8('<?xml'));
    expect(files.receiptWindowMs).toBe(2 * 60 * 60_000);
  });

  it('reads accepte as accepted and refuse as rejected naming the field, for the transfer the file names', async () => {
    const other = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
    const ext = 'ecc1f364-acf9-56fa-83d3-76c04868e123';
    await folder.store.write(`import/sortant/UA_IMPORT_${TRANSFER}.accuse.xml`, utf8(`\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<accuseReception statut="accepte" noUA="260177"><membre idExterne="${ext}" noPersonne="51002"/></accuseReception>\n`));
    await folder.store.write(`import/sortant/UA_IMPORT_${other}.accuse.xml`, utf8('<?xml version="1.0" encoding="UTF-8"?>\n<accuseReception statut="refuse"><motif>noAVS 756.6400.2118.71 déjà attribué à Khalil Omar</motif></accuseReception>\n'));
    for (const name of [`UA_IMPORT_${TRANSFER}.xml`, `.UA_IMPORT_${other}.accuse.xml.812.tmp`, 'desktop.ini']) await folder.store.write(`import/sortant/${name}`, utf8('<x/>'));

    const answers = [];
    for (const entry of await folder.store.list('import/sortant')) {
      if (adapter.receipts!.matches(entry.name)) answers.push(...adapter.receipts!.parse({ name: entry.name, content: await folder.store.read(`import/sortant/${entry.name}`) }, ctx));
    }
    expect(answers).toEqual([
      { transferId: other, outcome: 'rejected', status: 'refuse', nativeField: 'noAVS', details: {} },
      { transferId: TRANSFER, outcome: 'accepted', status: 'accepte', reference: '260177', details: { [ext]: '51002' } },
    ]);
    expect(JSON.stringify(answers)).not.toMatch(/Khalil|756/);
  });

  it('matches accusé names only', () => {
    expectMatchesOnly(adapter.receipts!, [`UA_IMPORT_${TRANSFER}.accuse.xml`, `import/sortant/UA_IMPORT_${TRANSFER}.accuse.xml`], [`UA_IMPORT_${TRANSFER}.xml`, COUPLE, `${COUPLE}.part`, `KLIB_IMP_ASYL_${TRANSFER}.antwort.xml`, `TUT_IMP_${TRANSFER}.quittung.xml`, `receipt_${TRANSFER}.xml`]);
  });
});

describe('KiSS settings schema', () => {
  const sample = { id: 'ne-ssr-montagnes', settings: ctx.settings };

  it('takes the sample installation, with folders and an SFTP transport', () => {
    expect(() => checkSettings(adapter, sample)).not.toThrow();
    const transport = { kind: 'sftp', host: 'kiss.example', username: 'passerelle', privateKey: { env: 'KISS_KEY' }, hostKey: `SHA256:${'A'.repeat(43)}` };
    expect(() => checkSettings(adapter, { ...sample, settings: { ...ctx.settings, folders: { drop: 'export', outbox: 'import/entrant', receipts: 'import/sortant' }, transport } })).not.toThrow();
  });

  it('refuses a missing mandant, a missing organisations table and an unknown setting, naming each', () => {
    expectSettingsRefused(adapter, sample, { required: ['mandant', 'organisations'], unknown: { edition: 'romandie' } });
  });
});
