import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/adapters/sdk.js';
import { readCsv } from '../../src/adapters/sdk.js';
import { fromContract, lostOnWrite } from './from-contract.js';
import { toContract } from './to-contract.js';
import { ctx, sampleFile } from './test-support.js';

const read = (name: string): CaseRecord[] => toContract([sampleFile(name)], ctx).records;
const rich = (): CaseRecord => read('rich')[0]!;
const rowOf = (files: ReturnType<typeof fromContract>) => readCsv(files[0]!.content, { file: files[0]!.name, encoding: 'windows-1252' }).rows[0]!;

describe('contract → CM-T import (FORMAT.md "Write")', () => {
  it('writes CMT_Import_<Zurich time>.csv in the export layout: Windows-1252, sep=; first', () => {
    const [out] = fromContract([rich()], ctx, { transferId: 't-1', at: new Date('2026-07-01T10:15:30Z') });
    expect(out!.name).toBe('CMT_Import_20260701121530.csv');
    const text = Buffer.from(out!.content).toString('latin1');
    expect(text.startsWith('sep=;\r\nPersonen-ID;Fall-Nr;AHV-Nr;')).toBe(true);
    expect(out!.content.includes(0xe4)).toBe(true); // ä of Nationalität, one byte
  });

  it('keeps its own Personen-ID and Fall-Nr; leaves them empty for a person CM-T does not know, nativeCodes as andere', () => {
    expect([rowOf(fromContract([rich()], ctx)).get('Personen-ID'), rowOf(fromContract([rich()], ctx)).get('Fall-Nr')]).toEqual(['1093', 'GL-2017-012']);
    const [edge] = read('edge');
    const foreign = { ...edge!, source: { ...edge!.source, system: 'ecase' as const, localPersonId: '104803', localCaseId: 'GR-INT-1' } };
    const row = rowOf(fromContract([foreign], ctx));
    expect([row.get('Personen-ID'), row.get('Fall-Nr')]).toEqual([undefined, undefined]);
    expect(row.get('Status3')).toBe('andere');
    expect(row.get('Massnahme1_Typ')).toBe('andere');
    expect(lostOnWrite(foreign, ctx)).toEqual(expect.arrayContaining(['residence.statusHistory[2].nativeCode', 'integrationPlan.measures[0].nativeCode']));
  });

  it('transliterates what Windows-1252 cannot hold, as CM-T does at entry', () => {
    const record = rich();
    record.person.firstName = 'Şeyma';
    record.person.officialName = 'Doğan';
    const row = rowOf(fromContract([record], ctx));
    expect([row.get('Vorname'), row.get('Name')]).toEqual(['Seyma', 'Dogan']);
  });

  it('keeps the latest 4 statuses, 2 assessments and 8 journal entries, the first 6 measures; lists what it drops', () => {
    const record = rich();
    record.residence.statusHistory = [
      { status: 'N', from: '2015-01-01', to: '2015-12-31' },
      { status: 'F', from: '2016-01-01', to: '2016-12-31' },
      ...record.residence.statusHistory,
    ];
    record.journal = [...record.journal!, ...record.journal!.map((j, i) => ({ ...j, id: `X-${i}`, at: j.at.replace(/^20\d\d/, '2025') }))];
    record.socialAssistance = { receives: true };
    record.integrationPlan!.measures = [...record.integrationPlan!.measures!, { id: 'M-7', type: 'health', title: 'Physiotherapie', status: 'planned', providerId: 'P-1' }];
    const back = toContract(fromContract([record], ctx), ctx).records[0]!;
    expect(back.residence.statusHistory.map((s) => s.from)).toEqual(['2016-01-01', '2017-03-01', '2018-01-01', '2023-01-01']);
    expect(back.journal).toHaveLength(8);
    expect(back.integrationPlan!.measures).toHaveLength(6);
    expect(lostOnWrite(record, ctx)).toEqual(
      expect.arrayContaining(['residence.statusHistory[0]', 'journal[0]', 'journal[1]', 'socialAssistance', 'integrationPlan.measures[6]']),
    );
  });

  it('a value outside the tables fails that record\'s write, naming the path', () => {
    const record = rich();
    record.person.nationality = 'FR';
    expect(() => fromContract([record], ctx)).toThrow(expect.objectContaining({ code: 'mapping.unwritable', details: expect.objectContaining({ field: 'person.nationality', nativeField: 'Nationalität', nativeId: 'GL-2017-012' }) }));
    const other = rich();
    other.responsibility.institutionId = 'zh-sozialamt';
    expect(() => fromContract([other], ctx)).toThrow(expect.objectContaining({ code: 'mapping.unknown-organisation', details: expect.objectContaining({ field: 'responsibility.institutionId' }) }));
  });

  it('loses journal seconds, other institutions on journal entries, and certificates it cannot say', () => {
    const record = rich();
    record.journal![0]!.at = '2017-04-20T09:00:42+02:00';
    record.journal![1]!.institutionId = 'gl-rav';
    record.potentialAssessments![0]!.languageSkills![0]!.certified = true;
    const back = toContract(fromContract([record], ctx), ctx).records[0]!;
    expect(back.journal![0]!.at).toBe('2017-04-20T09:00:00+02:00');
    expect(back.journal![1]!.institutionId).toBe('gl-integrationsstelle');
    expect(back.potentialAssessments![0]!.languageSkills![0]!.certified).toBe(false);
    expect(lostOnWrite(record, ctx)).toEqual(expect.arrayContaining(['journal[1].institutionId', 'potentialAssessments[0].languageSkills[0].certified']));
  });
});
