import { describe, expect, it } from 'vitest';
import type { XlsxBook, XlsxCell } from '../../src/adapters/sdk.js';
import { map, richAndMinimal, set } from './test-support.js';
import { expectRejected } from '../../src/adapters/testing.js';

const D = (serial: number): XlsxCell => ({ value: serial, numFmt: 'dd.mm.yyyy' });

type Case = [name: string, edit: (b: XlsxBook) => void, code: string, field: string, nativeField: string];
const P = 'Personen';

// FORMAT.md "Invalid input": each rule rejects person 540213 (rich.xlsx) with its child
// rows, while person 558812 of the same workbook still maps.
const cases: Case[] = [
  ['no Geburtsdatum', (b) => set(b, P, 0, 'Geburtsdatum', undefined), 'mapping.required', 'person.dateOfBirth', 'Personen!Geburtsdatum'],
  ['no Name', (b) => set(b, P, 0, 'Name', undefined), 'mapping.required', 'person.officialName', 'Personen!Name'],
  ['no Zuständig seit', (b) => set(b, P, 0, 'Zuständig seit', undefined), 'mapping.required', 'responsibility.since', 'Personen!Zuständig seit'],
  ['a Status without its ab', (b) => set(b, P, 0, 'Status 2 ab', undefined), 'mapping.required', 'residence.statusHistory[1].from', 'Personen!Status 2 ab'],
  ['an ab without its Status', (b) => set(b, P, 0, 'Status 3', undefined), 'mapping.required', 'residence.statusHistory[2].status', 'Personen!Status 3'],
  [
    'no status',
    (b) => ['Status 1', 'Status 1 ab', 'Status 2', 'Status 2 ab', 'Status 3', 'Status 3 ab'].forEach((h) => set(b, P, 0, h, undefined)),
    'mapping.required',
    'residence.statusHistory',
    'Personen!Status 1',
  ],
  ['two statuses with the same ab', (b) => set(b, P, 0, 'Status 2 ab', D(42075)), 'mapping.duplicate-date', 'residence.statusHistory[2].from', 'Personen!Status 3 ab'],
  ['incomplete Vorher columns', (b) => set(b, P, 0, 'Vorher bis', undefined), 'mapping.required', 'responsibility.history[0].to', 'Personen!Vorher bis'],
  ['no IP erstellt', (b) => set(b, P, 0, 'IP erstellt', undefined), 'mapping.required', 'integrationPlan.establishedOn', 'Personen!IP erstellt'],
  ['Massnahmen rows without IP-Nr', (b) => set(b, P, 0, 'IP-Nr', undefined), 'mapping.required', 'integrationPlan.id', 'Personen!IP-Nr'],
  ['a goal date without its goal', (b) => set(b, P, 0, 'Ziel 2', undefined), 'mapping.required', 'integrationPlan.goals[1].text', 'Personen!Ziel 2'],
  ['an AHV-Nr with a wrong check digit', (b) => set(b, P, 0, 'AHV-Nr', 7564802177659), 'mapping.invalid-ahv', 'person.vn', 'Personen!AHV-Nr'],
  ['an AHV-Nr not starting 756', (b) => set(b, P, 0, 'AHV-Nr', '123.4802.1776.58'), 'mapping.invalid-ahv', 'person.vn', 'Personen!AHV-Nr'],
  ['an impossible typed date', (b) => set(b, P, 0, 'Einreise', '31.04.2022'), 'mapping.invalid-date', 'person.arrivalDate', 'Personen!Einreise'],
  ['a malformed typed date', (b) => set(b, P, 0, 'Zuständig seit', 'Juli 2021'), 'mapping.invalid-date', 'responsibility.since', 'Personen!Zuständig seit'],
  ['a year typed into a date cell', (b) => set(b, P, 0, 'Geburtsdatum', D(1988)), 'mapping.invalid-date', 'person.dateOfBirth', 'Personen!Geburtsdatum'],
  ['a Zeitpunkt that is not a number', (b) => set(b, 'Verlauf', 0, 'Zeitpunkt', '12.03.2015 10:30'), 'mapping.invalid-date', 'journal[0].at', 'Verlauf!Zeitpunkt'],
  ['an unknown Geschlecht', (b) => set(b, P, 0, 'Geschlecht', 'weiblich'), 'mapping.unknown-code', 'person.sex', 'Personen!Geschlecht'],
  ['an unknown Phase', (b) => set(b, P, 0, 'Phase', 'Bezirk'), 'mapping.unknown-code', 'responsibility.phase', 'Personen!Phase'],
  ['an unknown Erwerbssituation', (b) => set(b, P, 0, 'Erwerbssituation', 'pensioniert'), 'mapping.unknown-code', 'employment.situation', 'Personen!Erwerbssituation'],
  ['a Sozialhilfe neither ja nor nein', (b) => set(b, P, 0, 'Sozialhilfe', 'teilweise'), 'mapping.invalid-boolean', 'socialAssistance.receives', 'Personen!Sozialhilfe'],
  ['an unknown Stelle', (b) => set(b, P, 0, 'Zuständige Stelle', 'Sozialdienst Basel'), 'mapping.unknown-organisation', 'responsibility.institutionId', 'Personen!Zuständige Stelle'],
  ['a Nationalität without its code', (b) => set(b, P, 0, 'Nationalität', 'Eritrea'), 'mapping.unknown-code', 'person.nationality', 'Personen!Nationalität'],
  ['an Erstsprache without its code', (b) => set(b, P, 0, 'Erstsprache', 'Tigrinya'), 'mapping.unknown-code', 'person.languages[0].code', 'Personen!Erstsprache'],
  ['a Weitere Sprachen entry that is no code', (b) => set(b, P, 0, 'Weitere Sprachen', 'am, Arabisch'), 'mapping.unknown-code', 'person.languages[2].code', 'Personen!Weitere Sprachen'],
  ['a Gemeinde without its BFS number', (b) => set(b, P, 0, 'Gemeinde', 'Schaffhausen'), 'mapping.unknown-code', 'person.municipality', 'Personen!Gemeinde'],
  ['a Pensum that is no whole percent', (b) => set(b, P, 0, 'Pensum', 0.805), 'mapping.invalid-number', 'employment.workloadPercent', 'Personen!Pensum'],
  ['a Pensum above 1', (b) => set(b, P, 0, 'Pensum', 1.2), 'mapping.out-of-range', 'employment.workloadPercent', 'Personen!Pensum'],
  ['a Pensum of 0', (b) => set(b, P, 0, 'Pensum', 0), 'mapping.out-of-range', 'employment.workloadPercent', 'Personen!Pensum'],
  ['a non-integer IP-Version', (b) => set(b, P, 0, 'IP-Version', 4.5), 'mapping.invalid-number', 'integrationPlan.version', 'Personen!IP-Version'],
  ['a non-integer Pers-Nr', (b) => set(b, P, 0, 'Pers-Nr', 540213.5), 'mapping.invalid-id', 'source.localPersonId', 'Personen!Pers-Nr'],
  // Abklärungen row 0 is ABK-147-02, the later one: potentialAssessments[1].
  ['an Arbeitsfähigkeit that is no whole percent', (b) => set(b, 'Abklärungen', 0, 'Arbeitsfähigkeit', 0.333), 'mapping.invalid-number', 'potentialAssessments[1].health.workCapacityPercent', 'Abklärungen!Arbeitsfähigkeit'],
  ['a non-integer Ausbildungsjahre', (b) => set(b, 'Abklärungen', 0, 'Ausbildungsjahre', 9.5), 'mapping.invalid-number', 'potentialAssessments[1].education[0].years', 'Abklärungen!Ausbildungsjahre'],
  ['an ISCO of 3 digits', (b) => set(b, 'Abklärungen', 0, 'ISCO', 432), 'mapping.invalid-isco', 'potentialAssessments[1].workExperience[0].iscoCode', 'Abklärungen!ISCO'],
  ['an unknown Orientierung', (b) => set(b, 'Abklärungen', 0, 'Orientierung', 'Rente'), 'mapping.unknown-code', 'potentialAssessments[1].orientation', 'Abklärungen!Orientierung'],
  ['an unknown Deutsch level', (b) => set(b, 'Abklärungen', 0, 'Deutsch Lesen', 'B3'), 'mapping.unknown-code', 'potentialAssessments[1].languageSkills[1].level', 'Abklärungen!Deutsch Lesen'],
  ['no Datum', (b) => set(b, 'Abklärungen', 1, 'Datum', undefined), 'mapping.required', 'potentialAssessments[1].date', 'Abklärungen!Datum'],
  ['a Beruf without Berufsjahre', (b) => set(b, 'Abklärungen', 0, 'Berufsjahre', undefined), 'mapping.required', 'potentialAssessments[1].workExperience[0].years', 'Abklärungen!Berufsjahre'],
  ['a Zertifikat that is none of the Dokumente', (b) => set(b, 'Abklärungen', 0, 'Zertifikat', 'DOK-999'), 'mapping.unknown-document', 'potentialAssessments[1].languageSkills[0].certificateDocumentId', 'Abklärungen!Zertifikat'],
  ['no Massnahmen Status', (b) => set(b, 'Massnahmen', 0, 'Status', undefined), 'mapping.required', 'integrationPlan.measures[0].status', 'Massnahmen!Status'],
  ['an unknown Massnahmen Status', (b) => set(b, 'Massnahmen', 0, 'Status', 'pausiert'), 'mapping.unknown-code', 'integrationPlan.measures[0].status', 'Massnahmen!Status'],
  ['no Bezeichnung', (b) => set(b, 'Massnahmen', 1, 'Bezeichnung', undefined), 'mapping.required', 'integrationPlan.measures[1].title', 'Massnahmen!Bezeichnung'],
  ['an unknown Ergebnis', (b) => set(b, 'Massnahmen', 0, 'Ergebnis', 'gut'), 'mapping.unknown-code', 'integrationPlan.measures[0].outcome', 'Massnahmen!Ergebnis'],
  ['a Massnahmen Dokumente ID that is none of the Dokumente', (b) => set(b, 'Massnahmen', 0, 'Dokumente', 'DOK-147-01, DOK-999'), 'mapping.unknown-document', 'integrationPlan.measures[0].documentIds[1]', 'Massnahmen!Dokumente'],
  ['no Eintrag', (b) => set(b, 'Verlauf', 0, 'Eintrag', undefined), 'mapping.required', 'journal[0].text', 'Verlauf!Eintrag'],
  ['no Verlauf Stelle', (b) => set(b, 'Verlauf', 0, 'Stelle', undefined), 'mapping.required', 'journal[0].institutionId', 'Verlauf!Stelle'],
  ['an unknown Kategorie', (b) => set(b, 'Verlauf', 0, 'Kategorie', 'Telefon'), 'mapping.unknown-code', 'journal[0].category', 'Verlauf!Kategorie'],
  ['no SHA-256', (b) => set(b, 'Dokumente', 0, 'SHA-256', undefined), 'mapping.required', 'documents[0].sha256', 'Dokumente!SHA-256'],
  ['a SHA-256 not of 64 hex digits', (b) => set(b, 'Dokumente', 0, 'SHA-256', 'abc123'), 'mapping.invalid-hash', 'documents[0].sha256', 'Dokumente!SHA-256'],
  ['a non-integer Grösse', (b) => set(b, 'Dokumente', 0, 'Grösse (Bytes)', 2105.5), 'mapping.invalid-number', 'documents[0].size', 'Dokumente!Grösse (Bytes)'],
  ['an unknown Dateityp', (b) => set(b, 'Dokumente', 0, 'Dateityp', 'GIF'), 'mapping.unknown-code', 'documents[0].mediaType', 'Dokumente!Dateityp'],
  ['no Dokumente Datum', (b) => set(b, 'Dokumente', 0, 'Datum', undefined), 'mapping.required', 'documents[0].date', 'Dokumente!Datum'],
  ['no Empfänger', (b) => set(b, 'Einwilligungen', 0, 'Empfänger', undefined), 'mapping.required', 'consents[0].recipients', 'Einwilligungen!Empfänger'],
  ['an unknown Empfänger', (b) => set(b, 'Einwilligungen', 0, 'Empfänger', 'Sozialdienst, Polizei'), 'mapping.unknown-organisation', 'consents[0].recipients[1]', 'Einwilligungen!Empfänger'],
  ['an unknown Zweck', (b) => set(b, 'Einwilligungen', 0, 'Zwecke', 'Werbung'), 'mapping.unknown-code', 'consents[0].purposes[0]', 'Einwilligungen!Zwecke'],
  ['an unknown Datenkategorie', (b) => set(b, 'Einwilligungen', 1, 'Datenkategorien', 'Personalien, Finanzen'), 'mapping.unknown-code', 'consents[1].dataCategories[1]', 'Einwilligungen!Datenkategorien'],
  ['an unknown Einwilligung Art', (b) => set(b, 'Einwilligungen', 0, 'Art', 'mündlich'), 'mapping.unknown-code', 'consents[0].kind', 'Einwilligungen!Art'],
  ['no unterschrieben am', (b) => set(b, 'Einwilligungen', 0, 'unterschrieben am', undefined), 'mapping.required', 'consents[0].grantedOn', 'Einwilligungen!unterschrieben am'],
  ['a Formular that is none of the Dokumente', (b) => set(b, 'Einwilligungen', 0, 'Formular', 'DOK-999'), 'mapping.unknown-document', 'consents[0].documentId', 'Einwilligungen!Formular'],
];

describe('excel-sh → contract, invalid input (FORMAT.md)', () => {
  it.each(cases)('%s rejects the person, naming Pers-Nr, the native field and the contract path', (_name, edit, code, field, nativeField) => {
    const book = richAndMinimal();
    edit(book);
    const nativeId = field === 'source.localPersonId' ? '540213.5' : '540213';
    const hidden = ['Asfaha', 'Mebrahtu', '7564802177', '31.04.2022', 'Juli 2021', 'Eritrea', 'Tigrinya', 'Polizei', 'Werbung', 'abc123'];
    expectRejected(map(book), { nativeId, code, field, nativeField, hidden, kept: ['558812'], keyOf: (r) => r.source.localPersonId });
  });

  it('a malformed Stand: rejects every person of the workbook, naming it', () => {
    const book = richAndMinimal();
    book.sheets[0]!.rows.get(2)!.set(2, { value: '32.03.2024' });
    const { records, rejections } = map(book);
    expect(records).toEqual([]);
    expect(rejections.map((r) => [r.nativeId, r.error.code, r.error.details.nativeField])).toEqual([
      ['540213', 'mapping.invalid-date', 'Personen!Stand:'],
      ['558812', 'mapping.invalid-date', 'Personen!Stand:'],
    ]);
  });

  it('a person without Pers-Nr is named by its row', () => {
    const book = richAndMinimal();
    set(book, P, 1, 'Pers-Nr', undefined);
    const { records, rejections } = map(book);
    expect(records.map((r) => r.source.localPersonId)).toEqual(['540213']);
    expect(rejections[0]).toMatchObject({ nativeId: 'Personen row 5', error: { code: 'mapping.required', details: { field: 'source.localPersonId', nativeField: 'Personen!Pers-Nr' } } });
  });
});
