import { describe, expect, it } from 'vitest';
import { toContract } from './to-contract.js';
import { ctx, files, row, twoCases, withText, type Sheets } from './test-support.js';
import { expectRejected } from '../../src/adapters/testing.js';

const RICH = 'GR-INT-2019-0042';
const MINIMAL = 'GR-INT-2023-0187';

type Edit = ((s: Sheets) => void) & { value?: string };
const set = (table: Parameters<typeof row>[1], key: string, value: string, column: string, to: string): Edit =>
  Object.assign((s: Sheets) => row(s, table, key, value).set(column, to), { value: to });

// One line per rule of FORMAT.md "Invalid input": the edit, then code, contract path, native field.
const cases: [string, Edit, string, string, string][] = [
  ['no Geburtsdatum', set('Personen', 'PersonNr', '100871', 'Geburtsdatum', ''), 'mapping.required', 'person.dateOfBirth', 'Personen.Geburtsdatum'],
  ['no Name', set('Personen', 'PersonNr', '100871', 'Name', ''), 'mapping.required', 'person.officialName', 'Personen.Name'],
  ['no Verlauf.Von', set('Verlauf', 'Code', 'B', 'Von', ''), 'mapping.required', 'residence.statusHistory[0].from', 'Verlauf.Von'],
  ['no Bis on a ZUSTAENDIGKEIT row', set('Verlauf', 'Stelle', 'AZ-GR', 'Bis', ''), 'mapping.required', 'responsibility.history[1].to', 'Verlauf.Bis'],
  ['no Massnahmen.Status', set('Massnahmen', 'MassnNr', 'M-1104', 'Status', ''), 'mapping.required', 'integrationPlan.measures[3].status', 'Massnahmen.Status'],
  ['no SPRACHE Nachweis', set('Kompetenzen', 'Zertifikat', 'DOK-7188', 'Nachweis', ''), 'mapping.required', 'potentialAssessments[1].languageSkills[0].certified', 'Kompetenzen.Nachweis'],
  ['no Plan_vom with a Plan_Nr', set('Faelle', 'FallNr', RICH, 'Plan_vom', ''), 'mapping.required', 'integrationPlan.establishedOn', 'Faelle.Plan_vom'],
  ['no AUFENTHALT row', (s) => (s.Verlauf.rows = s.Verlauf.rows.filter((r) => !(r[0] === RICH && r[1] === 'AUFENTHALT'))), 'mapping.required', 'residence.statusHistory', 'Verlauf.Art'],
  ['an AHVN13 with a wrong check digit', set('Personen', 'PersonNr', '100871', 'AHVN13', '756.3182.7465.09'), 'mapping.invalid-ahv', 'person.vn', 'Personen.AHVN13'],
  ['an AHVN13 not starting 756', set('Personen', 'PersonNr', '100871', 'AHVN13', '7573182746508'), 'mapping.invalid-ahv', 'person.vn', 'Personen.AHVN13'],
  ['an AHVN13 of 12 digits', set('Personen', 'PersonNr', '100871', 'AHVN13', '756318274650'), 'mapping.invalid-ahv', 'person.vn', 'Personen.AHVN13'],
  ['a ZEMIS_Nr with letters', set('Personen', 'PersonNr', '100871', 'ZEMIS_Nr', '2103A587.4'), 'mapping.invalid-zemis', 'person.zemisId', 'Personen.ZEMIS_Nr'],
  ['31.04.2023', set('Faelle', 'FallNr', RICH, 'Zustaendig_ab', '31.04.2023'), 'mapping.invalid-date', 'responsibility.since', 'Faelle.Zustaendig_ab'],
  ['2023-13-01', set('Personen', 'PersonNr', '100871', 'Einreise', '2023-13-01'), 'mapping.invalid-date', 'person.arrivalDate', 'Personen.Einreise'],
  ['00 outside Geburtsdatum', set('Verlauf', 'Code', 'VA', 'Von', '00.04.2019'), 'mapping.invalid-date', 'residence.statusHistory[0].from', 'Verlauf.Von'],
  ['an impossible Zeitpunkt', set('Journal', 'EintragNr', 'J-50388', 'Zeitpunkt', '28.02.2020 25:30'), 'mapping.invalid-date', 'journal[0].at', 'Journal.Zeitpunkt'],
  ['a malformed Mutiert', set('Faelle', 'FallNr', RICH, 'Mutiert', '14.03.2024'), 'mapping.invalid-date', 'source', 'Faelle.Mutiert'],
  ['an unknown Phase', set('Faelle', 'FallNr', RICH, 'Phase', 'KANTONAL'), 'mapping.unknown-code', 'responsibility.phase', 'Faelle.Phase'],
  ['an unknown Geschlecht', set('Personen', 'PersonNr', '100871', 'Geschlecht', 'X'), 'mapping.unknown-code', 'person.sex', 'Personen.Geschlecht'],
  ['an unknown Journal.Kategorie', set('Journal', 'EintragNr', 'J-52044', 'Kategorie', 'TELEFON'), 'mapping.unknown-code', 'journal[4].category', 'Journal.Kategorie'],
  ['an unknown Zwecke code', set('Einwilligungen', 'EwNr', 'EW-902', 'Zwecke', 'LEISTUNG,WERBUNG'), 'mapping.unknown-code', 'consents[1].purposes[1]', 'Einwilligungen.Zwecke'],
  ['WSH neither J nor N', set('Faelle', 'FallNr', RICH, 'WSH', 'Ja'), 'mapping.invalid-boolean', 'socialAssistance.receives', 'Faelle.WSH'],
  ['an unknown Verlauf.Art', set('Verlauf', 'Code', 'N', 'Art', 'STATUS'), 'mapping.unknown-code', 'residence.statusHistory', 'Verlauf.Art'],
  ['an unknown Kompetenzen.Typ', set('Kompetenzen', 'Code', '9412', 'Typ', 'HOBBY'), 'mapping.unknown-code', 'potentialAssessments[1]', 'Kompetenzen.Typ'],
  ['a Stelle missing from the configuration', set('Faelle', 'FallNr', RICH, 'Stelle', 'FSI-TG'), 'mapping.unknown-organisation', 'responsibility.institutionId', 'Faelle.Stelle'],
  ['an Empfaenger neither type nor Stelle', set('Einwilligungen', 'EwNr', 'EW-903', 'Empfaenger', 'RAV-ZUERICH'), 'mapping.unknown-organisation', 'consents[2].recipients[0]', 'Einwilligungen.Empfaenger'],
  ['Pensum 0', set('Faelle', 'FallNr', RICH, 'Pensum', '0'), 'mapping.out-of-range', 'employment.workloadPercent', 'Faelle.Pensum'],
  ['Pensum 101', set('Faelle', 'FallNr', RICH, 'Pensum', '101'), 'mapping.out-of-range', 'employment.workloadPercent', 'Faelle.Pensum'],
  ['Arbeitsfaehigkeit 120', set('Abklaerungen', 'AbklNr', 'AK-498', 'Arbeitsfaehigkeit', '120'), 'mapping.out-of-range', 'potentialAssessments[1].health.workCapacityPercent', 'Abklaerungen.Arbeitsfaehigkeit'],
  ['non-numeric Bytes', set('Dokumente', 'DokNr', 'DOK-7188', 'Bytes', '96 kB'), 'mapping.invalid-number', 'documents[1].size', 'Dokumente.Bytes'],
  ['a Nationalitaet not two capitals', set('Personen', 'PersonNr', '100871', 'Nationalitaet', 'AFG'), 'mapping.invalid-code', 'person.nationality', 'Personen.Nationalitaet'],
  ['a language code in capitals', set('Personen', 'PersonNr', '100871', 'Weitere_Sprachen', 'ps,DE,en'), 'mapping.invalid-code', 'person.languages[2].code', 'Personen.Weitere_Sprachen'],
  ['a SHA256 of 63 digits', set('Dokumente', 'DokNr', 'DOK-7301', 'SHA256', 'bfbb3d2ac1d270d41d546f609c49afcfc71a8c92477a75a6bf81ab700f857e4'), 'mapping.invalid-hash', 'documents[2].sha256', 'Dokumente.SHA256'],
  ['Ziele for a Fall without Plan_Nr', (s) => s.Ziele.rows.push(['Z-9', MINIMAL, 'Deutsch A1', '']), 'mapping.required', 'integrationPlan.id', 'Faelle.Plan_Nr'],
];

describe('Ecase → contract: invalid input rejects the whole case (FORMAT.md)', () => {
  it.each(cases)('%s', (_name, edit, code, field, nativeField) => {
    const sheets = twoCases();
    // Ziele/Massnahmen rules edit the minimal case; every other edit the rich one.
    const bad = field === 'integrationPlan.id' ? MINIMAL : RICH;
    edit(sheets);
    // Neither the person's values nor the bad value itself are in the message.
    const hidden = ['Sultani', 'Farid', '3182.7465', '03.09.1999', 'Tesfamariam', edit.value && edit.value.length > 2 && edit.value];
    expectRejected(toContract(files(sheets), ctx), { nativeId: bad, code, field, nativeField, hidden, kept: [bad === RICH ? MINIMAL : RICH] });
  });

  it('a row with an unquoted separator rejects its case, naming the table', () => {
    const inputs = withText(files(twoCases()), 'Journal', (t) => t.replace('"Arbeitsvertrag erhalten;\nKopie im Dossier abgelegt."', 'Arbeitsvertrag erhalten; Kopie'));
    const result = toContract(inputs, ctx);
    expect(result.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.field, r.error.details.nativeField])).toEqual([
      [RICH, 'mapping.malformed-row', 'journal[3]', 'Journal.Erfasst_von'],
    ]);
    expect(result.records.map((r) => r.source.localCaseId)).toEqual([MINIMAL]);
  });

  it('a row cut short rejects its case, naming the first missing column', () => {
    const inputs = withText(files(twoCases()), 'Personen', (t) => t.replace(/104521;;;Tesfamariam;Yonas;M;14\.02\.1996;[^\r\n]*/, '104521;;;Tesfamariam;Yonas;M'));
    const result = toContract(inputs, ctx);
    expect(result.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.field, r.error.details.nativeField])).toEqual([
      [MINIMAL, 'mapping.malformed-row', 'person', 'Personen.Geburtsdatum'],
    ]);
  });

  it('rows naming a FallNr the delivery has no Faelle row for are reported once, by that FallNr', () => {
    const sheets = twoCases();
    sheets.Journal.rows.push(['J-1', 'GR-INT-1999-0001', '01.01.2020 10:00', 'FSI-GR', 'NOTIZ', 'x', 'FI-07']);
    sheets.Dokumente.rows.push(['D-1', 'GR-INT-1999-0001', 't', 'BERICHT', 'application/pdf', 'a'.repeat(64), '1', '01.01.2020']);
    const result = toContract(files(sheets), ctx);
    expect(result.records).toHaveLength(2);
    expect(result.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.nativeField])).toEqual([['GR-INT-1999-0001', 'mapping.orphan-row', 'Journal.FallNr']]);
  });

  it('a Fall whose PersonNr has no Personen row is rejected', () => {
    const sheets = twoCases();
    sheets.Personen.rows = sheets.Personen.rows.filter((r) => r[0] !== '104521');
    const result = toContract(files(sheets), ctx);
    expect(result.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.field, r.error.details.nativeField])).toEqual([
      [MINIMAL, 'mapping.required', 'source.localPersonId', 'Personen.PersonNr'],
    ]);
  });

  it('an unknown Typ and Kostentraeger together keep the Typ as nativeCode; ANDERE is other without one', () => {
    const sheets = twoCases();
    row(sheets, 'Massnahmen', 'MassnNr', 'M-1101').set('Typ', 'AKTIV-PLUS');
    row(sheets, 'Massnahmen', 'MassnNr', 'M-1101').set('Kostentraeger', 'STIFTUNG');
    row(sheets, 'Massnahmen', 'MassnNr', 'M-1102').set('Kostentraeger', 'STIFTUNG');
    row(sheets, 'Massnahmen', 'MassnNr', 'M-1103').set('Typ', 'ANDERE');
    const measures = toContract(files(sheets), ctx).records[0]!.integrationPlan!.measures!;
    expect(measures[0]).toMatchObject({ type: 'other', nativeCode: 'AKTIV-PLUS', financedBy: 'other' });
    expect(measures[1]).toMatchObject({ type: 'work-trial', nativeCode: 'STIFTUNG', financedBy: 'other' });
    expect(measures[2]!.type).toBe('other');
    expect(measures[2]!.nativeCode).toBeUndefined();
  });

  it('Geschlecht D is other, a value of its own', () => {
    const sheets = twoCases();
    row(sheets, 'Personen', 'PersonNr', '100871').set('Geschlecht', 'D');
    expect(toContract(files(sheets), ctx).records[0]!.person.sex).toBe('other');
  });
});
