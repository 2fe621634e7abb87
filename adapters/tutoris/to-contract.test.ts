import { describe, expect, it } from 'vitest';
import { toContract } from './to-contract.js';
import { ctx, edit, input, richAndPlain } from './test-support.js';
import { expectRejected } from '../../src/adapters/testing.js';

type Edit = (doc: string) => string;
const replace = (from: string, to: string): Edit => (doc) => edit(doc, from, to);
const drop = (from: string): Edit => replace(from, '');
const all = (...edits: Edit[]): Edit => (doc) => edits.reduce((d, e) => e(d), doc);

// [rule, edit of Klient 104233, code, contract path, Tutoris field, the bad value (kept out of the message)]
const CASES: [string, Edit, string, string, string, string?][] = [
  // Missing required values
  ['Name missing', replace('<Name>Tesfamariam</Name>', '<Name/>'), 'mapping.required', 'person.officialName', 'Personalien/Name'],
  ['Vorname missing', drop('<Vorname>Selam</Vorname>'), 'mapping.required', 'person.firstName', 'Personalien/Vorname'],
  ['Geschlecht missing', drop('<Geschlecht>W</Geschlecht>'), 'mapping.required', 'person.sex', 'Personalien/Geschlecht'],
  ['Geburtsdatum 00.00.0000', replace('17.04.1994', '00.00.0000'), 'mapping.required', 'person.dateOfBirth', 'Personalien/Geburtsdatum'],
  [
    'no Status',
    all(drop('<Status Code="B" Von="01.03.2026" Bis="31.12.9999"/>'), drop('<Status Code="VA" Von="27.08.2020" Bis="28.02.2026"/>'), drop('<Status Code="AS" Von="12.09.2019" Bis="26.08.2020"/>')),
    'mapping.required',
    'residence.statusHistory',
    'Aufenthalt/Status',
  ],
  ['Status @Von missing (native order: no place in the contract order)', replace(' Von="27.08.2020"', ''), 'mapping.required', 'residence.statusHistory[1].from', 'Aufenthalt/Status[1]/@Von'],
  ['@DossierNr empty', replace('DossierNr="FL-2019-0412"', 'DossierNr=""'), 'mapping.required', 'source.localCaseId', 'Dossier/@DossierNr'],
  ['Fallfuehrung @Phase missing', replace('<Fallfuehrung Phase="KANT"', '<Fallfuehrung'), 'mapping.required', 'responsibility.phase', 'Dossier/Fallfuehrung/@Phase'],
  ['Fallfuehrung @Stelle missing', replace(' Stelle="KSA-FKS" Seit="15.10.2019"', ' Seit="15.10.2019"'), 'mapping.required', 'responsibility.institutionId', 'Dossier/Fallfuehrung/@Stelle'],
  ['Fallfuehrung @Seit missing', replace(' Seit="15.10.2019">', '>'), 'mapping.required', 'responsibility.since', 'Dossier/Fallfuehrung/@Seit'],
  ['Potenzialabklaerung @Id empty (second by date, first in the file)', replace('Id="PA-6120"', 'Id=""'), 'mapping.required', 'potentialAssessments[1].id', 'Abklaerungen/Potenzialabklaerung[0]/@Id'],
  ['Massnahme @Id missing', replace('<Massnahme Id="M-3" ', '<Massnahme '), 'mapping.required', 'integrationPlan.measures[2].id', 'Integrationsplan/Massnahme[2]/@Id'],
  ['Ziel @Id missing', replace('<Ziel Id="Z2" ', '<Ziel '), 'mapping.required', 'integrationPlan.goals[1].id', 'Integrationsplan/Ziel[1]/@Id'],
  ['Titel missing', replace('<Titel>Integrationsvorlehre Detailhandel</Titel>', ''), 'mapping.required', 'integrationPlan.measures[2].title', 'Integrationsplan/Massnahme[2]/Titel'],
  ['Massnahme @Typ missing', replace(' Typ="SPRACHKURS"', ''), 'mapping.required', 'integrationPlan.measures[0].type', 'Integrationsplan/Massnahme[0]/@Typ'],
  ['Massnahme @Status missing', replace(' Status="ABGEBROCHEN"', ''), 'mapping.required', 'integrationPlan.measures[2].status', 'Integrationsplan/Massnahme[2]/@Status'],
  ['Eintrag @Id missing (oldest: first in the contract, last in the file)', replace('<Eintrag Id="J-9" ', '<Eintrag '), 'mapping.required', 'journal[0].id', 'Journal/Eintrag[3]/@Id'],
  ['Eintrag @Zeitpunkt missing', replace(' Zeitpunkt="15.10.2019 10:15"', ''), 'mapping.required', 'journal[3].at', 'Journal/Eintrag[3]/@Zeitpunkt'],
  ['Eintrag @Stelle missing', replace('Zeitpunkt="02.03.2021 14:05" Stelle="KSA-FKS"', 'Zeitpunkt="02.03.2021 14:05"'), 'mapping.required', 'journal[1].institutionId', 'Journal/Eintrag[2]/@Stelle'],
  ['Eintrag @Kategorie missing', replace(' Kategorie="ENTSCHEID"', ''), 'mapping.required', 'journal[3].category', 'Journal/Eintrag[0]/@Kategorie'],
  ['Eintrag text missing', (d) => d.replace(/(<Eintrag Id="J-30"[^>]*>)[^<]*/, '$1  '), 'mapping.required', 'journal[2].text', 'Journal/Eintrag[1]'],
  ['Dokument @Bytes missing', replace(' Bytes="88412"', ''), 'mapping.required', 'documents[0].size', 'Dokumente/Dokument[0]/@Bytes'],
  ['Dokument @MimeType missing', replace(' MimeType="application/pdf" Bytes="183204"', ' Bytes="183204"'), 'mapping.required', 'documents[1].mediaType', 'Dokumente/Dokument[1]/@MimeType'],
  ['Dokument @Datum missing', replace(' Datum="04.06.2021"', ''), 'mapping.required', 'documents[3].date', 'Dokumente/Dokument[3]/@Datum'],
  ['Vollmacht without Empfaenger', drop('<Empfaenger Typ="RAV"/>'), 'mapping.required', 'consents[1].recipients', 'Vollmachten/Vollmacht[1]/Empfaenger'],
  ['Vollmacht without Zweck', drop('<Zweck>LEISTUNG</Zweck>'), 'mapping.required', 'consents[2].purposes', 'Vollmachten/Vollmacht[2]/Zweck'],
  ['Vollmacht without Kategorie', all(drop('<Kategorie>GESUNDH</Kategorie>'), (d) => d.replace(/(<Empfaenger Stelle="IV-SH"\/>[\s\S]*?)<Kategorie>PERS<\/Kategorie>/, '$1')), 'mapping.required', 'consents[2].dataCategories', 'Vollmachten/Vollmacht[2]/Kategorie'],
  // AHV numbers
  ['AHVN13 of 12 digits', replace('756.3201.4467.16', '756.3201.4467.1'), 'mapping.invalid-ahv', 'person.vn', 'Personalien/AHVN13', '756320144671'],
  ['AHVN13 not starting 756', replace('756.3201.4467.16', '757.3201.4467.16'), 'mapping.invalid-ahv', 'person.vn', 'Personalien/AHVN13', '7573201446716'],
  ['AHVN13 with a wrong check digit', replace('756.3201.4467.16', '756.3201.4467.17'), 'mapping.invalid-ahv', 'person.vn', 'Personalien/AHVN13', '7563201446717'],
  // Dates and timestamps
  ['Einreise 31.02.2020', replace('<Einreise>12.09.2019</Einreise>', '<Einreise>31.02.2020</Einreise>'), 'mapping.invalid-date', 'person.arrivalDate', 'Personalien/Einreise', '31.02.2020'],
  ['a malformed Geburtsdatum', replace('17.04.1994', '1994/04/17'), 'mapping.invalid-date', 'person.dateOfBirth', 'Personalien/Geburtsdatum', '1994/04/17'],
  ['Massnahme @Ende 32.13.2020', replace('Ende="18.12.2020"', 'Ende="32.13.2020"'), 'mapping.invalid-date', 'integrationPlan.measures[0].end', 'Integrationsplan/Massnahme[0]/@Ende', '32.13.2020'],
  ['Eintrag @Zeitpunkt at 25:30', replace('12.01.2025 09:30', '12.01.2025 25:30'), 'mapping.invalid-date', 'journal[1].at', 'Journal/Eintrag[1]/@Zeitpunkt', '25:30'],
  // Unknown codes of lists without other
  ['an unknown @Phase', replace('<Fallfuehrung Phase="KANT"', '<Fallfuehrung Phase="ORBIT"'), 'mapping.unknown-code', 'responsibility.phase', 'Dossier/Fallfuehrung/@Phase', 'ORBIT'],
  ['an unknown Geschlecht (its other is a value, not a fallback)', replace('<Geschlecht>W</Geschlecht>', '<Geschlecht>D</Geschlecht>'), 'mapping.unknown-code', 'person.sex', 'Personalien/Geschlecht'],
  ['an unknown @Niveau', replace('Niveau="B1"', 'Niveau="B3"'), 'mapping.unknown-code', 'potentialAssessments[1].languageSkills[0].level', 'Abklaerungen/Potenzialabklaerung[0]/Sprachkompetenz[0]/@Niveau', 'B3'],
  ['an unknown journal @Kategorie', replace('Kategorie="TELEFON"', 'Kategorie="SMS"'), 'mapping.unknown-code', 'journal[1].category', 'Journal/Eintrag[2]/@Kategorie', 'SMS'],
  ['an unknown Zweck', replace('<Zweck>VERMITTLUNG</Zweck>', '<Zweck>WERBUNG</Zweck>'), 'mapping.unknown-code', 'consents[1].purposes[0]', 'Vollmachten/Vollmacht[1]/Zweck[0]', 'WERBUNG'],
  ['an unknown Kategorie of a Vollmacht', replace('<Kategorie>GESUNDH</Kategorie>', '<Kategorie>ALLES</Kategorie>'), 'mapping.unknown-code', 'consents[2].dataCategories[1]', 'Vollmachten/Vollmacht[2]/Kategorie[1]', 'ALLES'],
  ['an unknown Empfaenger @Typ', replace('<Empfaenger Typ="RAV"/>', '<Empfaenger Typ="BANK"/>'), 'mapping.unknown-code', 'consents[1].recipients[0]', 'Vollmachten/Vollmacht[1]/Empfaenger[0]/@Typ', 'BANK'],
  ['an unknown country', replace('<Nationalitaet Code="ERI">', '<Nationalitaet Code="QQQ">'), 'mapping.unknown-code', 'person.nationality', 'Personalien/Nationalitaet/@Code', 'QQQ'],
  ['an unknown Bildung @Land', replace('Land="ERI" Jahre="12" Abgeschlossen="J" AnerkanntCH="N"', 'Land="ZZZ" Jahre="12" Abgeschlossen="J" AnerkanntCH="N"'), 'mapping.unknown-code', 'potentialAssessments[1].education[0].country', 'Abklaerungen/Potenzialabklaerung[0]/Bildung[0]/@Land', 'ZZZ'],
  ['an unknown Stelle', replace('Stelle="KSA-FKS" Seit="15.10.2019"', 'Stelle="XYZ-99" Seit="15.10.2019"'), 'mapping.unknown-organisation', 'responsibility.institutionId', 'Dossier/Fallfuehrung/@Stelle', 'XYZ-99'],
  ['an unknown Stelle of a former responsibility', replace('Stelle="BAZ-KRE"', 'Stelle="BAZ-ALT"'), 'mapping.unknown-organisation', 'responsibility.history[0].institutionId', 'Dossier/FruehereFallfuehrung[0]/@Stelle', 'BAZ-ALT'],
  ['an unknown Anbieter @Stelle', replace('<Anbieter Stelle="IFS">', '<Anbieter Stelle="IFS-2">'), 'mapping.unknown-organisation', 'integrationPlan.measures[3].providerId', 'Integrationsplan/Massnahme[3]/Anbieter/@Stelle', 'IFS-2'],
  ['a J/N that is neither', replace('Zertifiziert="J"', 'Zertifiziert="Y"'), 'mapping.invalid-boolean', 'potentialAssessments[1].languageSkills[0].certified', 'Abklaerungen/Potenzialabklaerung[0]/Sprachkompetenz[0]/@Zertifiziert'],
  // Numbers and hashes
  ['@Pensum 120', replace('Pensum="40"', 'Pensum="120"'), 'mapping.out-of-range', 'employment.workloadPercent', 'Dossier/Erwerb/@Pensum', '120'],
  ['@Arbeitsfaehigkeit 101', replace('Arbeitsfaehigkeit="100"', 'Arbeitsfaehigkeit="101"'), 'mapping.out-of-range', 'potentialAssessments[1].health.workCapacityPercent', 'Abklaerungen/Potenzialabklaerung[0]/Gesundheit/@Arbeitsfaehigkeit', '101'],
  ['@Jahre 1.5', replace('ISCO="9112" Jahre="1"', 'ISCO="9112" Jahre="1.5"'), 'mapping.invalid-number', 'potentialAssessments[1].workExperience[1].years', 'Abklaerungen/Potenzialabklaerung[0]/Berufserfahrung[1]/@Jahre', '1.5'],
  ['@Bytes not a number', replace('Bytes="45310"', 'Bytes="45 KB"'), 'mapping.invalid-number', 'documents[4].size', 'Dokumente/Dokument[4]/@Bytes', '45 KB'],
  ['@Version 3a', replace('Version="3"', 'Version="3a"'), 'mapping.invalid-number', 'integrationPlan.version', 'Integrationsplan/@Version', '3a'],
  ['@SHA256 in upper case', replace('0aac14861434d05999095809bb95597b8309ef2f08071aa8a46c02fbef900eb0', '0AAC14861434D05999095809BB95597B8309EF2F08071AA8A46C02FBEF900EB0'), 'mapping.invalid-hash', 'documents[0].sha256', 'Dokumente/Dokument[0]/@SHA256', '0AAC1486'],
  ['@SHA256 too short', replace('0aac14861434d05999095809bb95597b8309ef2f08071aa8a46c02fbef900eb0', '0aac1486'), 'mapping.invalid-hash', 'documents[0].sha256', 'Dokumente/Dokument[0]/@SHA256', '0aac1486'],
  ['@ISCO not an ISCO-08 code', replace('ISCO="7531"', 'ISCO="75311"'), 'mapping.unknown-code', 'potentialAssessments[1].workExperience[0].iscoCode', 'Abklaerungen/Potenzialabklaerung[0]/Berufserfahrung[0]/@ISCO', '75311'],
  ['@BFS 0', replace('BFS="2939"', 'BFS="0"'), 'mapping.out-of-range', 'person.municipality.bfsNumber', 'Personalien/Wohngemeinde/@BFS'],
];

describe('Tutoris → contract, invalid input (FORMAT.md): the Klient is rejected, the others go on', () => {
  it.each(CASES)('%s', (_rule, change, code, field, nativeField, bad) => {
    const result = toContract([input(change(richAndPlain()))], ctx);
    expectRejected(result, { nativeId: '104233', code, field, nativeField, hidden: ['Tesfamariam', 'Selam', bad], kept: ['104512'], keyOf: (r) => r.source.localPersonId });
  });

  it('a Klient without @PersonNr is rejected by its position in the file', () => {
    const result = toContract([input(edit(richAndPlain(), '<Klient PersonNr="104233">', '<Klient>'))], ctx);
    expect(result.records.map((r) => r.source.localPersonId)).toEqual(['104512']);
    expect(result.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.field, r.error.details.nativeField])).toEqual([
      ['Klient[0]', 'mapping.required', 'source.localPersonId', '@PersonNr'],
    ]);
  });

  it('a rejected Klient of one file does not stop the Klienten of the next', () => {
    const bad = input(edit(richAndPlain(), '<Geschlecht>W</Geschlecht>', '<Geschlecht>Q</Geschlecht>'), 'TUT_AIS_SH-KSA_20260401_061500.xml');
    const good = input(richAndPlain(), 'TUT_AIS_SH-KSA_20260401_063000.xml');
    const result = toContract([bad, good], ctx);
    expect(result.records.map((r) => r.source.localPersonId)).toEqual(['104512', '104233', '104512']);
    expect(result.rejections.map((r) => r.nativeId)).toEqual(['104233']);
  });
});
