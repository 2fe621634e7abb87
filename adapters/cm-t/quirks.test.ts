import { describe, expect, it } from 'vitest';
import { recordIdFor } from '../../src/adapters/sdk.js';
import { toContract } from './to-contract.js';
import { ctx, file, load, person, sampleFile } from './test-support.js';

const one = (edit: (s: ReturnType<typeof load>) => void, name = 'rich') => {
  const sheet = load(name);
  edit(sheet);
  const result = toContract([file(sheet)], ctx);
  expect(result.rejections.map((r) => `${r.error.code} ${r.error.details.field}`)).toEqual([]);
  return result.records[0]!;
};

describe('CM-T quirks (FORMAT.md "Encoding and quirks")', () => {
  it('1: Windows-1252 with the sep= line; quoted ; " and line breaks (LF or CRLF → \\n); values trimmed', () => {
    const bytes = sampleFile('rich').content;
    expect(Buffer.from(bytes.subarray(0, 7)).toString('latin1')).toBe('sep=;\r\n');
    expect(bytes.includes(0xfc)).toBe(true); // ü as one byte
    const record = one((s) => {
      person(s, '1093').set('Journal4_Text', 'Coaching abgebrochen;\r\nneuer Termin folgt.');
      person(s, '1093').set('Journal5_Text', 'Kosten: 120 € – "übernommen"\nvon der Gemeinde.');
      person(s, '1093').set('Vorname', '  Khaled ');
    });
    expect(record.journal!.map((j) => j.text)).toContain('Coaching abgebrochen;\nneuer Termin folgt.');
    expect(record.journal!.map((j) => j.text)).toContain('Kosten: 120 € – "übernommen"\nvon der Gemeinde.');
    expect(record.person.firstName).toBe('Khaled');
    expect(record.person.officialName).toBe('Al-Hamwi');
  });

  it('3: Excel drops leading zeros in days, months and hours; times get the Zurich offset of their day', () => {
    const record = one((s) => {
      person(s, '1093').set('Journal1_Zeit', '3.7.2023 7:05');
      person(s, '1093').set('Einreise', '1.3.2017');
      person(s, '1093').set('Geburtsdatum', '8.1986');
    });
    expect(record.journal!.at(-1)).toMatchObject({ id: 'GL-2017-012-J1', at: '2023-07-03T07:05:00+02:00' });
    expect(record.person.arrivalDate).toBe('2017-03-01');
    expect(record.person.dateOfBirth).toBe('1986-08');
    expect(one((s) => person(s, '1093').set('Geburtsdatum', '1986')).person.dateOfBirth).toBe('1986');
  });

  it('4, 5: groups may have gaps and any order; ids follow the slot, so a moved entry gets a new id', () => {
    const record = one((s) => {
      const p = person(s, '1093');
      for (const cell of ['_Typ', '_Titel', '_Anbieter', '_Beginn', '_Ende', '_Status', '_Ergebnis', '_Finanzierung', '_Bemerkung', '_Dok']) {
        p.set(`Massnahme3${cell}`, '');
      }
      p.set('Ziel3', p.get('Ziel1'));
      p.set('Ziel3_bis', p.get('Ziel1_bis'));
      p.set('Ziel1', '');
      p.set('Ziel1_bis', '');
    });
    expect(record.integrationPlan!.measures!.map((m) => m.id)).toEqual(['M1', 'M2', 'M4', 'M5', 'M6'].map((m) => `GL-2017-012-${m}`));
    expect(record.integrationPlan!.goals!.map((g) => g.id)).toEqual(['GL-2017-012-Z2', 'GL-2017-012-Z3']);
    expect(record.residence.statusHistory.map((s) => s.status)).toEqual(['N', 'F', 'B']);
  });

  it('6: slot numbers point to documents by their derived id', () => {
    const record = one((s) => person(s, '1093').set('Massnahme2_Dok', '1, 3'));
    expect(record.integrationPlan!.measures![1]!.documentIds).toEqual(['GL-2017-012-D1', 'GL-2017-012-D3']);
    expect(record.consents![0]!.documentId).toBe('GL-2017-012-D2');
  });

  it('8: % and decimal commas', () => {
    const record = one((s) => {
      person(s, '1093').set('Pensum', '60 %');
      person(s, '1093').set('Abkl1_Beruf_Jahre', '1,5');
    });
    expect(record.employment!.workloadPercent).toBe(60);
    expect(record.potentialAssessments![0]!.workExperience![0]!.years).toBe(1.5);
  });

  it('9: Personen-ID keeps its leading zeros, in the record id too', () => {
    const record = one((s) => person(s, '1093').set('Personen-ID', '0877'));
    expect(record.source.localPersonId).toBe('0877');
    expect(record.recordId).toBe(recordIdFor('cm-t', '0877'));
  });

  it('10: Fallführung is a Windows login; the account after the backslash is the id', () => {
    expect(one(() => {}).responsibility.caseManagerId).toBe('kif03');
    expect(one((s) => person(s, '1093').set('Fallführung', 'kif07')).responsibility.caseManagerId).toBe('kif07');
  });

  it('11, 12: media types from the extension in any case; journal entries are the configured institution\'s', () => {
    const record = one((s) => person(s, '1093').set('Dok1_Datei', 'SCAN.Jpeg'));
    expect(record.documents![0]!.mediaType).toBe('image/jpeg');
    expect(new Set(record.journal!.map((j) => j.institutionId))).toEqual(new Set(['gl-integrationsstelle']));
  });
});
