import { describe, expect, it } from 'vitest';
import { MappingError, parseXml, type CaseRecord } from '../../src/adapters/sdk.js';
import { fromContract, writeImport } from './from-contract.js';
import { toContract } from './to-contract.js';
import { DELTA_09, DELTA_14, bytesOf, ctx } from './test-support.js';
import { expectText } from '../../src/adapters/testing.js';

const sample = (name: string): CaseRecord[] => toContract([{ name, content: bytesOf(name) }], ctx).records;
const selam = (): CaseRecord => structuredClone(sample(DELTA_09)[0]!);
const delivery = { transferId: '0d7f5a8e-3c1b-4e2a-9f60-7b1d2c3e4f50', at: new Date('2026-03-14T06:20:00+01:00') };
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** A record as another system (NFAM) would have it, with institutions Tutoris partly knows. */
function foreign(): CaseRecord {
  const r = selam();
  r.source = { ...r.source, system: 'nfam', institutionId: 'be-asi', canton: 'BE', localCaseId: 'NFAM-2023-001842', localPersonId: 'P-77' };
  r.residence.statusHistory[0] = { status: 'other', nativeCode: 'NFAM-X', from: '2019-09-12', to: '2020-08-26' };
  r.responsibility.history = [{ phase: 'federal', institutionId: 'sem-baz-bern', from: '2019-09-12', to: '2019-10-14' }];
  r.journal![0]!.institutionId = 'be-asi';
  r.potentialAssessments![0]!.institutionId = 'be-asi';
  r.integrationPlan!.measures![3]!.providerId = 'be-provider-x';
  r.integrationPlan!.measures![1] = { ...r.integrationPlan!.measures![1]!, type: 'other', nativeCode: 'NFAM-COACH' };
  r.documents![4] = { ...r.documents![4]!, kind: 'other', nativeCode: 'SCAN' };
  r.person.languages!.push({ code: 'prs', isFirstLanguage: false });
  return r;
}

describe('contract → Tutoris import files (FORMAT.md "Writing")', () => {
  it('names a delivery TUT_IMP_<transferId>.xml: root TutorisImport @Version @Mandant @Transfer, Klienten without Mutationen', () => {
    const [file, ...more] = fromContract(sample(DELTA_14), ctx, delivery);
    expect(more).toEqual([]);
    expect(file!.name).toBe(`TUT_IMP_${delivery.transferId}.xml`);
    const root = parseXml(file!.content, { file: file!.name });
    expect(root.local).toBe('TutorisImport');
    expect(root.attributes).toEqual({ Version: '7.4', Mandant: 'SH-KSA', Transfer: delivery.transferId });
    expect(root.all('Klient').map((k) => [k.attr('PersonNr'), k.attr('FremdId'), k.child('Mutationen')])).toEqual([
      ['104870', '0e092051-d32c-515c-8869-bf53c8c856e2', undefined],
      ['104871', '3c9d8c22-fb9b-5c4e-bcbe-8d95526a3e30', undefined],
      ['104872', '422328e0-d4d2-5e5c-a753-3535a8a32da6', undefined],
    ]);
  });

  it('names a file per record TUT_IMP_<recordId>.xml without a delivery, and refuses a transfer id that could leave the folder', () => {
    const records = sample(DELTA_14);
    expect(fromContract(records, ctx).map((f) => f.name)).toEqual(records.map((r) => `TUT_IMP_${r.recordId}.xml`));
    expect(() => fromContract(records, ctx, { ...delivery, transferId: '../etc/x' })).toThrow(/transfer id/);
  });

  it('writes ISO-8859-1 by default, with character references for what Latin-1 cannot hold; UTF-8 when set', () => {
    const latin = text(fromContract(sample(DELTA_14), ctx, delivery)[0]!.content);
    expectText(latin, { holds: ['<?xml version="1.0" encoding="ISO-8859-1"?>', '<Name>Y&#305;ld&#305;z</Name>', '<Vorname>Dilan &#350;\u00eerin</Vorname>', 'Spielgruppe f\u00fcr Dilan'] });
    const utf8Ctx = { ...ctx, settings: { ...ctx.settings, importEncoding: 'UTF-8' } };
    const utf8 = fromContract(sample(DELTA_14), utf8Ctx, delivery)[0]!;
    expect(new TextDecoder('utf-8', { fatal: true }).decode(utf8.content)).toContain('<Name>Yıldız</Name>');
    expect(toContract([utf8], utf8Ctx).records).toEqual(sample(DELTA_14));
    expect(() => fromContract(sample(DELTA_14), { ...ctx, settings: { ...ctx.settings, importEncoding: 'EBCDIC' } })).toThrow(/importEncoding/);
  });

  it('writes Klient elements as Tutoris exports them: dotted numbers, zeros in partial dates, lists newest first, open ends', () => {
    const out = text(fromContract([selam(), ...sample(DELTA_14)], ctx, delivery)[0]!.content);
    expectText(out, { holds: ['<AHVN13>756.3201.4467.16</AHVN13>', '<ZEMISNr>2218.4406</ZEMISNr>', '<Geburtsdatum>00.00.1987</Geburtsdatum>', '<Geburtsdatum>00.06.2015</Geburtsdatum>', /<Status Code="B" Von="01.03.2026" Bis="31.12.9999"\/>\s*<Status Code="VA" Von="27.08.2020" Bis="28.02.2026"\/>\s*<Status Code="AS"/] });
    expect(out.indexOf('Id="J-31"')).toBeLessThan(out.indexOf('Id="J-9"'));
    expect(out.indexOf('Id="PA-6120"')).toBeLessThan(out.indexOf('Id="PA-5512"'));
    expectText(out, { holds: ['<Sachbearbeitung BenutzerId="U0147"/>', '<Nationalitaet Code="ERI"/>', 'Zeitpunkt="15.10.2019 10:15"'] });
  });

  it('writes C, B, S and L as they are (not FLC), XX as XXX, and timestamps to the minute', () => {
    const r = selam();
    r.residence.statusHistory[2]!.status = 'C';
    r.person.nationality = 'XX';
    r.journal![0]!.at = '2019-10-15T10:15:42+02:00';
    const out = text(fromContract([r], ctx)[0]!.content);
    expect(out).toContain('<Status Code="C" Von="01.03.2026"');
    expect(out).toContain('<Nationalitaet Code="XXX"/>');
    expect(toContract(fromContract([r], ctx), ctx).records[0]!.journal![0]!.at).toBe('2019-10-15T10:15:00+02:00');
  });

  it('writes a new person: empty @PersonNr and @DossierNr, no foreign staff id, foreign nativeCodes as Tutoris\' own other', () => {
    const { files, omitted } = writeImport([foreign()], ctx, delivery);
    const klient = parseXml(files[0]!.content, { file: 'x' }).child('Klient')!;
    expect([klient.attr('PersonNr'), klient.attr('FremdId'), klient.child('Dossier')!.attr('DossierNr')]).toEqual(['', foreign().recordId, '']);
    expect(klient.path('Dossier', 'Fallfuehrung', 'Sachbearbeitung')).toBeUndefined();
    expect(klient.path('Aufenthalt')!.all('Status').map((s) => s.attr('Code'))).toEqual(['B', 'VA', 'UEB']);
    expect(klient.child('Integrationsplan')!.all('Massnahme')[1]!.attr('Typ')).toBe('ANDERE');
    expect(klient.child('Dokumente')!.all('Dokument')[4]!.attr('Art')).toBe('ANDERES');
    // Left out, and reported by path: entries of institutions without a Stelle code, a language without an ISO 639-2/B code.
    expect(klient.path('Dossier')!.all('FruehereFallfuehrung')).toEqual([]);
    expect(klient.child('Journal')!.all('Eintrag').map((e) => e.attr('Id'))).toEqual(['J-31', 'J-30', 'J-22']);
    expect(klient.child('Abklaerungen')!.all('Potenzialabklaerung').map((a) => a.attr('Id'))).toEqual(['PA-6120']);
    expect(klient.child('Integrationsplan')!.all('Massnahme')[3]!.child('Anbieter')!.attributes).toEqual({});
    expect(klient.child('Personalien')!.all('Sprache').map((s) => s.attr('Code'))).toEqual(['tir', 'ara', 'ger']);
    expect(omitted).toEqual([
      { localCaseId: 'NFAM-2023-001842', field: 'person.languages[3]', reason: 'no-language-code' },
      { localCaseId: 'NFAM-2023-001842', field: 'responsibility.history[0]', reason: 'no-stelle-code' },
      { localCaseId: 'NFAM-2023-001842', field: 'potentialAssessments[0]', reason: 'no-stelle-code' },
      { localCaseId: 'NFAM-2023-001842', field: 'integrationPlan.measures[3].providerId', reason: 'no-stelle-code' },
      { localCaseId: 'NFAM-2023-001842', field: 'journal[0]', reason: 'no-stelle-code' },
    ]);
  });

  it('gives a Tutoris record its own codes back: ISO 639-3 languages, nativeCodes', () => {
    const r = selam();
    r.person.languages!.push({ code: 'prs', isFirstLanguage: false });
    const [again] = toContract(fromContract([r], ctx), ctx).records;
    expect(again!.person.languages!.at(-1)).toEqual({ code: 'prs', isFirstLanguage: false });
    const family = sample(DELTA_14);
    expect(toContract(fromContract(family, ctx), ctx).records).toEqual(family);
  });

  const REFUSED: [string, (r: CaseRecord) => void, string, string][] = [
    ['a responsible institution without a Stelle code', (r) => (r.responsibility.institutionId = 'be-asi'), 'responsibility.institutionId', 'Dossier/Fallfuehrung/@Stelle'],
    ['a consent recipient without a Stelle code', (r) => (r.consents![0]!.recipients[2] = 'be-asi'), 'consents[0].recipients[2]', 'Vollmachten/Vollmacht/Empfaenger/@Stelle'],
    ['a consent for the data-protection officer (no @Typ)', (r) => (r.consents![0]!.recipients[0] = 'dpo'), 'consents[0].recipients[0]', 'Vollmachten/Vollmacht/Empfaenger/@Typ'],
    ['1.5 years of work experience', (r) => (r.potentialAssessments![1]!.workExperience![1]!.years = 1.5), 'potentialAssessments[1].workExperience[1].years', 'Abklaerungen/Potenzialabklaerung/Berufserfahrung/@Jahre'],
    ['a control character in a text', (r) => (r.journal![0]!.text = 'bell \u0007'), 'journal[0].text', 'Journal/Eintrag'],
  ];

  it.each(REFUSED)('refuses %s, naming the contract path and the case', (_what, change, field, nativeField) => {
    const r = selam();
    change(r);
    let error: unknown;
    try {
      fromContract([r], ctx, delivery);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MappingError);
    expect((error as MappingError).details).toMatchObject({ field, nativeField, nativeId: 'FL-2019-0412' });
    expect((error as MappingError).message).not.toContain('Tesfamariam');
  });
});
