import { describe, expect, it } from 'vitest';
import { describeWithheld } from '../../src/adapters/testing.js';
import type { CaseRecord, ConnectionSettings, NativeInput } from '../../src/adapters/sdk.js';
import { MappingError } from '../../src/adapters/sdk.js';
import { deliveryRequest, expectRefusedForGood, jsonInput, mockedNetwork } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { AI_BENEFIT_ASSESSMENT, ALL_WITHHELD, fixture, shownIn, valuesAt, withheld, withheldStrings, WITHHOLDINGS, type Body, type Withholding } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. In Lora `null` means absent and a module
// without content is left out (quirk 1), but INFO_PRIMAIRE, SEJOUR and ENCADREMENT are
// required (quirk 2): without the part one of them is made of, the write fails before
// anything is sent, naming the contract path and the module.

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2024-03-15T06:00:00Z') };
const delivery = { transferId: 'tr-4711', at: new Date('2024-03-15T06:00:00Z') };
const richRecord = (): CaseRecord => toContract([jsonInput('p', fixture('rich.page1.json'))], ctx).records[0]!;
const parsed = (input: NativeInput): Body => JSON.parse(new TextDecoder().decode(input.content)) as Body;
const modulesOf = (record: CaseRecord): Body => parsed(fromContract([record], ctx, delivery)[0]!).modules as Body;
const isAbsent = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

type Outcome = { absent: string[]; kept?: string[] } | { refused: { field: string; nativeField: string } };

const EVALUATIONS = 'INTEGRATION.evaluations[]';
const MEASURES = 'INTEGRATION.plan.mesures[]';

const EXPECTED: Record<string, Outcome> = {
  person: { refused: { field: 'person', nativeField: 'INFO_PRIMAIRE' } },
  'person (all but languages)': {
    absent: ['noAVS', 'noZEMIS', 'nom', 'prenom', 'sexe', 'naissance', 'nationalite', 'domicile', 'dateEntree', 'menage'].map((f) => `INFO_PRIMAIRE.${f}`),
    kept: ['INFO_PRIMAIRE.langues[].code', 'SEJOUR.permis[].type'],
  },
  'person.languages': { absent: ['INFO_PRIMAIRE.langues'], kept: ['INFO_PRIMAIRE.nom'] },
  residence: { refused: { field: 'residence', nativeField: 'SEJOUR' } },
  responsibility: { refused: { field: 'responsibility', nativeField: 'ENCADREMENT' } },
  potentialAssessments: { absent: ['INTEGRATION.evaluations'], kept: ['INTEGRATION.plan.id'] },
  integrationPlan: { absent: ['INTEGRATION.plan'], kept: [`${EVALUATIONS}.id`] },
  'integrationPlan (all but measures[].note)': {
    absent: ['INTEGRATION.plan.validePar', 'INTEGRATION.plan.objectifs', ...['categorie', 'libelle', 'prestataire', 'debut', 'fin', 'etat', 'resultat', 'financement', 'documents'].map((f) => `${MEASURES}.${f}`)],
    kept: ['INTEGRATION.plan.id', `${MEASURES}.id`, `${MEASURES}.commentaire`],
  },
  // Never written (read-only for the profile PASSERELLE): absent either way.
  employment: { absent: ['TRAVAIL_REMUNERE'] },
  socialAssistance: { absent: ['AIDE_SOCIALE'] },
  journal: { absent: ['JOURNAL'] },
  documents: { absent: ['DOCUMENTS'] },
  consents: { absent: ['AUTORISATIONS'] },
  'potentialAssessments[].health': { absent: [`${EVALUATIONS}.capaciteTravail`, `${EVALUATIONS}.restrictionsSante`], kept: [`${EVALUATIONS}.orientation`] },
  'potentialAssessments[].resources': { absent: [`${EVALUATIONS}.ressources`], kept: [`${EVALUATIONS}.id`] },
  'potentialAssessments[].obstacles': { absent: [`${EVALUATIONS}.obstacles`], kept: [`${EVALUATIONS}.id`] },
  'potentialAssessments[].goals': { absent: [`${EVALUATIONS}.objectifs`], kept: [`${EVALUATIONS}.id`] },
  'potentialAssessments[].languageSkills': { absent: [`${EVALUATIONS}.competencesLinguistiques`], kept: [`${EVALUATIONS}.orientation`] },
  'potentialAssessments[].education': { absent: [`${EVALUATIONS}.formations`], kept: [`${EVALUATIONS}.orientation`] },
  'potentialAssessments[].workExperience': { absent: [`${EVALUATIONS}.experiences`], kept: [`${EVALUATIONS}.orientation`] },
  'potentialAssessments[].orientation': { absent: [`${EVALUATIONS}.orientation`], kept: [`${EVALUATIONS}.competencesLinguistiques`] },
  'integrationPlan.measures[].note': { absent: [`${MEASURES}.commentaire`], kept: [`${MEASURES}.libelle`] },
  'ai-benefit-assessment': { refused: { field: 'responsibility', nativeField: 'ENCADREMENT' } },
  'all at once': { refused: { field: 'person', nativeField: 'INFO_PRIMAIRE' } },
};

describeWithheld('contract → Lora: a record without what the policy withheld', {
  rich: richRecord,
  expected: EXPECTED,
  written: modulesOf,
  others: [(r) => fromContract([r], ctx)],
  configuration: ctx.settings,
});

describe('Lora transport: a delivery to the Office AI (ai-benefit-assessment)', () => {
  mockedNetwork();
  const settings: ConnectionSettings = { ...SAMPLE_CONTEXT, now: () => new Date('2024-03-15T06:00:00Z'), env: { LORA_VS_PASSWORD: 's3cret-pw' } };

  it('fails before sending, for good, naming responsibility and ENCADREMENT', async () => {
    const request = deliveryRequest(withheld(richRecord(), AI_BENEFIT_ASSESSMENT), { transferId: 'tr-ai-0001', sender: 'vs-croix-rouge', target: 'vs-office-ai' });
    // No scope is set up: a request sent would fail as unreachable, not as a mapping error.
    const error = await connect(settings).deliver(request).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'mapping.required', retryable: false, details: { field: 'responsibility', nativeField: 'ENCADREMENT' } });
  });
});
