import { describe, expect, it } from 'vitest';
import { STATUSES, toContract } from './to-contract.js';
import { bodies, ctx, row, type Json } from './test-inputs.js';
import { asJson, asJsonList, edited, expectRejected, jsonInputs } from '../../src/adapters/testing.js';

const RICH = 'NE-2021-00417';
const EDGE = ['NE-2015-00981', 'NE-2023-00312', 'NE-2022-01420'];

/** Rich and edge answers together: the rich dossier is edited, the three edge dossiers must still map. */
const mapEdited = (edit: (rich: Map<string, Json>) => void) => toContract(jsonInputs(edited(bodies('rich'), edit), bodies('edge')), ctx);

const contact = (b: Map<string, Json>) => row(b, 'rich.contacts.json');
const dossier = (b: Map<string, Json>) => row(b, 'rich.dossier.json');
const statuses = (b: Map<string, Json>) => asJsonList(contact(b)[STATUSES]);

type Case = [name: string, edit: (b: Map<string, Json>) => void, code: string, field: string, nativeField: string, bad?: string];

describe('Centralis → contract, invalid input (FORMAT.md)', () => {
  const cases: Case[] = [
    ['a null lastname', (b) => (contact(b).lastname = null), 'mapping.required', 'person.officialName', 'lastname'],
    ['a null firstname', (b) => (contact(b).firstname = null), 'mapping.required', 'person.firstName', 'firstname'],
    ['a null gendercode', (b) => (contact(b).gendercode = null), 'mapping.required', 'person.sex', 'gendercode'],
    ['an unknown gendercode', (b) => (contact(b).gendercode = 3), 'mapping.unknown-code', 'person.sex', 'gendercode'],
    ['a null birthdate', (b) => (contact(b).birthdate = null), 'mapping.required', 'person.dateOfBirth', 'birthdate'],
    ['an impossible birthdate', (b) => (contact(b).birthdate = '1990-02-30'), 'mapping.invalid-date', 'person.dateOfBirth', 'birthdate', '1990-02-30'],
    ['an unknown birth-date precision', (b) => (contact(b).smig_precisiondatenaissance = 100000007), 'mapping.unknown-code', 'person.dateOfBirth', 'smig_precisiondatenaissance'],
    ['no status', (b) => (contact(b)[STATUSES] = []), 'mapping.required', 'residence.statusHistory', STATUSES],
    ['a null smig_phase', (b) => (dossier(b).smig_phase = null), 'mapping.required', 'responsibility.phase', 'smig_phase'],
    ['an unknown smig_phase', (b) => (dossier(b).smig_phase = 100000042), 'mapping.unknown-code', 'responsibility.phase', 'smig_phase'],
    ['a null smig_institution', (b) => (dossier(b).smig_institution = null), 'mapping.required', 'responsibility.institutionId', 'smig_institution'],
    ['an account number not in the map', (b) => (asJson(dossier(b).smig_institution).accountnumber = 'NE-XYZ'), 'mapping.unknown-organisation', 'responsibility.institutionId', 'smig_institution.accountnumber', 'NE-XYZ'],
    ['a null smig_responsabledepuis', (b) => (dossier(b).smig_responsabledepuis = null), 'mapping.required', 'responsibility.since', 'smig_responsabledepuis'],
    ['an impossible Date Only value', (b) => (dossier(b).smig_responsabledepuis = '2024-13-02'), 'mapping.invalid-date', 'responsibility.since', 'smig_responsabledepuis', '2024-13-02'],
    ['a wrong AHV check digit', (b) => (contact(b).smig_noavs = '756.8304.9261.59'), 'mapping.invalid-ahv', 'person.vn', 'smig_noavs', '756.8304.9261.59'],
    ['an AHV number not starting 756', (b) => (contact(b).smig_noavs = '123.8304.9261.58'), 'mapping.invalid-ahv', 'person.vn', 'smig_noavs', '123.8304.9261.58'],
    ['an AHV number of 12 digits', (b) => (contact(b).smig_noavs = '756.8304.9261.5'), 'mapping.invalid-ahv', 'person.vn', 'smig_noavs'],
    ['an impossible legacy date', (b) => (contact(b).smig_dateentreesuisse = '2021-02-29T23:00:00Z'), 'mapping.invalid-date', 'person.arrivalDate', 'smig_dateentreesuisse'],
    ['a legacy timestamp that is not local midnight', (b) => (contact(b).smig_dateentreesuisse = '2021-03-22T09:30:00Z'), 'mapping.invalid-date', 'person.arrivalDate', 'smig_dateentreesuisse'],
    [
      'a status start at UTC midnight (01:00 in Zurich)',
      (b) => (statuses(b)[0]!.smig_datedebut = '2022-02-14T00:00:00Z'),
      'mapping.invalid-date',
      'residence.statusHistory[0].from',
      `${STATUSES}[0].smig_datedebut`,
    ],
    ['a language option without ExternalValue', (b) => (contact(b).cosm_premierelangue = 100000016), 'mapping.unknown-code', 'person.languages[0].code', 'cosm_premierelangue'],
    ['a language value outside the option set', (b) => (contact(b).cosm_autreslangues = '100000009,100000077'), 'mapping.unknown-code', 'person.languages[2].code', 'cosm_autreslangues[1]'],
    [
      'an unknown cosm_niveau',
      (b) => (asJsonList(row(b, 'rich.evaluations.json', 1).cosm_evaluationpotentiel_competence)[0]!.cosm_niveau = 100000009),
      'mapping.unknown-code',
      'potentialAssessments[1].languageSkills[0].level',
      'cosm_evaluationpotentiel[1].cosm_evaluationpotentiel_competence[0].cosm_niveau',
    ],
    ['an unknown cosm_orientation', (b) => (row(b, 'rich.evaluations.json').cosm_orientation = 100000005), 'mapping.unknown-code', 'potentialAssessments[0].orientation', 'cosm_evaluationpotentiel[0].cosm_orientation'],
    [
      'an unknown measure cosm_statut',
      (b) => (asJsonList(row(b, 'rich.plans.json').cosm_planintegration_mesure)[2]!.cosm_statut = 100000005),
      'mapping.unknown-code',
      'integrationPlan.measures[2].status',
      'cosm_planintegration.cosm_planintegration_mesure[2].cosm_statut',
    ],
    ['an unknown activitytypecode', (b) => (row(b, 'rich.activities.json', 1).activitytypecode = 'fax'), 'mapping.unknown-code', 'journal[1].category', 'activitypointer[1].activitytypecode', 'fax'],
    [
      'a business unit not in the map',
      (b) => (row(b, 'rich.activities.json')['_owningbusinessunit_value@OData.Community.Display.V1.FormattedValue'] = 'OSAS'),
      'mapping.unknown-organisation',
      'journal[0].institutionId',
      'activitypointer[0]._owningbusinessunit_value',
      'OSAS',
    ],
    ['an unknown consent cosm_finalites value', (b) => (row(b, 'rich.consentements.json').cosm_finalites = '100000000,100000008'), 'mapping.unknown-code', 'consents[0].purposes[1]', 'cosm_consentement[0].cosm_finalites[1]'],
    ['a documentbody that is not base64', (b) => (row(b, 'rich.annotations.json').documentbody = 'not base64!'), 'mapping.invalid-content', 'documents[0].sha256', 'annotation[0].documentbody'],
  ];

  it.each(cases)('%s rejects the dossier, naming the native field and the contract path', (_name, edit, code, field, nativeField, bad) => {
    expectRejected(mapEdited(edit), { nativeId: RICH, code, field, nativeField, hidden: ['Hosseini', bad], kept: EDGE });
  });

  it('names a dossier without smig_name by its id', () => {
    const result = mapEdited((b) => {
      dossier(b).smig_name = null;
    });
    expect(result.rejections[0]).toMatchObject({ nativeId: '7184ce80-efb7-5735-960e-d1f14ff6fa8c', error: { details: { field: 'source.localCaseId', nativeField: 'smig_name' } } });
  });

  it('rejects a dossier whose contact is not in the answers', () => {
    const result = mapEdited((b) => {
      row(b, 'rich.contacts.json').contactid = '00000000-0000-4000-8000-000000000000';
    });
    expect(result.rejections[0]?.error.details).toMatchObject({ field: 'person', nativeField: 'contact' });
  });

  it('refuses an input it cannot read, naming the file', () => {
    expect(() => toContract([{ name: 'x.json', content: new TextEncoder().encode('{"value": []}') }], ctx)).toThrow(/x\.json/);
    expect(() => toContract([{ name: 'y.json', content: new TextEncoder().encode('not json') }], ctx)).toThrow(/y\.json/);
  });
});
