import { describe, expect, it } from 'vitest';
import { FLUE, fixtureText, mapText, swap } from './test-kit.js';
import { expectAllRejected, expectRejected } from '../../src/adapters/testing.js';

// FORMAT.md, "Invalid input": each rule rejects the person (or, for a UE's own fields,
// every member) naming the native field and the contract path; the others go on.

const HAIDARI = '2021.0113/30117';
const flue = (): string => fixtureText(FLUE);

type Edit = (xml: string) => string;
const drop = (element: string): Edit => (xml) => swap(xml, element, '');
const set = (from: string, to: string): Edit => (xml) => swap(xml, from, to);

// name, edit, code, field, nativeField, the value that must not appear in the message
const PERSON_RULES: [string, Edit, string, string, string, string?][] = [
  ['Name missing', set('<Name>Haidari</Name>', '<Name/>'), 'mapping.required', 'person.officialName', 'Name'],
  ['Vorname missing', drop('<Vorname>Mohammad Nabi</Vorname>'), 'mapping.required', 'person.firstName', 'Vorname'],
  ['GeschlechtCd missing', drop('<GeschlechtCd>1</GeschlechtCd>'), 'mapping.required', 'person.sex', 'GeschlechtCd'],
  ['GebDat missing', set('<GebDat>21.03.1989</GebDat>', '<GebDat/>'), 'mapping.required', 'person.dateOfBirth', 'GebDat'],
  ['GebDat 01.01.1900 (migrated blank)', set('<GebDat>21.03.1989</GebDat>', '<GebDat>01.01.1900</GebDat>'), 'mapping.required', 'person.dateOfBirth', 'GebDat'],
  ['StatusHistorie missing', (x) => x.replace(/<StatusHistorie>[\s\S]*?<\/StatusHistorie>/, ''), 'mapping.required', 'residence.statusHistory', 'StatusHistorie'],
  ['SBNr missing', drop('<SBNr>SB-2024-077</SBNr>'), 'mapping.required', 'potentialAssessments[1].id', 'Standortbestimmungen/Standortbestimmung[1]/SBNr'],
  ['PlanNr missing', drop('<PlanNr>IP-30117-2</PlanNr>'), 'mapping.required', 'integrationPlan.id', 'Integrationsplanung/PlanNr'],
  ['ZielNr missing', drop('<ZielNr>2</ZielNr>'), 'mapping.required', 'integrationPlan.goals[1].id', 'Integrationsplanung/Ziele/Ziel[1]/ZielNr'],
  ['MassnNr missing', drop('<MassnNr>M-5502</MassnNr>'), 'mapping.required', 'integrationPlan.measures[1].id', 'Integrationsplanung/Massnahmen/Massnahme[1]/MassnNr'],
  ['a measure without Bezeichnung', drop('<Bezeichnung>EBA Automobilassistent</Bezeichnung>'), 'mapping.required', 'integrationPlan.measures[4].title', 'Integrationsplanung/Massnahmen/Massnahme[4]/Bezeichnung'],
  ['a measure without StatusCd', (x) => swap(x, '<StatusCd>1</StatusCd>', ''), 'mapping.required', 'integrationPlan.measures[5].status', 'Integrationsplanung/Massnahmen/Massnahme[5]/StatusCd'],
  ['EwNr missing', drop('<EwNr>EW-845</EwNr>'), 'mapping.required', 'consents[1].id', 'Einwilligungen/Einwilligung[1]/EwNr'],
  ['an Einwilligung without ZweckCd', drop('<ZweckCd>VERM</ZweckCd>'), 'mapping.required', 'consents[1].purposes', 'Einwilligungen/Einwilligung[1]/ZweckCd'],
  ['an Einwilligung without DatenCd', (x) => x.replace(/(<EwNr>EW-846<\/EwNr>[\s\S]*?)(\s*<DatenCd>\w+<\/DatenCd>)+/, '$1'), 'mapping.required', 'consents[2].dataCategories', 'Einwilligungen/Einwilligung[2]/DatenCd'],
  ['an Einwilligung without recipient', drop('<EmpfStelleCd>IVSO</EmpfStelleCd>'), 'mapping.required', 'consents[2].recipients', 'Einwilligungen/Einwilligung[2]/EmpfCd'],
  ['an AHVN13 of 12 digits', set('<AHVN13>7565172088933</AHVN13>', '<AHVN13>756517208893</AHVN13>'), 'mapping.invalid-ahv', 'person.vn', 'AHVN13', '756517208893'],
  ['an AHVN13 not starting 756', set('<AHVN13>7565172088933</AHVN13>', '<AHVN13>7555172088933</AHVN13>'), 'mapping.invalid-ahv', 'person.vn', 'AHVN13', '7555172088933'],
  ['an AHVN13 with a wrong check digit', set('<AHVN13>7565172088933</AHVN13>', '<AHVN13>7565172088934</AHVN13>'), 'mapping.invalid-ahv', 'person.vn', 'AHVN13', '7565172088934'],
  ['an impossible GueltigAb', set('<GueltigAb>14.12.2022</GueltigAb>', '<GueltigAb>31.02.2022</GueltigAb>'), 'mapping.invalid-date', 'residence.statusHistory[1].from', 'StatusHistorie/Status[0]/GueltigAb', '31.02.2022'],
  ['an ISO date in EinreiseCH', set('<EinreiseCH>09.08.2021</EinreiseCH>', '<EinreiseCH>2021-08-09</EinreiseCH>'), 'mapping.invalid-date', 'person.arrivalDate', 'EinreiseCH', '2021-08-09'],
  ['an unknown GebDatGenauigkeit', set('<GebDatGenauigkeit>T</GebDatGenauigkeit>', '<GebDatGenauigkeit>X</GebDatGenauigkeit>'), 'mapping.unknown-code', 'person.dateOfBirth', 'GebDatGenauigkeit'],
  ['an unknown SpracheCd', set('<SpracheCd>14</SpracheCd>', '<SpracheCd>77</SpracheCd>'), 'mapping.unknown-code', 'person.languages[1].code', 'Sprachen/Sprache[1]/SpracheCd'],
  ['an unknown StelleCd of an assessment', set('<StelleCd>FIS</StelleCd>', '<StelleCd>XYZ</StelleCd>'), 'mapping.unknown-organisation', 'potentialAssessments[1].institutionId', 'Standortbestimmungen/Standortbestimmung[1]/StelleCd'],
  ['an unknown PerspektiveCd', set('<PerspektiveCd>B</PerspektiveCd>', '<PerspektiveCd>Q</PerspektiveCd>'), 'mapping.unknown-code', 'potentialAssessments[1].orientation', 'Standortbestimmungen/Standortbestimmung[1]/PerspektiveCd'],
  ['an unknown Niveau', set('<Niveau>B1</Niveau>', '<Niveau>B3</Niveau>'), 'mapping.unknown-code', 'potentialAssessments[1].languageSkills[0].level', 'Standortbestimmungen/Standortbestimmung[1]/Sprachstand[0]/Niveau'],
  ['a malformed StaatCd', set('<StaatCd>AF</StaatCd>', '<StaatCd>Afg</StaatCd>'), 'mapping.unknown-code', 'person.nationality', 'StaatCd', 'Afg'],
  ['an unknown ErwerbCd', set('<ErwerbCd>3</ErwerbCd>', '<ErwerbCd>8</ErwerbCd>'), 'mapping.unknown-code', 'employment.situation', 'Erwerb/ErwerbCd'],
  ['PensumProz 120', set('<PensumProz>100</PensumProz>', '<PensumProz>120</PensumProz>'), 'mapping.out-of-range', 'employment.workloadPercent', 'Erwerb/PensumProz'],
  ['ArbeitsfaehigkeitProz 101', set('<ArbeitsfaehigkeitProz>90</ArbeitsfaehigkeitProz>', '<ArbeitsfaehigkeitProz>101</ArbeitsfaehigkeitProz>'), 'mapping.out-of-range', 'potentialAssessments[1].health.workCapacityPercent', 'Standortbestimmungen/Standortbestimmung[1]/ArbeitsfaehigkeitProz'],
];

// A note or document routed to Haidari alone rejects him alone.
const ROUTED_RULES: [string, Edit, string, string, string, string?][] = [
  ['NotizNr missing', drop('<NotizNr>AN-80544</NotizNr>'), 'mapping.required', 'journal[1].id', 'Aktennotizen/Aktennotiz[1]/NotizNr'],
  // An undated note has no place in the order by time: it is counted first.
  ['ErfasstAm missing', set('<ErfasstAm>15.03.2024 14:10:12</ErfasstAm>', '<ErfasstAm/>'), 'mapping.required', 'journal[0].at', 'Aktennotizen/Aktennotiz[1]/ErfasstAm'],
  ['an impossible ErfasstAm', set('<ErfasstAm>15.03.2024 14:10:12</ErfasstAm>', '<ErfasstAm>15.03.2024 25:10:12</ErfasstAm>'), 'mapping.invalid-date', 'journal[1].at', 'Aktennotizen/Aktennotiz[1]/ErfasstAm', '25:10:12'],
  ['a note without ArtCd', drop('<ArtCd>GS</ArtCd>'), 'mapping.required', 'journal[1].category', 'Aktennotizen/Aktennotiz[1]/ArtCd'],
  ['a note with an unknown ArtCd', set('<ArtCd>GS</ArtCd>', '<ArtCd>ZZ</ArtCd>'), 'mapping.unknown-code', 'journal[1].category', 'Aktennotizen/Aktennotiz[1]/ArtCd'],
  ['a note without Text', (x) => x.replace(/<Text>Standortgespr[^<]*<\/Text>/, '<Text/>'), 'mapping.required', 'journal[1].text', 'Aktennotizen/Aktennotiz[1]/Text'],
  ['DokNr missing', drop('<DokNr>D-4470</DokNr>'), 'mapping.required', 'documents[2].id', 'Dokumente/Dokument[2]/DokNr'],
  ['a Dokument without Bezeichnung', drop('<Bezeichnung>Bericht Arbeitsabkl\u00e4rung Oltech</Bezeichnung>'), 'mapping.required', 'documents[2].title', 'Dokumente/Dokument[2]/Bezeichnung'],
  ['a Dokument without DokArtCd', drop('<DokArtCd>2</DokArtCd>'), 'mapping.required', 'documents[2].kind', 'Dokumente/Dokument[2]/DokArtCd'],
  ['a Dokument without Dateityp', (x) => swap(x, '<DokArtCd>2</DokArtCd>\r\n\t\t\t\t<Dateityp>PDF</Dateityp>', '<DokArtCd>2</DokArtCd>'), 'mapping.required', 'documents[2].mediaType', 'Dokumente/Dokument[2]/Dateityp'],
  ['an unknown Dateityp', (x) => swap(x, '<DokArtCd>2</DokArtCd>\r\n\t\t\t\t<Dateityp>PDF</Dateityp>', '<DokArtCd>2</DokArtCd><Dateityp>XLS</Dateityp>'), 'mapping.unknown-code', 'documents[2].mediaType', 'Dokumente/Dokument[2]/Dateityp'],
  ['a Dokument without GroesseBytes', drop('<GroesseBytes>355012</GroesseBytes>'), 'mapping.required', 'documents[2].size', 'Dokumente/Dokument[2]/GroesseBytes'],
  ['a Dokument without Pruefsumme', (x) => x.replace(/<Pruefsumme>8781[0-9A-F]+<\/Pruefsumme>/, ''), 'mapping.required', 'documents[2].sha256', 'Dokumente/Dokument[2]/Pruefsumme'],
  ['a Pruefsumme of 63 hex digits', (x) => x.replace(/<Pruefsumme>8781([0-9A-F]+)E186<\/Pruefsumme>/, '<Pruefsumme>8781$1E18</Pruefsumme>'), 'mapping.invalid-hash', 'documents[2].sha256', 'Dokumente/Dokument[2]/Pruefsumme', '8781D172'],
  ['a Dokument without Datum', drop('<Datum>28.08.2023</Datum>'), 'mapping.required', 'documents[2].date', 'Dokumente/Dokument[2]/Datum'],
];

describe('KLIBnet → contract: a person is rejected, the other members go on', () => {
  it.each([...PERSON_RULES, ...ROUTED_RULES])('%s', (_name, edit, code, field, nativeField, secret) => {
    const result = mapText(edit(flue()));
    expectRejected(result, { nativeId: HAIDARI, code, field, nativeField, hidden: ['Haidari', secret], kept: ['FLUE-30118'], keyOf: (r) => r.source.localPersonId });
  });
});

// The UE's own fields are copied to every member: a fault there rejects all of them.
const UE_RULES: [string, Edit, string, string, string][] = [
  ['StelleCd missing', drop('<StelleCd>SROL</StelleCd>'), 'mapping.required', 'responsibility.institutionId', 'Zustaendigkeit/StelleCd'],
  ['ZustaendigAb missing', drop('<ZustaendigAb>01.11.2021</ZustaendigAb>'), 'mapping.required', 'responsibility.since', 'Zustaendigkeit/ZustaendigAb'],
  ['PhaseCd missing (FLUE)', drop('<PhaseCd>30</PhaseCd>'), 'mapping.required', 'responsibility.phase', 'Zustaendigkeit/PhaseCd'],
  ['PhaseCd 35', set('<PhaseCd>30</PhaseCd>', '<PhaseCd>35</PhaseCd>'), 'mapping.unknown-code', 'responsibility.phase', 'Zustaendigkeit/PhaseCd'],
  ['a StelleCd the configuration table does not know', set('<StelleCd>BAZ-BS</StelleCd>', '<StelleCd>BAZ-ZH</StelleCd>'), 'mapping.unknown-organisation', 'responsibility.history[0].institutionId', 'ZustaendigkeitHistorie/Zeile[1]/StelleCd'],
  ['UENr missing', set('<UENr>2021.0113</UENr>', '<UENr/>'), 'mapping.required', 'source.localCaseId', 'UENr'],
  ['a note naming a PersNr outside the UE', (x) => swap(x, '<PersNr>30117</PersNr>\r\n\t\t\t\t<Text>Herr', '<PersNr>39999</PersNr>\r\n\t\t\t\t<Text>Herr'), 'mapping.unknown-member', 'journal', 'Aktennotizen/Aktennotiz[2]/PersNr'],
  ['a document naming a PersNr outside the UE', (x) => x.replace(/(<Datum>04\.11\.2022<\/Datum>\s*)<PersNr>30117<\/PersNr>/, '$1<PersNr>39999</PersNr>'), 'mapping.unknown-member', 'documents', 'Dokumente/Dokument[0]/PersNr'],
];

describe('KLIBnet → contract: a fault of the UE rejects every member', () => {
  it.each(UE_RULES)('%s', (_name, edit, code, field, nativeField) => {
    const idOf = (id: string): string | undefined => id.split('/')[1];
    expectAllRejected(mapText(edit(flue())), { nativeIds: ['30117', '30118'], idOf, code, field, nativeField, hidden: /Haidari|Rahimi/ });
  });

  it('PersNr missing rejects that person, named by position', () => {
    const result = mapText(swap(flue(), '<PersNr>30118</PersNr>', '<PersNr/>'));
    expect(result.records.map((r) => r.source.localPersonId)).toEqual(['FLUE-30117']);
    expect(result.rejections.map((r) => r.nativeId)).toEqual(['2021.0113/?']);
    expect(result.rejections[0]!.error).toMatchObject({ code: 'mapping.required', details: { field: 'source.localPersonId', nativeField: 'PersNr' } });
  });

  it('a rejected UE does not stop the next UE of the file', () => {
    const xml = flue();
    const ue = /<UE>[\s\S]*<\/UE>/.exec(xml)![0];
    const second = ue.replace('<UENr>2021.0113</UENr>', '<UENr>2021.0999</UENr>').replace('<PhaseCd>30</PhaseCd>', '<PhaseCd>35</PhaseCd>');
    const both = swap(xml, ue, `${ue}\r\n\t${second}`).replace('<AnzahlUE>1</AnzahlUE>', '<AnzahlUE>2</AnzahlUE>');
    const result = mapText(both);
    expect(result.records.map((r) => r.source.localCaseId)).toEqual(['FLUE-2021.0113', 'FLUE-2021.0113']);
    expect(result.rejections.map((r) => r.nativeId)).toEqual(['2021.0999/30117', '2021.0999/30118']);
  });
});
