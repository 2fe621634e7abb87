import { describe, expect, it } from 'vitest';
import { fixture, type Body } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { expectRejected, jsonInput, setPath } from '../../src/adapters/testing.js';

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2025-02-14T06:00:00Z') };

/** The rich Dossier (edited) and the minimal one, as two reads. */
function read(edit: (dossier: Body) => void) {
  const rich = fixture('rich.dossier.json');
  edit(rich);
  return toContract([jsonInput('rich.dossier.json', rich), jsonInput('minimal.dossier.json', fixture('minimal.dossier.json'))], ctx);
}

// [rule, path, value, code, contract path, native field]
const RULES: [string, string, unknown, string, string, string][] = [
  ['name missing', 'person.name', undefined, 'mapping.required', 'person.officialName', 'person.name'],
  ['vorname missing', 'person.vorname', undefined, 'mapping.required', 'person.firstName', 'person.vorname'],
  ['geschlecht missing', 'person.geschlecht', undefined, 'mapping.required', 'person.sex', 'person.geschlecht'],
  ['geburtsdatum missing', 'person.geburtsdatum', undefined, 'mapping.required', 'person.dateOfBirth', 'person.geburtsdatum'],
  ['no statusverlauf', 'aufenthalt.statusverlauf', undefined, 'mapping.required', 'residence.statusHistory', 'aufenthalt.statusverlauf'],
  ['zustaendigkeit.phase missing', 'zustaendigkeit.phase', undefined, 'mapping.required', 'responsibility.phase', 'zustaendigkeit.phase'],
  ['zustaendigkeit.organisation missing', 'zustaendigkeit.organisation', undefined, 'mapping.required', 'responsibility.institutionId', 'zustaendigkeit.organisation'],
  ['zustaendigkeit.seit missing', 'zustaendigkeit.seit', undefined, 'mapping.required', 'responsibility.since', 'zustaendigkeit.seit'],
  ['a wrong AHV check digit', 'person.ahvNr', '756.2145.6883.06', 'mapping.invalid-ahv', 'person.vn', 'person.ahvNr'],
  ['an AHV number of 12 digits', 'person.ahvNr', '756.2145.6883.0', 'mapping.invalid-ahv', 'person.vn', 'person.ahvNr'],
  ['31.02.1990', 'person.geburtsdatum', '31.02.1990', 'mapping.invalid-date', 'person.dateOfBirth', 'person.geburtsdatum'],
  ['00.13.1990', 'person.geburtsdatum', '00.13.1990', 'mapping.invalid-date', 'person.dateOfBirth', 'person.geburtsdatum'],
  ['an ISO geburtsdatum', 'person.geburtsdatum', '1996-02-11', 'mapping.invalid-date', 'person.dateOfBirth', 'person.geburtsdatum'],
  ['1990-02-30', 'person.einreise', '1990-02-30', 'mapping.invalid-date', 'person.arrivalDate', 'person.einreise'],
  ['a ZEMIS-style date elsewhere', 'aufenthalt.statusverlauf[1].gueltigAb', '02.03.2022', 'mapping.invalid-date', 'residence.statusHistory[1].from', 'aufenthalt.statusverlauf[1].gueltigAb'],
  ['a timestamp without offset', 'journal[0].zeitpunkt', '2025-02-04 14:20:00', 'mapping.invalid-date', 'journal[0].at', 'journal[0].zeitpunkt'],
  ['an unknown geschlecht', 'person.geschlecht', 4, 'mapping.unknown-code', 'person.sex', 'person.geschlecht'],
  ['an unknown phase', 'zustaendigkeit.phase', 'MOND', 'mapping.unknown-code', 'responsibility.phase', 'zustaendigkeit.phase'],
  ['an unknown ausrichtung', 'potenzialabklaerungen[0].ausrichtung', 'IRGENDWO', 'mapping.unknown-code', 'potentialAssessments[0].orientation', 'potenzialabklaerungen[0].ausrichtung'],
  ['an unknown measure status', 'integrationsplan.massnahmen[1].status', 'PAUSIERT', 'mapping.unknown-code', 'integrationPlan.measures[1].status', 'integrationsplan.massnahmen[1].status'],
  ['an unknown niveau', 'potenzialabklaerungen[1].sprachkenntnisse[0].niveau', 'A3', 'mapping.unknown-code', 'potentialAssessments[1].languageSkills[0].level', 'potenzialabklaerungen[1].sprachkenntnisse[0].niveau'],
  ['an unknown kategorie', 'journal[1].kategorie', 'ANRUF', 'mapping.unknown-code', 'journal[2].category', 'journal[1].kategorie'],
  ['an unknown alpha-3 country', 'person.staatsangehoerigkeit', 'QQQ', 'mapping.unknown-code', 'person.nationality', 'person.staatsangehoerigkeit'],
  ['an alpha-2 country', 'potenzialabklaerungen[0].ausbildungen[0].land', 'ER', 'mapping.unknown-code', 'potentialAssessments[0].education[0].country', 'potenzialabklaerungen[0].ausbildungen[0].land'],
  ['an ISO 639-1 language', 'person.sprachen[0].code', 'ti', 'mapping.unknown-code', 'person.languages[0].code', 'person.sprachen[0].code'],
  ['an organisation not in the map', 'zustaendigkeit.organisation', 'GEM-4999-SD', 'mapping.unknown-organisation', 'responsibility.institutionId', 'zustaendigkeit.organisation'],
  ['a provider not in the map', 'integrationsplan.massnahmen[0].anbieter.organisation', 'ANB-0999', 'mapping.unknown-organisation', 'integrationPlan.measures[0].providerId', 'integrationsplan.massnahmen[0].anbieter.organisation'],
  ['a recipient organisation not in the map', 'einwilligungen[0].empfaenger[2]', 'ORG:GEM-4999-SD', 'mapping.unknown-organisation', 'consents[0].recipients[2]', 'einwilligungen[0].empfaenger[2]'],
  ['a recipient without ORG: or TYP:', 'einwilligungen[0].empfaenger[0]', 'SOZIALDIENST', 'mapping.unknown-code', 'consents[0].recipients[0]', 'einwilligungen[0].empfaenger[0]'],
  ['a hex pruefsumme', 'dokumente[0].pruefsumme', '362ef13c628385aa7bdab2c25b863b000d15da9307a43c4fdf99b086b6b98e67', 'mapping.invalid-hash', 'documents[0].sha256', 'dokumente[0].pruefsumme'],
  ['pensum 0', 'erwerb.pensum', 0, 'mapping.out-of-range', 'employment.workloadPercent', 'erwerb.pensum'],
  ['arbeitsfaehigkeit 120', 'potenzialabklaerungen[0].gesundheit.arbeitsfaehigkeit', 120, 'mapping.out-of-range', 'potentialAssessments[0].health.workCapacityPercent', 'potenzialabklaerungen[0].gesundheit.arbeitsfaehigkeit'],
];

describe('DuFF → contract: invalid input (FORMAT "Invalid input")', () => {
  it.each(RULES)('%s rejects the Dossier, naming its dossierNr and both fields', (_rule, p, value, code, field, nativeField) => {
    const result = read((d) => setPath(d, p, value));
    const hidden = ['Tesfamariam', typeof value === 'string' && value.length > 2 && value];
    expectRejected(result, { nativeId: 'AG-2022-002874', code, field, nativeField, hidden, kept: ['AG-2024-006120'] });
  });
});

describe('DuFF → contract: quirks', () => {
  const rich = (edit: (d: Body) => void = () => undefined) => read(edit).records.find((r) => r.source.localCaseId === 'AG-2022-002874')!;

  it.each([
    ['00.00.1997', '1997'],
    ['00.03.2001', '2001-03'],
    ['11.02.1996', '1996-02-11'],
  ])('reads the ZEMIS date of birth %s', (geburtsdatum, expected) => {
    expect(rich((d) => setPath(d, 'person.geburtsdatum', geburtsdatum)).person.dateOfBirth).toBe(expected);
  });

  it('keeps the digits of ahvNr and zemisNr, and maps ICAO codes to XX', () => {
    expect(rich((d) => setPath(d, 'person.staatsangehoerigkeit', 'XXC')).person).toMatchObject({ vn: '7562145688305', zemisId: '24781093', nationality: 'XX' });
  });

  it('gives ISO 639-1 where one exists and keeps ISO 639-3 otherwise', () => {
    const record = rich((d) => setPath(d, 'person.sprachen', [{ code: 'tig', erstsprache: true }, { code: 'prs', erstsprache: false }, { code: 'deu', erstsprache: false }]));
    expect(record.person.languages!.map((l) => l.code)).toEqual(['tig', 'prs', 'de']);
  });

  it('drops fide sub-levels', () => {
    const record = rich((d) => setPath(d, 'potenzialabklaerungen[1].sprachkenntnisse[0].niveau', 'B1.2'));
    expect(record.potentialAssessments![1]!.languageSkills![0]!.level).toBe('B1');
  });

  it('turns a base64 pruefsumme into lower-case hex', () => {
    expect(rich().documents![0]!.sha256).toBe('362ef13c628385aa7bdab2c25b863b000d15da9307a43c4fdf99b086b6b98e67');
  });

  it('leaves out locked journal entries, and sorts what comes newest first', () => {
    const record = rich();
    expect(record.journal!.map((j) => j.id)).toEqual(['J-2024-12006', 'J-2024-12551', 'J-2025-00218', 'J-2025-00402']);
    expect(record.residence.statusHistory.map((s) => s.status)).toEqual(['N', 'F', 'F-refugee']);
    expect(JSON.stringify(record)).not.toMatch(/Kita-Anmeldung|VERTRAULICH|FALLFUEHRUNG/);
  });

  it('reads ORG: recipients through the map and TYP: through the type table', () => {
    expect(rich().consents![1]!.recipients).toEqual(['ag-rav-aarau', 'orp']);
  });

  it('keeps a measure art code first; SONSTIGE and ANDERE are other without it', () => {
    const record = rich((d) => {
      setPath(d, 'integrationsplan.massnahmen[0].art', 'AKTIV_PLUS');
      setPath(d, 'integrationsplan.massnahmen[0].kostentraeger', 'STIFTUNG');
      setPath(d, 'integrationsplan.massnahmen[1].kostentraeger', 'STIFTUNG');
      setPath(d, 'integrationsplan.massnahmen[2].art', 'SONSTIGE');
      setPath(d, 'integrationsplan.massnahmen[2].kostentraeger', 'ANDERE');
      setPath(d, 'aufenthalt.statusverlauf[0].status', 'VA_HF');
    });
    const [first, second, third] = record.integrationPlan!.measures!;
    expect(first).toMatchObject({ type: 'other', nativeCode: 'AKTIV_PLUS', financedBy: 'other' });
    expect(second).toMatchObject({ type: 'work-trial', nativeCode: 'STIFTUNG', financedBy: 'other' });
    expect(third).toMatchObject({ type: 'other', financedBy: 'other' });
    expect(third).not.toHaveProperty('nativeCode');
    expect(record.residence.statusHistory[2]).toEqual({ status: 'other', nativeCode: 'VA_HF', from: '2024-09-16' });
  });

  it('reads poll pages in order, and refuses pages of different snapshots', () => {
    const [one, two] = [fixture('edge.seite1.json'), fixture('edge.seite2.json')];
    expect(toContract([jsonInput('1', one), jsonInput('2', two)], ctx).records.map((r) => r.source.localCaseId)).toEqual(['AG-2023-003318', 'AG-2020-001127', 'AG-2022-004990']);
    expect(() => toContract([jsonInput('1', one), jsonInput('2', { ...two, stand: '2025-02-14T07:00:00+01:00' })], ctx)).toThrow(expect.objectContaining({ code: 'duff.mixed-snapshots' }));
    expect(() => toContract([jsonInput('x', { treffer: 0 })], ctx)).toThrow(expect.objectContaining({ code: 'duff.unknown-body' }));
  });

  it('stamps each record with its version and geaendertAm', () => {
    expect(read(() => undefined).stamps).toEqual([
      { version: '57', occurredAt: '2025-02-04T14:21:09+01:00' },
      { version: '2', occurredAt: '2025-02-10T08:31:12+01:00' },
    ]);
  });
});
