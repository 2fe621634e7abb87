import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MappingError, type CaseRecord } from '../../src/adapters/sdk.js';
import { cellText, readXlsx, sheetNamed } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import { bytesOf, ctx, fixture, map } from './test-support.js';
import { toContract } from './to-contract.js';

const records = (name: string): CaseRecord[] => map(fixture(name)).records;
const delivery = { transferId: 'tr-1', at: new Date('2026-03-01T07:15:09Z') };

// exceljs has data validations but its types do not say so.
const validations = (ws: ExcelJS.Worksheet): Record<string, unknown> => (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe('contract → excel-sh workbook', () => {
  it('writes one workbook per person, named Passerelle_<Pers-Nr>_<Zurich time of the delivery>', () => {
    const out = fromContract(records('edge'), ctx, delivery);
    expect(out.map((f) => f.name)).toEqual(['Passerelle_551770_20260301081509.xlsx', 'Passerelle_560498_20260301081509.xlsx']);
    expect(fromContract(records('minimal'), ctx).map((f) => f.name)).toEqual(['Passerelle_558812.xlsx']);
  });

  it('keeps the tool’s layout: all sheets, the hidden Listen with the L_* names, the drop-downs of the samples (read back with exceljs)', async () => {
    const [file] = fromContract(records('rich'), ctx, delivery);
    const [written, sample] = await Promise.all([load(file!.content), load(bytesOf('rich'))]);
    expect(written.worksheets.map((ws) => [ws.name, ws.state])).toEqual(sample.worksheets.map((ws) => [ws.name, ws.state]));
    expect(written.definedNames.model).toEqual(sample.definedNames.model);
    for (const ws of sample.worksheets) {
      const mine = written.getWorksheet(ws.name)!;
      expect(Object.keys(validations(mine)).length, ws.name).toBe(Object.keys(validations(ws)).length);
      expect(validations(mine), ws.name).toEqual(validations(ws));
    }
    // The lists themselves, L_Stelle from the settings.
    const listen = (wb: ExcelJS.Workbook) => wb.getWorksheet('Listen')!.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1) : row));
    expect(listen(written)).toEqual(listen(sample));
    const personen = written.getWorksheet('Personen')!;
    expect([personen.getCell('A1').value, personen.getCell('A2').value, personen.getCell('A3').value, personen.getCell('A6').value]).toEqual([
      'Flüchtlingskoordination SH – Fallliste AIS',
      'Stand:',
      'Dossier-Nr',
      'Total',
    ]);
    expect(personen.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('maps back to the same records (but for extractedAt)', () => {
    for (const name of ['minimal', 'edge', 'rich']) {
      const first = records(name);
      const again = toContract(fromContract(first, ctx, delivery), ctx);
      expect(again.rejections).toEqual([]);
      expect(again.records).toEqual(first);
    }
  });

  it('writes the same bytes for the same record and delivery', () => {
    const [a] = fromContract(records('rich'), ctx, delivery);
    const [b] = fromContract(records('rich'), ctx, delivery);
    expect(Buffer.from(a!.content).equals(Buffer.from(b!.content))).toBe(true);
  });

  it('writes a case from another system under its record id, without Dossier-Nr, with codes missing from Listen bare', () => {
    const [record] = records('rich');
    const foreign: CaseRecord = {
      ...record!,
      source: { ...record!.source, system: 'nfam', institutionId: 'be-asi', localCaseId: 'NFAM-1', localPersonId: 'P-1' },
      person: { ...record!.person, nationality: 'DE' },
      responsibility: { ...record!.responsibility, institutionId: 'be-asi' },
      residence: { statusHistory: [{ status: 'other', nativeCode: 'NFAM-X', from: '2020-01-01' }] },
      integrationPlan: { ...record!.integrationPlan!, measures: [{ id: 'm', type: 'other', nativeCode: 'NFAM-KURS', title: 't', status: 'running' }] },
    };
    const [file] = fromContract([foreign], ctx, delivery);
    expect(file!.name).toBe(`Passerelle_${record!.recordId}_20260301081509.xlsx`);
    const personen = sheetNamed(readXlsx(file!.content, file!.name), 'Personen')!;
    const value = (column: number) => cellText(personen.rows.get(4)?.get(column));
    expect([value(1), value(2), value(10), value(16), value(23)]).toEqual([undefined, record!.recordId, 'DE', 'andere', 'be-asi']);
    const massnahmen = sheetNamed(readXlsx(file!.content, file!.name), 'Massnahmen')!;
    expect(cellText(massnahmen.rows.get(2)?.get(3))).toBe('Sonstiges');
  });

  it('writes the latest three statuses only, and the latest earlier responsibility', () => {
    const [record] = records('rich');
    const more: CaseRecord = {
      ...record!,
      residence: { ...record!.residence, statusHistory: [{ status: 'N', from: '2013-01-01', to: '2014-07-20' }, ...record!.residence.statusHistory] },
      responsibility: { ...record!.responsibility, history: [{ phase: 'federal', institutionId: 'ch-sem-baz-ost', from: '2014-07-21', to: '2014-08-31' }, ...record!.responsibility.history!] },
    };
    const [again] = toContract(fromContract([more], ctx), ctx).records;
    expect(again!.residence).toEqual(record!.residence);
    expect(again!.responsibility).toEqual(record!.responsibility);
  });

  it('refuses what the format cannot say, naming the contract path and the native field', () => {
    const [record] = records('rich');
    const gif: CaseRecord = { ...record!, documents: [{ ...record!.documents![0]!, mediaType: 'image/gif' }] };
    expect(() => fromContract([gif], ctx)).toThrow(MappingError);
    expect(() => fromContract([gif], ctx)).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'documents[0].mediaType', nativeField: 'Dokumente!Dateityp' }) }));
    const assessments = record!.potentialAssessments!;
    const isco: CaseRecord = { ...record!, potentialAssessments: [{ ...assessments[0]!, workExperience: [{ occupation: 'x', years: 1, iscoCode: '931' }] }] };
    expect(() => fromContract([isco], ctx)).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'potentialAssessments[0].workExperience[0].iscoCode' }) }));
  });
});
