import { describe, expect, it } from 'vitest';
import { toContract } from './to-contract.js';
import { ctx, file, load, person, type Sheet } from './test-support.js';
import { expectRejected } from '../../src/adapters/testing.js';

const RICH = '1093';
const MINIMAL = '2207';

type Edit = ((s: Sheet) => void) & { value?: string };
/** Sets columns of the rich row: `set({ Name: '' })`. */
const set = (cells: Record<string, string>): Edit =>
  Object.assign((s: Sheet) => Object.entries(cells).forEach(([c, v]) => person(s, RICH).set(c, v)), { value: Object.values(cells).find((v) => v.length > 2) });
const clear = (prefix: string): Edit => (s: Sheet) => s.header.forEach((c, i) => c.startsWith(prefix) && (s.rows.find((r) => r[0] === RICH)![i] = ''));

// One line per rule of FORMAT.md "Invalid input": the edit, then code, contract path, column.
const cases: [string, Edit, string, string, string][] = [
  ['no Name', set({ Name: '' }), 'mapping.required', 'person.officialName', 'Name'],
  ['no Vorname', set({ Vorname: '' }), 'mapping.required', 'person.firstName', 'Vorname'],
  ['no Geschlecht', set({ Geschlecht: '' }), 'mapping.required', 'person.sex', 'Geschlecht'],
  ['no Geburtsdatum', set({ Geburtsdatum: '' }), 'mapping.required', 'person.dateOfBirth', 'Geburtsdatum'],
  ['no Phase', set({ Phase: '' }), 'mapping.required', 'responsibility.phase', 'Phase'],
  ['no Stelle', set({ Stelle: '' }), 'mapping.required', 'responsibility.institutionId', 'Stelle'],
  ['no Zuständig_seit', set({ Zuständig_seit: '' }), 'mapping.required', 'responsibility.since', 'Zuständig_seit'],
  ['no status group', (s) => (clear('Status1')(s), clear('Status2')(s), clear('Status3')(s)), 'mapping.required', 'residence.statusHistory', 'Status1'],
  ['no StatusN_von', set({ Status2_von: '' }), 'mapping.required', 'residence.statusHistory[0].from', 'Status2_von'],
  ['an incomplete Vorher group', set({ Vorher_bis: '' }), 'mapping.required', 'responsibility.history[0].to', 'Vorher_bis'],
  ['no AbklN_Datum', set({ Abkl2_Datum: '' }), 'mapping.required', 'potentialAssessments[0].date', 'Abkl2_Datum'],
  ['no AbklN_Stelle', set({ Abkl1_Stelle: '' }), 'mapping.required', 'potentialAssessments[0].institutionId', 'Abkl1_Stelle'],
  ['no AbklN_Orientierung', set({ Abkl2_Orientierung: '' }), 'mapping.required', 'potentialAssessments[1].orientation', 'Abkl2_Orientierung'],
  ['no Ausbildung_abgeschlossen with an Ausbildung', set({ Abkl1_Ausbildung_abgeschlossen: '' }), 'mapping.required', 'potentialAssessments[0].education[0].completed', 'Abkl1_Ausbildung_abgeschlossen'],
  ['no Beruf_Jahre with a Beruf', set({ Abkl2_Beruf_Jahre: '' }), 'mapping.required', 'potentialAssessments[1].workExperience[0].years', 'Abkl2_Beruf_Jahre'],
  ['no IP_Datum', set({ IP_Datum: '' }), 'mapping.required', 'integrationPlan.establishedOn', 'IP_Datum'],
  ['no IP_Version', set({ IP_Version: '' }), 'mapping.required', 'integrationPlan.version', 'IP_Version'],
  ['no ZielN with a ZielN_bis', set({ Ziel2: '' }), 'mapping.required', 'integrationPlan.goals[1].text', 'Ziel2'],
  ['no MassnahmeN_Typ', set({ Massnahme4_Typ: '' }), 'mapping.required', 'integrationPlan.measures[3].type', 'Massnahme4_Typ'],
  ['no MassnahmeN_Titel', set({ Massnahme1_Titel: '' }), 'mapping.required', 'integrationPlan.measures[0].title', 'Massnahme1_Titel'],
  ['no Massnahme2_Status after an empty slot 1', (s) => (clear('Massnahme1_')(s), person(s, RICH).set('Massnahme2_Status', '')), 'mapping.required', 'integrationPlan.measures[0].status', 'Massnahme2_Status'],
  ['no JournalN_Text', set({ Journal3_Text: '' }), 'mapping.required', 'journal[1].text', 'Journal3_Text'],
  ['no JournalN_Zeit', set({ Journal2_Zeit: '' }), 'mapping.required', 'journal[0].at', 'Journal2_Zeit'],
  ['no DokN_SHA256', set({ Dok2_SHA256: '' }), 'mapping.required', 'documents[1].sha256', 'Dok2_SHA256'],
  ['no DokN_Datum', set({ Dok3_Datum: '' }), 'mapping.required', 'documents[2].date', 'Dok3_Datum'],
  ['no EinwN_Empfänger', set({ Einw2_Empfänger: '' }), 'mapping.required', 'consents[1].recipients', 'Einw2_Empfänger'],
  ['no EinwN_Daten', set({ Einw3_Daten: '' }), 'mapping.required', 'consents[2].dataCategories', 'Einw3_Daten'],
  ['an AHV-Nr of 12 digits', set({ 'AHV-Nr': '756.2645.1903.7' }), 'mapping.invalid-ahv', 'person.vn', 'AHV-Nr'],
  ['an AHV-Nr with a wrong check digit', set({ 'AHV-Nr': '756.2645.1903.78' }), 'mapping.invalid-ahv', 'person.vn', 'AHV-Nr'],
  ['31.4.2022', set({ Einreise: '31.4.2022' }), 'mapping.invalid-date', 'person.arrivalDate', 'Einreise'],
  ['2022-04-30, not a CM-T date', set({ Zuständig_seit: '2022-04-30' }), 'mapping.invalid-date', 'responsibility.since', 'Zuständig_seit'],
  ['a Geburtsdatum 13.1990', set({ Geburtsdatum: '13.1990' }), 'mapping.invalid-date', 'person.dateOfBirth', 'Geburtsdatum'],
  ['a journal time 24:10', set({ Journal5_Zeit: '22.05.2023 24:10' }), 'mapping.invalid-date', 'journal[0].at', 'Journal5_Zeit'],
  ['a Geschlecht outside its table', set({ Geschlecht: 'mann' }), 'mapping.unknown-code', 'person.sex', 'Geschlecht'],
  ['a Nationalität outside its table', set({ Nationalität: 'Frankreich' }), 'mapping.unknown-code', 'person.nationality', 'Nationalität'],
  ['a Weitere Sprachen label outside its table', set({ 'Weitere Sprachen': 'Englisch, Klingonisch' }), 'mapping.unknown-code', 'person.languages[2].code', 'Weitere Sprachen'],
  ['a Gemeinde outside its table', set({ Gemeinde: 'Näfels' }), 'mapping.unknown-code', 'person.municipality', 'Gemeinde'],
  ['a Deutsch level outside its table', set({ Abkl2_Deutsch_mündlich: 'B3' }), 'mapping.unknown-code', 'potentialAssessments[1].languageSkills[0].level', 'Abkl2_Deutsch_mündlich'],
  ['an Ergebnis outside its table', set({ Massnahme3_Ergebnis: 'halb erreicht' }), 'mapping.unknown-code', 'integrationPlan.measures[2].outcome', 'Massnahme3_Ergebnis'],
  ['a Zwecke label outside its table', set({ Einw1_Zwecke: 'Fallübergabe, Werbung' }), 'mapping.unknown-code', 'consents[0].purposes[1]', 'Einw1_Zwecke'],
  ['a Stelle outside the configuration', set({ Stelle: 'IS Zürich' }), 'mapping.unknown-organisation', 'responsibility.institutionId', 'Stelle'],
  ['an Empfänger neither type nor Stelle', set({ Einw1_Empfänger: 'Sozialdienst, Sozialamt Zürich' }), 'mapping.unknown-organisation', 'consents[0].recipients[1]', 'Einw1_Empfänger'],
  ['a Datei extension outside its table', set({ Dok1_Datei: 'sprachpass.bmp' }), 'mapping.unknown-code', 'documents[0].mediaType', 'Dok1_Datei'],
  ['ja/nein neither', set({ Abkl2_Ausbildung_abgeschlossen: 'vielleicht' }), 'mapping.invalid-boolean', 'potentialAssessments[1].education[0].completed', 'Abkl2_Ausbildung_abgeschlossen'],
  ['Pensum 0%', set({ Pensum: '0%' }), 'mapping.out-of-range', 'employment.workloadPercent', 'Pensum'],
  ['Arbeitsfähigkeit 110%', set({ Abkl1_Arbeitsfähigkeit: '110%' }), 'mapping.out-of-range', 'potentialAssessments[0].health.workCapacityPercent', 'Abkl1_Arbeitsfähigkeit'],
  ['non-integer Bytes', set({ Dok1_Bytes: '288,4' }), 'mapping.invalid-number', 'documents[0].size', 'Dok1_Bytes'],
  ['a non-integer IP_Version', set({ IP_Version: '2b' }), 'mapping.invalid-number', 'integrationPlan.version', 'IP_Version'],
  ['a SHA256 not 64 hex digits', set({ Dok3_SHA256: 'zz51fd37f4dd990ce84ea705a31bd55d7a6b4d485c9c2b3b1fb1c7d5243ef437' }), 'mapping.invalid-hash', 'documents[2].sha256', 'Dok3_SHA256'],
  ['a slot reference that is no number', set({ Massnahme1_Dok: 'D1' }), 'mapping.invalid-reference', 'integrationPlan.measures[0].documentIds[0]', 'Massnahme1_Dok'],
  ['a slot reference to an empty Dok group', set({ Einw1_Dok: '4' }), 'mapping.invalid-reference', 'consents[0].documentId', 'Einw1_Dok'],
  ['a certificate in an empty Dok group', set({ Abkl2_Deutsch_Zertifikat: '4' }), 'mapping.invalid-reference', 'potentialAssessments[1].languageSkills[0].certificateDocumentId', 'Abkl2_Deutsch_Zertifikat'],
];

describe('CM-T → contract: invalid input rejects the row (FORMAT.md)', () => {
  it.each(cases)('%s', (_name, edit, code, field, nativeField) => {
    const sheet = load('rich', 'minimal');
    edit(sheet);
    const hidden = ['Al-Hamwi', 'Khaled', '2645.1903', '17.08.1986', edit.value];
    expectRejected(toContract([file(sheet)], ctx), { nativeId: RICH, code, field, nativeField, hidden, kept: [MINIMAL], keyOf: (r) => r.source.localPersonId });
  });

  it('a row with more cells than the header (an unquoted ;) is rejected, naming the last column', () => {
    const sheet = load('rich', 'minimal');
    sheet.rows[0]!.push('surplus');
    const result = toContract([file(sheet)], ctx);
    expect(result.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.field, r.error.details.nativeField])).toEqual([[RICH, 'mapping.malformed-row', 'source', 'Einw3_Dok']]);
    expect(result.records.map((r) => r.source.localPersonId)).toEqual([MINIMAL]);
  });

  it('a row cut short is rejected, naming the first missing column', () => {
    const sheet = load('rich', 'minimal');
    sheet.rows[1] = sheet.rows[1]!.slice(0, 30);
    const result = toContract([file(sheet)], ctx);
    expect(result.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.nativeField])).toEqual([[MINIMAL, 'mapping.malformed-row', 'Vorher_Phase']]);
  });

  it('a file whose header lacks a column of the layout is refused as a whole', () => {
    const sheet = load('rich');
    sheet.header[sheet.header.indexOf('Fallführung')] = 'Fallfuehrung';
    expect(() => toContract([file(sheet)], ctx)).toThrow(expect.objectContaining({ code: 'cm-t.column-missing', details: expect.objectContaining({ nativeField: 'Fallführung' }) }));
  });

  it('unknown Status, Massnahme Typ and Dok Art fall back to other with the label; Typ wins over Finanzierung; andere has none', () => {
    const sheet = load('rich');
    person(sheet, RICH).set('Massnahme1_Typ', 'Velokurs');
    person(sheet, RICH).set('Massnahme1_Finanzierung', 'Stiftung');
    person(sheet, RICH).set('Massnahme2_Finanzierung', 'Stiftung');
    const [record] = toContract([file(sheet)], ctx).records;
    const measures = record!.integrationPlan!.measures!;
    expect(measures[0]).toMatchObject({ type: 'other', nativeCode: 'Velokurs', financedBy: 'other' });
    expect(measures[1]).toMatchObject({ type: 'work-trial', nativeCode: 'Stiftung', financedBy: 'other' });
    expect(measures[4]!.type).toBe('other');
    expect(measures[4]!.nativeCode).toBeUndefined();
  });
});
