import { describe, expect, it } from 'vitest';
import { describeWithheld } from '../../src/adapters/testing.js';
import { readChangeSet, type CaseRecord } from '../../src/adapters/sdk.js';
import { AI_BENEFIT_ASSESSMENT, ALL_WITHHELD, jsonInputs, shownIn, valuesAt, withheld, withheldStrings, WITHHOLDINGS, type Withholding } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { bodies, ctx, type Json } from './test-inputs.js';
import { toContract } from './to-contract.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. Centralis marks no column required
// (FORMAT.md "Native structure") and the change set leaves out what is unknown, so an
// update never clears a value: each absent part is left out, never filled in.

const delivery = { transferId: 'tr-0815', at: new Date('2026-01-15T10:00:00Z') };
const richRecord = (): CaseRecord => toContract(jsonInputs(bodies('rich')), ctx).records[0]!;

/** `x@odata.bind` as `x@bind`, so that a path of the kit (split at dots) can name it. */
const bindless = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(bindless) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace('@odata.bind', '@bind'), bindless(x)])) : v;

/** The change set of a delivery as one tree: the bodies of its parts by entity set. */
function written(record: CaseRecord): Json {
  const [batch] = fromContract([record], ctx, delivery);
  const tree: Json = {};
  for (const part of readChangeSet(new TextDecoder().decode(batch!.content), batch!.name)) ((tree[part.entitySet] ??= []) as unknown[]).push(bindless(part.body));
  return tree;
}

const isAbsent = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

const CONTACT = 'contacts[]';
const DOSSIER = 'smig_dossiers[]';
const EVALUATIONS = 'cosm_evaluationpotentiels[]';
const MEASURES = 'cosm_mesures[]';
const IDENTITY = ['lastname', 'firstname', 'gendercode', 'birthdate', 'smig_precisiondatenaissance', 'smig_noavs', 'smig_nosymic', 'smig_nationalite@bind', 'address1_city', 'smig_noofscommune', 'smig_dateentreesuisse'].map((f) => `${CONTACT}.${f}`);
const LANGUAGES = [`${CONTACT}.cosm_premierelangue`, `${CONTACT}.cosm_autreslangues`];
const RESPONSIBILITY = ['smig_phase', 'smig_institution@bind', 'ownerid@bind', 'smig_responsabledepuis'].map((f) => `${DOSSIER}.${f}`);
const ACTIVITIES = ['phonecalls', 'tasks', 'smig_decisions', 'smig_transferts', 'cosm_notesantes', 'cosm_notefinances'];

const EXPECTED: Record<string, { absent: string[]; kept?: string[] }> = {
  person: { absent: [...IDENTITY, ...LANGUAGES], kept: [`${CONTACT}.contactid`, `${CONTACT}.smig_contact_smig_statutsejour_personne[].smig_statut`] },
  'person (all but languages)': { absent: IDENTITY, kept: LANGUAGES },
  'person.languages': { absent: LANGUAGES, kept: [`${CONTACT}.lastname`] },
  residence: { absent: [`${CONTACT}.smig_contact_smig_statutsejour_personne`, `${DOSSIER}.smig_datedecisionasile`], kept: [`${CONTACT}.lastname`, `${DOSSIER}.smig_phase`] },
  responsibility: { absent: RESPONSIBILITY, kept: [`${DOSSIER}.smig_name`, `${DOSSIER}.smig_datedecisionasile`] },
  potentialAssessments: { absent: ['cosm_evaluationpotentiels'], kept: [`${DOSSIER}.smig_phase`] },
  integrationPlan: { absent: ['cosm_planintegrations', 'cosm_mesures'], kept: [`${EVALUATIONS}.cosm_orientation`] },
  'integrationPlan (all but measures[].note)': {
    absent: ['cosm_planintegrations[].cosm_validepar@bind', 'cosm_planintegrations[].cosm_planintegration_objectif', ...['cosm_titre', 'cosm_typemesure', 'cosm_statut', 'cosm_resultat', 'cosm_financement', 'cosm_prestataire@bind', 'cosm_prestatairelibre', 'cosm_datedebut', 'cosm_datefin'].map((f) => `${MEASURES}.${f}`)],
    kept: ['cosm_planintegrations[].cosm_name', `${MEASURES}.cosm_name`, `${MEASURES}.cosm_remarque`],
  },
  employment: { absent: ['cosm_situationemploi', 'cosm_tauxactivite', 'cosm_emploidepuis'].map((f) => `${DOSSIER}.${f}`) },
  socialAssistance: { absent: [`${DOSSIER}.smig_aidesociale`, `${DOSSIER}.smig_aidesocialedepuis`] },
  journal: { absent: ACTIVITIES },
  documents: { absent: ['annotations'] },
  consents: { absent: ['cosm_consentements'] },
  'potentialAssessments[].health': { absent: [`${EVALUATIONS}.cosm_capacitetravail`, `${EVALUATIONS}.cosm_restrictionssante`], kept: [`${EVALUATIONS}.cosm_orientation`] },
  'potentialAssessments[].resources': { absent: [`${EVALUATIONS}.cosm_ressources`], kept: [`${EVALUATIONS}.cosm_name`] },
  'potentialAssessments[].obstacles': { absent: [`${EVALUATIONS}.cosm_obstacles`], kept: [`${EVALUATIONS}.cosm_name`] },
  'potentialAssessments[].goals': { absent: [`${EVALUATIONS}.cosm_objectifs`], kept: [`${EVALUATIONS}.cosm_name`] },
  'potentialAssessments[].languageSkills': { absent: [`${EVALUATIONS}.cosm_evaluationpotentiel_competence`], kept: [`${EVALUATIONS}.cosm_orientation`] },
  'potentialAssessments[].education': { absent: [`${EVALUATIONS}.cosm_evaluationpotentiel_formation`], kept: [`${EVALUATIONS}.cosm_orientation`] },
  'potentialAssessments[].workExperience': { absent: [`${EVALUATIONS}.cosm_evaluationpotentiel_experience`], kept: [`${EVALUATIONS}.cosm_orientation`] },
  'potentialAssessments[].orientation': { absent: [`${EVALUATIONS}.cosm_orientation`], kept: [`${EVALUATIONS}.cosm_evaluationpotentiel_competence`] },
  'integrationPlan.measures[].note': { absent: [`${MEASURES}.cosm_remarque`], kept: [`${MEASURES}.cosm_titre`, `${MEASURES}.cosm_typemesure`] },
  'ai-benefit-assessment': {
    absent: [...RESPONSIBILITY, ...LANGUAGES, `${EVALUATIONS}.cosm_evaluationpotentiel_competence`, `${EVALUATIONS}.cosm_ressources`, 'cosm_planintegrations', 'cosm_mesures', `${DOSSIER}.smig_aidesociale`, ...ACTIVITIES, 'annotations', 'cosm_consentements'],
    kept: [`${CONTACT}.lastname`, `${CONTACT}.smig_contact_smig_statutsejour_personne[].smig_statut`, `${EVALUATIONS}.cosm_orientation`, `${EVALUATIONS}.cosm_capacitetravail`, `${DOSSIER}.cosm_situationemploi`],
  },
  'all at once': {
    absent: [...IDENTITY, ...LANGUAGES, ...RESPONSIBILITY, `${CONTACT}.smig_contact_smig_statutsejour_personne`, 'cosm_evaluationpotentiels', 'cosm_planintegrations', 'cosm_mesures', `${DOSSIER}.cosm_situationemploi`, `${DOSSIER}.smig_aidesociale`, ...ACTIVITIES, 'annotations', 'cosm_consentements'],
    kept: [`${CONTACT}.contactid`, `${DOSSIER}.smig_name`, `${DOSSIER}.smig_personne@bind`],
  },
};

describeWithheld('contract → Centralis: a record without what the policy withheld', {
  rich: richRecord,
  expected: EXPECTED,
  written: written,
  others: [(r) => fromContract([r], ctx)],
  configuration: ctx.settings,
  absence: 'omitted',
});
