import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../contract/types.js';
import { renameRule } from '../files/rules.js';
import { LocalFileStore } from '../files/store.js';
import type { Adapter, ChangePage, Connection } from '../port.js';
import { deliveryRequest, dropPass, expectSettingsRefused, inputsRead, invalidInputRules, mockedNetwork, tempFolder, wholePoll } from '../testing.js';

describe('a test delivery', () => {
  it('is a case transfer of the record from the sender to the target, with stand-ins for seal and decision', () => {
    const record = { recordId: 'r-1' } as unknown as CaseRecord;
    const request = deliveryRequest(record, { transferId: 't-1', sender: 'be-asi', target: 'fr-ors' });
    expect(request).toMatchObject({ transferId: 't-1', senderInstitutionId: 'be-asi', targetInstitutionId: 'fr-ors', purpose: 'case-transfer', record, sealed: 'x.y.z' });
    expect(request.decision).toMatchObject({ recipient: 'fr-ors', purpose: 'case-transfer', rejected: false });
  });
});

describe('a whole poll', () => {
  it('asks page after page from the cursor given, with the same limit, until no more wait', async () => {
    const asked: [string | null, number][] = [];
    const pages: ChangePage[] = [1, 2, 3].map((n) => ({ records: [{ recordId: `r-${n}` } as unknown as CaseRecord], rejections: [], refs: {}, nextCursor: `c${n}`, more: n < 3 }));
    const connection = {
      listChanges: async (cursor: string | null, limit: number) => {
        asked.push([cursor, limit]);
        return pages[asked.length - 1]!;
      },
    } as unknown as Connection;
    const records = await wholePoll('c0', 2)(connection);
    expect(records.map((r) => r.recordId)).toEqual(['r-1', 'r-2', 'r-3']);
    expect(asked).toEqual([['c0', 2], ['c1', 2], ['c2', 2]]);
  });
});

describe('the mocked network', () => {
  mockedNetwork();

  it('refuses a request no scope answers', async () => {
    await expect(fetch('https://nowhere.example/x')).rejects.toThrow();
  });

  it('answers from a scope', async () => {
    nock('https://api.example').get('/x').reply(200, { ok: true });
    expect(await (await fetch('https://api.example/x')).json()).toEqual({ ok: true });
  });
});

describe('a drop folder', () => {
  const folder = tempFolder('passerelle-sdk-');
  const rule = renameRule({ pattern: /^UA_\d+\.xml/, partial: '.part' });

  it('is a new store for each test, on a folder of its own', async () => {
    expect(folder.store).toBeInstanceOf(LocalFileStore);
    expect(path.basename(folder.root)).toMatch(/^passerelle-sdk-/);
    await folder.store.write('export/UA_1.xml', new TextEncoder().encode('<UA/>'));
    await folder.store.write('export/UA_2.xml.part', new TextEncoder().encode('<U'));
    const reads = await dropPass(rule, folder.store, 'export');
    expect(reads.map((d) => ('inputs' in d ? d.id : `${d.id}: ${d.waiting}`))).toEqual(['UA_1.xml']);
    expect(new TextDecoder().decode(inputsRead(reads, 'UA_1.xml')[0]!.content)).toBe('<UA/>');
    expect(() => inputsRead(reads, 'UA_2.xml')).toThrow('the pass read no delivery UA_2.xml');
  });

  it('lets a delivery wait with the reason of its rule', async () => {
    const checked = { ...rule, check: () => ({ complete: false as const, reason: 'not yet' }) };
    await folder.store.write('export/UA_3.xml', new TextEncoder().encode('<UA/>'));
    expect(await dropPass(checked, folder.store, 'export')).toEqual([{ id: 'UA_3.xml', waiting: 'not yet' }]);
  });
});

describe('invalid-input tables', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'invalid-input-')), 'invalid-input.yaml');
  writeFileSync(
    file,
    [
      'member:',
      '  - rule: prenom missing',
      "    edit: { drop: '<prenom>Omar</prenom>' }",
      '    code: mapping.required',
      '    field: person.firstName',
      '    nativeField: prenom',
      '  - rule: a date of 1985',
      '    edit: [{ replace: 14.02.1985, by: 1985-02-14 }, { pattern: "<(n)om>(\\\\w+)</nom>", by: "<$1om>$2!</nom>" }]',
      '    code: mapping.invalid-date',
      '    field: person.dateOfBirth',
      '    nativeField: dateNaissance',
      '    bad: 1985-02-14',
      'typo:',
      '  - rule: x',
      '    edit: { drop: a }',
      '    code: c',
      '    field: f',
      '    nativeField: n',
      '    natveField: n',
    ].join('\n'),
  );

  it('read each rule with its edits, every value as text', () => {
    const [drop, date] = invalidInputRules(file, 'member');
    expect([drop!.rule, drop!.code, drop!.field, drop!.nativeField, drop!.bad]).toEqual(['prenom missing', 'mapping.required', 'person.firstName', 'prenom', undefined]);
    expect(drop!.edit('<p><prenom>Omar</prenom></p>')).toBe('<p></p>');
    expect(date!.bad).toBe('1985-02-14');
    expect(date!.edit('<d>14.02.1985</d><nom>Khalil</nom>')).toBe('<d>1985-02-14</d><nom>Khalil!</nom>');
  });

  it('fail loudly: an edit of text the fixture lacks, a key no rule has, a table that is not there', () => {
    const [drop, date] = invalidInputRules(file, 'member');
    expect(() => drop!.edit('<p/>')).toThrow('fixture text not found');
    expect(() => date!.edit('<d>14.02.1985</d>')).toThrow('fixture text not found');
    expect(() => invalidInputRules(file, 'typo')).toThrow('natveField is no key of a rule');
    expect(() => invalidInputRules(file, 'absent')).toThrow('absent is not a list of rules');
  });
});

describe('settings refused', () => {
  const adapter = {
    id: 'demo',
    settingsSchema: { type: 'object', additionalProperties: false, required: ['mandant', 'organisations'], properties: { mandant: { type: 'string' }, organisations: { type: 'object' } } },
  } as unknown as Adapter;

  it('without each required setting, and with an unknown one, naming it; the institution itself taken', () => {
    expectSettingsRefused(adapter, { id: 'x', settings: { mandant: 'M', organisations: {} } }, { required: ['mandant', 'organisations'], unknown: { edition: 'romandie' } });
    expect(() => expectSettingsRefused(adapter, { id: 'x', settings: { mandant: 'M', organisations: {} } }, { required: ['edition'] })).toThrow();
  });
});
