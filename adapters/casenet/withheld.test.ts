import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { describeWithheld } from '../../src/adapters/testing.js';
import type { CaseRecord, ConnectionSettings, NativeInput } from '../../src/adapters/sdk.js';
import { deliveryRequest, jsonInput, mockedNetwork } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { AI_BENEFIT_ASSESSMENT, ALL_WITHHELD, fixture, shownIn, valuesAt, withheld, withheldStrings, WITHHOLDINGS, type Body, type Withholding } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. CaseNet marks none of its fields required
// (`null` and `[]` mean absent, FORMAT.md quirk 1): each absent part is written absent.

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2024-03-15T08:00:00Z') };
const delivery = { transferId: 'tr-0815', at: new Date('2024-03-15T08:00:00Z') };
const parsed = (input: NativeInput): Body => JSON.parse(new TextDecoder().decode(input.content)) as Body;

function richRecord(): CaseRecord {
  const { records } = toContract([jsonInput('d', fixture('rich.dossier.json')), jsonInput('j', fixture('rich.journal.page1.json')), jsonInput('x', fixture('rich.documents.json'))], ctx);
  return records[0]!;
}

/** The requests of a delivery as one tree: the dossier, the journal entries, the documents. */
function written(record: CaseRecord): Body {
  const inputs = fromContract([record], ctx, delivery);
  const of = (kind: string): Body[] => inputs.filter((i) => i.name.includes(`.${kind}.`)).map(parsed);
  return { dossier: parsed(inputs[0]!), journal: of('journal'), documents: of('document') };
}

const isAbsent = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

/** Per withholding: the native fields that must be absent, and some that must still be written. */
const EXPECTED: Record<string, { absent: string[]; kept?: string[] }> = {
  person: { absent: ['dossier.beneficiaire'], kept: ['dossier.sejour.statuts[].code'] },
  'person (all but languages)': {
    absent: ['noAVS', 'noSymic', 'nom', 'prenom', 'sexe', 'dateNaissance', 'precisionDateNaissance', 'nationalite', 'domicile', 'entreeEnSuisse'].map((f) => `dossier.beneficiaire.${f}`),
    kept: ['dossier.beneficiaire.langues[].code'],
  },
  'person.languages': { absent: ['dossier.beneficiaire.langues'], kept: ['dossier.beneficiaire.nom'] },
  residence: { absent: ['dossier.sejour'], kept: ['dossier.pilotage.phaseAIS'] },
  responsibility: { absent: ['dossier.pilotage'], kept: ['dossier.sejour.statuts[].code', 'dossier.beneficiaire.nom'] },
  potentialAssessments: { absent: ['dossier.evaluations'] },
  integrationPlan: { absent: ['dossier.planIntegration'] },
  'integrationPlan (all but measures[].note)': {
    absent: ['dossier.planIntegration.validePar', 'dossier.planIntegration.objectifs', ...['type', 'intitule', 'prestataire', 'debut', 'fin', 'statut', 'resultat', 'financement', 'documents'].map((f) => `dossier.planIntegration.mesures[].${f}`)],
    kept: ['dossier.planIntegration.id', 'dossier.planIntegration.mesures[].id', 'dossier.planIntegration.mesures[].remarque'],
  },
  employment: { absent: ['dossier.situationProfessionnelle'] },
  socialAssistance: { absent: ['dossier.aideSociale'] },
  journal: { absent: ['journal'] },
  documents: { absent: ['documents'] },
  consents: { absent: ['dossier.procurations'] },
  'potentialAssessments[].health': { absent: ['dossier.evaluations[].sante'], kept: ['dossier.evaluations[].orientation'] },
  'potentialAssessments[].resources': { absent: ['dossier.evaluations[].ressources'], kept: ['dossier.evaluations[].id'] },
  'potentialAssessments[].obstacles': { absent: ['dossier.evaluations[].freins'], kept: ['dossier.evaluations[].id'] },
  'potentialAssessments[].goals': { absent: ['dossier.evaluations[].objectifs'], kept: ['dossier.evaluations[].id'] },
  'potentialAssessments[].languageSkills': { absent: ['dossier.evaluations[].langues'], kept: ['dossier.evaluations[].orientation'] },
  'potentialAssessments[].education': { absent: ['dossier.evaluations[].formations'], kept: ['dossier.evaluations[].orientation'] },
  'potentialAssessments[].workExperience': { absent: ['dossier.evaluations[].experiences'], kept: ['dossier.evaluations[].orientation'] },
  'potentialAssessments[].orientation': { absent: ['dossier.evaluations[].orientation'], kept: ['dossier.evaluations[].langues'] },
  'integrationPlan.measures[].note': { absent: ['dossier.planIntegration.mesures[].remarque'], kept: ['dossier.planIntegration.mesures[].intitule'] },
  'ai-benefit-assessment': {
    absent: [
      'dossier.pilotage',
      'dossier.beneficiaire.langues',
      'dossier.evaluations[].langues',
      'dossier.evaluations[].ressources',
      'dossier.evaluations[].freins',
      'dossier.evaluations[].objectifs',
      'dossier.planIntegration',
      'dossier.aideSociale',
      'dossier.procurations',
      'journal',
      'documents',
    ],
    kept: ['dossier.beneficiaire.nom', 'dossier.sejour.statuts[].code', 'dossier.evaluations[].orientation', 'dossier.situationProfessionnelle.situation'],
  },
  'all at once': {
    absent: ['beneficiaire', 'sejour', 'pilotage', 'evaluations', 'planIntegration', 'situationProfessionnelle', 'aideSociale', 'procurations'].map((f) => `dossier.${f}`).concat(['journal', 'documents']),
  },
};

describeWithheld('contract → CaseNet: a record without what the policy withheld', {
  rich: richRecord,
  expected: EXPECTED,
  written: written,
  others: [(r) => fromContract([r], ctx)],
  configuration: ctx.settings,
});

describe('CaseNet transport: a delivery to the Office AI (ai-benefit-assessment)', () => {
  mockedNetwork();
  const ORIGIN = 'https://casenet.fr.example';
  const API = '/api/v3';
  const settings: ConnectionSettings = { ...SAMPLE_CONTEXT, now: () => new Date('2025-03-03T08:15:23Z'), env: { CASENET_CLIENT_SECRET: 's3cret' } };
  const token = (): nock.Scope =>
    nock(ORIGIN).post('/oauth2/token', 'grant_type=client_credentials').basicAuth({ user: 'passerelle', pass: 's3cret' }).reply(200, { access_token: 'tok', token_type: 'Bearer', expires_in: 900 });
  const api = (): nock.Scope => nock(ORIGIN).matchHeader('authorization', 'Bearer tok');
  const request = () => deliveryRequest(withheld(richRecord(), AI_BENEFIT_ASSESSMENT), { transferId: '0b8f1f8e-1111-4a4a-9a9a-00000000a1a1', sender: 'fr-cii-coordination', target: 'fr-office-ai' });
  const RECEIPT = { noDossier: 'CII-2025-0002', idPersonne: 'BEN-012002', version: 1, recuLe: '2025-03-03T08:15:25Z' };

  it('creates the dossier without pilotage (responsibility withheld), and posts no journal entry nor document', async () => {
    token();
    let created: Body | undefined;
    const scope = api()
      .post(`${API}/dossiers`, (b: Body) => ((created = b), true))
      .reply(201, RECEIPT);
    const receipt = await connect(settings).deliver(request());
    scope.done();
    expect(created!.pilotage).toBeNull();
    expect(created!.sejour).toMatchObject({ statuts: expect.arrayContaining([expect.objectContaining({ code: expect.any(String) })]) });
    expect(receipt).toMatchObject({ reference: 'CII-2025-0002', status: 'created', details: { journalEntries: 0, documents: 0 } });
  });

  it('over a dossier CaseNet holds (409), keeps its pilotage: the withheld part clears nothing', async () => {
    token();
    let put: Body | undefined;
    const no = 'CII-2022-0153';
    const scope = api()
      .post(`${API}/dossiers`)
      .reply(409, { noDossierExistant: no })
      .get(`${API}/dossiers/${no}`)
      .reply(200, fixture('rich.dossier.json'))
      .get(`${API}/dossiers/${no}/journal`)
      .query(true)
      .reply(200, fixture('rich.journal.page1.json'))
      .get(`${API}/dossiers/${no}/documents`)
      .reply(200, fixture('rich.documents.json'))
      .put(`${API}/dossiers/${no}`, (b: Body) => ((put = b), true))
      .reply(200, { ...RECEIPT, noDossier: no, version: 13 });
    const receipt = await connect(settings).deliver(request());
    scope.done();
    const held = fixture('rich.dossier.json');
    expect(put!.pilotage).toEqual(held.pilotage);
    expect(put!.procurations).toEqual(held.procurations);
    expect(receipt).toMatchObject({ reference: no, status: 'updated' });
  });
});
