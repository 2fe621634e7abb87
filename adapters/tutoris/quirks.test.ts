import { describe, expect, it } from 'vitest';
import { ConfigError, InputError, type CaseRecord } from '../../src/adapters/sdk.js';
import { toContract } from './to-contract.js';
import { DELTA_02, DELTA_09, DELTA_14, bytesOf, ctx, edit, fixture, input, klientText } from './test-support.js';
import { thrown } from '../../src/adapters/testing.js';

const one = (doc: string): CaseRecord => {
  const result = toContract([input(doc)], ctx);
  expect(result.rejections.map((r) => `${r.error.code} ${String(r.error.details.field)}`)).toEqual([]);
  return result.records[0]!;
};
const rich = (): string => fixture(DELTA_09);
const family = (): string => fixture(DELTA_14);

const refusal = (fn: () => unknown): InputError | ConfigError => thrown([InputError, ConfigError], fn);

describe('Tutoris quirks (FORMAT.md "Encoding and quirks")', () => {
  it('1. reads the encoding as declared: ISO-8859-1, UTF-8, and character references beyond Latin-1', () => {
    expect(one(rich()).potentialAssessments![1]!.health!.restrictions).toBe('keine Einschränkungen bekannt');
    const utf8 = new TextEncoder().encode(rich().replace('encoding="ISO-8859-1"', 'encoding="UTF-8"'));
    const fromUtf8 = toContract([{ name: 'TUT_AIS_SH-KSA_20260309_061500.xml', content: utf8 }], ctx);
    expect(fromUtf8.records).toEqual(toContract([{ name: DELTA_09, content: bytesOf(DELTA_09) }], ctx).records);
    const [baran, , dilan] = toContract([input(family())], ctx).records;
    expect(baran!.person.officialName).toBe('Yıldız');
    expect(dilan!.person.firstName).toBe('Dilan Şîrin');
    expect(one(rich()).integrationPlan!.measures![0]!.title).toBe('Deutsch A1–A2 intensiv');
  });

  it('1. refuses bytes that are not what the file declares', () => {
    const bad = Buffer.from(rich().replace('encoding="ISO-8859-1"', 'encoding="UTF-8"'), 'latin1');
    expect(refusal(() => toContract([{ name: 'TUT_AIS_X.xml', content: bad }], ctx)).code).toBe('file.invalid-encoding');
  });

  it('2. accepts one or two digits for day and month in dates and timestamps', () => {
    let doc = edit(rich(), '<Geburtsdatum>17.04.1994</Geburtsdatum>', '<Geburtsdatum>17.4.1994</Geburtsdatum>');
    doc = edit(doc, '<Einreise>12.09.2019</Einreise>', '<Einreise>12.9.2019</Einreise>');
    doc = edit(doc, 'Zeitpunkt="02.03.2021 14:05"', 'Zeitpunkt="2.3.2021 14:05"');
    doc = edit(doc, 'Zeitpunkt="15.10.2019 10:15"', 'Zeitpunkt="15.10.2019 8:05"');
    const record = one(doc);
    expect(record.person.dateOfBirth).toBe('1994-04-17');
    expect(record.person.arrivalDate).toBe('2019-09-12');
    expect(record.journal!.map((j) => j.at)).toEqual(['2019-10-15T08:05:00+02:00', '2021-03-02T14:05:00+01:00', '2025-01-12T09:30:00+01:00', '2026-03-06T16:40:00+01:00']);
  });

  it('3. 00.00.0000 is no date, 31.12.9999 an open end', () => {
    const record = one(rich());
    expect(record.consents![0]).not.toHaveProperty('validUntil');
    expect(record.consents![0]).not.toHaveProperty('revokedOn');
    expect(record.residence.statusHistory.at(-1)).toEqual({ status: 'B', from: '2026-03-01' });
    const none = one(edit(edit(rich(), '<Einreise>12.09.2019</Einreise>', '<Einreise>0.0.0000</Einreise>'), 'Ende="18.12.2020"', 'Ende="31.12.9999"'));
    expect(none.person).not.toHaveProperty('arrivalDate');
    expect(none.integrationPlan!.measures![0]).not.toHaveProperty('end');
  });

  it('4. partial dates of birth: zeros for the unknown parts, also unpadded', () => {
    const [, rojda, dilan] = toContract([input(family())], ctx).records;
    expect([rojda!.person.dateOfBirth, dilan!.person.dateOfBirth]).toEqual(['1987', '2015-06']);
    expect(one(edit(rich(), '17.04.1994', '0.0.1979')).person.dateOfBirth).toBe('1979');
    expect(one(edit(rich(), '17.04.1994', '0.3.2001')).person.dateOfBirth).toBe('2001-03');
  });

  it('5. timestamps are Swiss local time with the Zurich offset of their day, seconds :00', () => {
    const at = one(rich()).journal!.map((j) => j.at);
    expect(at[0]).toBe('2019-10-15T10:15:00+02:00');
    expect(at[1]).toBe('2021-03-02T14:05:00+01:00');
    // The offset is that of the day, also on the day the clocks change.
    const change = edit(edit(rich(), 'Zeitpunkt="15.10.2019 10:15"', 'Zeitpunkt="29.03.2026 01:30"'), 'Zeitpunkt="02.03.2021 14:05"', 'Zeitpunkt="29.03.2026 03:30"');
    expect(one(change).journal!.map((j) => j.at).slice(-2)).toEqual(['2026-03-29T01:30:00+01:00', '2026-03-29T03:30:00+02:00']);
  });

  it('6. AHV and ZEMIS numbers lose their dots; an empty AHVN13 is unknown', () => {
    const record = one(rich());
    expect([record.person.vn, record.person.zemisId]).toEqual(['7563201446716', '22184406']);
    expect(one(edit(rich(), '<AHVN13>756.3201.4467.16</AHVN13>', '<AHVN13/>')).person).not.toHaveProperty('vn');
    expect(one(edit(rich(), '<ZEMISNr>2218.4406</ZEMISNr>', '<ZEMISNr>2218 4406</ZEMISNr>')).person.zemisId).toBe('22184406');
  });

  it('7. Status, FruehereFallfuehrung, Potenzialabklaerung and Eintrag come newest first: sorted', () => {
    const record = one(rich());
    expect(record.residence.statusHistory.map((s) => s.from)).toEqual(['2019-09-12', '2020-08-27', '2026-03-01']);
    expect(record.potentialAssessments!.map((a) => a.id)).toEqual(['PA-5512', 'PA-6120']);
    expect(record.journal!.map((j) => j.id)).toEqual(['J-9', 'J-22', 'J-30', 'J-31']);
    const history = edit(rich(), '<FruehereFallfuehrung', '<FruehereFallfuehrung Phase="KANT" Stelle="KSA-FKS" Von="15.10.2019" Bis="31.12.2019"/>\n      <FruehereFallfuehrung');
    expect(one(history).responsibility.history!.map((h) => h.from)).toEqual(['2019-09-12', '2019-10-15']);
    // Sample 14's Klienten come in every order: the result is the same.
    const [baran, rojda] = toContract([input(family())], ctx).records;
    expect(baran!.residence.statusHistory.map((s) => s.from)).toEqual(['2022-02-03', '2022-07-01', '2023-03-15']);
    expect(rojda!.residence.statusHistory.map((s) => s.from)).toEqual(['2022-02-03', '2023-03-15']);
  });

  it('8. booleans are J/N', () => {
    const record = one(rich());
    expect(record.person.languages!.map((l) => l.isFirstLanguage)).toEqual([true, false, false]);
    expect(record.socialAssistance).toEqual({ receives: true, since: '2019-10-15' });
    expect(record.potentialAssessments![1]!.education![0]!.recognisedInSwitzerland).toBe(false);
  });

  it('9. never maps Sachbearbeitung (a staff name), only @BenutzerId', () => {
    const records = toContract([input(rich()), input(family())], ctx).records;
    expect(records[0]!.responsibility.caseManagerId).toBe('U0147');
    const json = JSON.stringify(records);
    for (const name of ['Keller', 'Martina', 'Baumann']) expect(json).not.toContain(name);
  });

  it('10. free text may be CDATA over several lines: only its ends are trimmed', () => {
    const doc = edit(rich(), '<Ziele>Attestausbildung im Bereich Gesundheit und Soziales</Ziele>', '<Ziele><![CDATA[\n   EBA Gesundheit & Soziales\n   danach EFZ <offen>\n  ]]></Ziele>');
    expect(one(doc).potentialAssessments![1]!.goals).toBe('EBA Gesundheit & Soziales\n   danach EFZ <offen>');
  });

  it('11. maps countries and languages through ISO codes; Familie, @Eroeffnet and the code texts are not mapped', () => {
    const record = one(rich());
    expect(record.person.nationality).toBe('ER');
    expect(record.person.languages!.map((l) => l.code)).toEqual(['ti', 'ar', 'de']);
    expect(one(edit(rich(), '<Sprache Code="ara" Erstsprache="N">', '<Sprache Code="prs" Erstsprache="N">')).person.languages![1]!.code).toBe('prs');
    expect(one(edit(rich(), 'Code="ERI">', 'Code="XXA">')).person.nationality).toBe('XX');
    expect(JSON.stringify(toContract([input(family())], ctx).records)).not.toMatch(/EHEPARTNER|Kurdisch|Türkei/);
  });

  it('maps unknown codes of Status, @Typ, @Kostentraeger and Dokument/@Art to other, keeping one nativeCode', () => {
    const [baran, rojda] = toContract([input(family())], ctx).records;
    expect(baran!.residence.statusHistory[0]).toEqual({ status: 'other', nativeCode: 'AS-DUB', from: '2022-02-03', to: '2022-06-30' });
    expect(rojda!.documents![0]).toMatchObject({ kind: 'other', nativeCode: 'FOTO' });
    const payer = one(edit(rich(), 'Kostentraeger="KANTON" Beginn="16.08.2021"', 'Kostentraeger="STIFTUNG" Beginn="16.08.2021"'));
    expect(payer.integrationPlan!.measures![2]).toMatchObject({ type: 'pre-apprenticeship', financedBy: 'other', nativeCode: 'STIFTUNG' });
    const both = one(edit(rich(), 'Typ="INVOL" Status="ABGEBROCHEN" Ergebnis="NICHT" Kostentraeger="KANTON"', 'Typ="AKTIV" Status="ABGEBROCHEN" Ergebnis="NICHT" Kostentraeger="DRITTE"'));
    expect(both.integrationPlan!.measures![2]).toMatchObject({ type: 'other', financedBy: 'other', nativeCode: 'AKTIV' });
    const andere = one(edit(rich(), 'Typ="INVOL"', 'Typ="ANDERE"'));
    expect(andere.integrationPlan!.measures![2]!.type).toBe('other');
    expect(andere.integrationPlan!.measures![2]).not.toHaveProperty('nativeCode');
    expect(one(edit(rich(), '<Status Code="VA"', '<Status Code="NEE"')).residence.statusHistory[1]).toMatchObject({ status: 'other', nativeCode: 'NEE' });
  });

  it('reads sub-levels and A0 of @Niveau, 0 or empty @Pensum as no workload', () => {
    const record = one(edit(rich(), 'Niveau="A1.1"', 'Niveau="A0"'));
    expect(record.potentialAssessments![0]!.languageSkills!.map((s) => s.level)).toEqual(['pre-A1', 'C2']);
    expect(record.potentialAssessments![1]!.languageSkills!.map((s) => s.level)).toEqual(['B1', 'A2']);
    expect(one(edit(rich(), 'Pensum="40"', 'Pensum=""')).employment).toEqual({ situation: 'employed', since: '2025-02-01' });
  });

  it('takes institution and canton from the institution the settings belong to; source.extractedAt from the clock', () => {
    const record = one(fixture(DELTA_02));
    expect(record.source).toEqual({ system: 'tutoris', institutionId: 'sh-sozialamt', canton: 'SH', localCaseId: 'AS-2026-0031', localPersonId: '104512', extractedAt: '2026-03-14T06:20:00+01:00' });
  });

  it('reads Voll exports like Delta ones, and the gateway\'s own import files', () => {
    const voll = fixture(DELTA_09).replace('Art="Delta"', 'Art="Voll"').replace(/<Mutationen>[\s\S]*?<\/Mutationen>/, '');
    expect(one(voll)).toEqual(one(rich()));
    const imported = `<?xml version="1.0" encoding="ISO-8859-1"?>\n<TutorisImport Version="7.4" Mandant="SH-KSA" Transfer="T-1">${klientText(fixture(DELTA_02), '104512')}</TutorisImport>`;
    expect(one(imported)).toEqual(one(fixture(DELTA_02)));
  });

  it('refuses a file of another Mandant, naming the file, and anything that is no Tutoris export', () => {
    const other = refusal(() => toContract([input(fixture(DELTA_02).replace('Mandant="SH-KSA"', 'Mandant="LU-SOZ"'), 'TUT_AIS_LU-SOZ_20260302_061500.xml')], ctx));
    expect(other).toMatchObject({ code: 'tutoris.foreign-mandant', details: { file: 'TUT_AIS_LU-SOZ_20260302_061500.xml' } });
    expect(other.message).toContain('TUT_AIS_LU-SOZ_20260302_061500.xml');
    expect(refusal(() => toContract([input(fixture(DELTA_02).replace(' Mandant="SH-KSA"', ''))], ctx)).code).toBe('tutoris.mandant-missing');
    expect(refusal(() => toContract([input(fixture(DELTA_02).replace('Art="Delta"', 'Art="Teil"'))], ctx)).code).toBe('tutoris.unknown-export-kind');
    expect(refusal(() => toContract([input('<?xml version="1.0"?><KlibExport/>')], ctx)).code).toBe('tutoris.not-an-export');
    expect(refusal(() => toContract([input(fixture(DELTA_02))], { ...ctx, settings: {} })).code).toBe('adapter.settings-invalid');
  });
});
