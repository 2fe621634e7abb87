import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/adapters/sdk.js';
import { readCsv } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import { toContract } from './to-contract.js';
import { ctx, sampleFiles } from './test-support.js';

const rich = (): CaseRecord => toContract(sampleFiles('02-rich'), ctx).records[0]!;
const edge = (): CaseRecord[] => toContract(sampleFiles('03-edge'), ctx).records;

function table(files: ReturnType<typeof fromContract>, name: string) {
  const file = files.find((f) => f.name.endsWith(`_${name}.csv`))!;
  return readCsv(file.content, { file: file.name, encoding: 'utf-8', trailingSeparator: true });
}

describe('contract → Ecase import (FORMAT.md "Write")', () => {
  it('names the files after the Mandant and the delivery time in Zurich, the manifest last, with its counts', () => {
    const files = fromContract([rich()], ctx, { transferId: 'tr-1', at: new Date('2026-03-29T00:30:05Z') });
    expect(files.map((f) => f.name)).toEqual(
      ['Personen', 'Faelle', 'Verlauf', 'Abklaerungen', 'Kompetenzen', 'Ziele', 'Massnahmen', 'Journal', 'Dokumente', 'Einwilligungen', 'Manifest'].map((t) => `ECASE_IMPORT_GR01_20260329_013005_${t}.csv`),
    );
    expect([...files[0]!.content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const manifest = table(files, 'Manifest').rows.map((r) => [r.get('Datei'), r.get('Zeilen')]);
    expect(manifest).toContainEqual(['ECASE_IMPORT_GR01_20260329_013005_Journal.csv', '5']);
    expect(manifest).toContainEqual(['ECASE_IMPORT_GR01_20260329_013005_Kompetenzen.csv', '9']);
  });

  it('writes ExterneID = recordId, keeps its own FallNr, and PASSERELLE as the journal\'s author', () => {
    const record = rich();
    const files = fromContract([record], ctx);
    const fall = table(files, 'Faelle').rows[0]!;
    expect([fall.get('FallNr'), fall.get('PersonNr'), fall.get('ExterneID')]).toEqual(['GR-INT-2019-0042', '100871', record.recordId]);
    expect(table(files, 'Journal').rows.map((r) => r.get('Erfasst_von'))).toEqual(Array(5).fill('PASSERELLE'));
  });

  it('leaves FallNr empty for another system\'s record: its rows refer to it by ExterneID; foreign nativeCodes become AND/ANDERE/ANDERES', () => {
    const records = edge().map((r) => ({ ...r, source: { ...r.source, system: 'tutoris' as const, localCaseId: 'TUT-1', localPersonId: 'P-1' } }));
    const files = fromContract(records, ctx);
    const falls = table(files, 'Faelle').rows;
    expect(falls.map((r) => r.get('FallNr'))).toEqual([undefined, undefined]);
    expect(falls.map((r) => r.get('PersonNr'))).toEqual(records.map((r) => r.recordId));
    expect(table(files, 'Verlauf').rows.map((r) => r.get('FallNr'))).toContain(records[0]!.recordId);
    expect(table(files, 'Verlauf').rows.map((r) => r.get('Code'))).toContain('AND');
    expect(table(files, 'Massnahmen').rows[0]!.get('Typ')).toBe('ANDERE');
    expect(table(files, 'Dokumente').rows[0]!.get('Art')).toBe('ANDERES');
  });

  it('writes back its own nativeCodes, so that a round trip keeps them', () => {
    const files = fromContract(edge(), ctx);
    expect(table(files, 'Verlauf').rows[0]!.get('Code')).toBe('C-VORZ');
    expect(table(files, 'Massnahmen').rows[0]!.get('Typ')).toBe('AKTIV-PLUS');
  });

  it('an institution without a Stelle code fails that record\'s write, naming the path', () => {
    const record = rich();
    record.journal![2]!.institutionId = 'zh-sozialamt';
    expect(() => fromContract([record], ctx)).toThrow(
      expect.objectContaining({ code: 'mapping.unknown-organisation', details: expect.objectContaining({ field: 'journal[2].institutionId', nativeField: 'Journal.Stelle', nativeId: 'GR-INT-2019-0042' }) }),
    );
  });

  it('loses what the FORMAT says it cannot carry: seconds of journal times, householdId', () => {
    const record = { ...rich(), person: { ...rich().person, householdId: 'H-1' } };
    record.journal![0]!.at = '2019-11-01T10:00:42+01:00';
    const files = fromContract([record], ctx);
    expect(table(files, 'Journal').rows[0]!.get('Zeitpunkt')).toBe('01.11.2019 10:00');
    const back = toContract(files, ctx).records[0]!;
    expect(back.person.householdId).toBeUndefined();
    expect(back.journal![0]!.at).toBe('2019-11-01T10:00:00+01:00');
  });

  it('needs the Mandant to name the files', () => {
    expect(() => fromContract([rich()], { ...ctx, settings: { organisations: {} } })).toThrow(expect.objectContaining({ code: 'adapter.settings-invalid' }));
  });
});
