import { describe, expect, it } from 'vitest';
import { describeWithheld } from '../../src/adapters/testing.js';
import type { CaseRecord } from '../../src/adapters/sdk.js';
import { AI_BENEFIT_ASSESSMENT, ALL_WITHHELD, shownIn, valuesAt, withheld, withheldStrings, WITHHOLDINGS, type Withholding } from '../../src/adapters/testing.js';
import { fromContract, navisionPayloads } from './from-contract.js';
import { BLANK_DATE, BLANK_OPTION } from './native.js';
import { inputsOf, sampleBodies, TEST_CONTEXT as ctx, type Row } from './testing.js';
import { toContract } from './to-contract.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. NAV marks no field required and holds
// absent as its blanks (FORMAT.md quirk 1: `0001-01-01`, `0`, `""`, `_blank_`): each absent
// part is written as blanks, never filled in (a `PATCH` then leaves the blanks out).

const delivery = { transferId: 'tr-0815', at: new Date('2025-03-03T08:15:23Z') };
const richRecord = (): CaseRecord => toContract(inputsOf(sampleBodies('rich')), ctx).records[0]!;

/** A delivery as one tree: the card, then the rows of each list and sub-table by entity set. */
function written(record: CaseRecord): Row {
  const { card, subRecords } = navisionPayloads(record, ctx);
  const tree: Row = { card };
  for (const s of subRecords) ((tree[s.entitySet] ??= []) as Row[]).push(s.body);
  return tree;
}

const isAbsent = (v: unknown): boolean => v === undefined || v === '' || v === 0 || v === BLANK_DATE || v === BLANK_OPTION || (Array.isArray(v) && v.length === 0);

const BILANS = 'Bilans_Potentiel[]';
const MESURES = 'Mesures_Integration[]';
const IDENTITY = ['Nom', 'Prenom', 'Sexe', 'Date_Naissance', 'Annee_Naissance', 'Mois_Naissance', 'No_AVS', 'No_SYMIC', 'Nationalite', 'Commune_No_OFS', 'Commune', 'Date_Entree_CH'].map((f) => `card.${f}`);
const LANGUAGES = ['card.Langue_Maternelle', 'card.Autres_Langues'];
const RESPONSIBILITY = ['card.Phase', 'card.Institution_Code', 'card.Assistant_Social', 'card.Responsable_Depuis', 'BeneficiaireResponsabilites'];
const PLAN = ['card.Plan_No', 'card.Plan_Version', 'card.Plan_Etabli_Le', 'card.Plan_Valide_Par', 'Mesures_Integration'];

const EXPECTED: Record<string, { absent: string[]; kept?: string[] }> = {
  person: { absent: [...IDENTITY, ...LANGUAGES], kept: ['card.Dossier_No', 'BeneficiaireStatuts[].Code_Statut', 'card.Phase'] },
  'person (all but languages)': { absent: IDENTITY, kept: LANGUAGES },
  'person.languages': { absent: LANGUAGES, kept: ['card.Nom'] },
  residence: { absent: ['BeneficiaireStatuts', 'card.Date_Decision_Asile'], kept: ['card.Nom', 'card.Phase'] },
  responsibility: { absent: RESPONSIBILITY, kept: ['card.Nom', 'BeneficiaireStatuts[].Code_Statut'] },
  potentialAssessments: { absent: ['Bilans_Potentiel'], kept: ['card.Plan_No'] },
  integrationPlan: { absent: PLAN, kept: [`${BILANS}.Orientation`] },
  'integrationPlan (all but measures[].note)': {
    absent: ['card.Plan_Valide_Par', ...['Type_Mesure', 'Description', 'Prestataire_No', 'Prestataire_Nom', 'Date_Debut', 'Date_Fin', 'Statut', 'Resultat', 'Financement', 'Documents_Lies'].map((f) => `${MESURES}.${f}`)],
    kept: ['card.Plan_No', `${MESURES}.No`, `${MESURES}.Remarque`],
  },
  employment: { absent: ['card.Situation_Emploi', 'card.Taux_Activite', 'card.Emploi_Depuis'] },
  // The Boolean has no blank: left out.
  socialAssistance: { absent: ['card.Aide_Sociale', 'card.Aide_Sociale_Depuis'] },
  journal: { absent: ['Notes_Beneficiaire'] },
  documents: { absent: ['Documents_Beneficiaire'] },
  consents: { absent: ['Autorisations'] },
  'potentialAssessments[].health': { absent: [`${BILANS}.Capacite_Travail_Pct`, `${BILANS}.Restrictions_Sante`], kept: [`${BILANS}.Orientation`] },
  'potentialAssessments[].resources': { absent: [`${BILANS}.Ressources`], kept: [`${BILANS}.No`] },
  'potentialAssessments[].obstacles': { absent: [`${BILANS}.Obstacles`], kept: [`${BILANS}.No`] },
  'potentialAssessments[].goals': { absent: [`${BILANS}.Objectifs`], kept: [`${BILANS}.No`] },
  'potentialAssessments[].languageSkills': { absent: [`${BILANS}.Langue_Evaluee`, `${BILANS}.Niveau_Oral`, `${BILANS}.Niveau_Ecrit`, `${BILANS}.Certificat_Langue`], kept: [`${BILANS}.Orientation`] },
  'potentialAssessments[].education': { absent: [`${BILANS}.Niveau_Formation`, `${BILANS}.Annees_Formation`, `${BILANS}.Formation_Achevee`, `${BILANS}.Pays_Formation`], kept: [`${BILANS}.Orientation`] },
  'potentialAssessments[].workExperience': { absent: [`${BILANS}.Profession`, `${BILANS}.Annees_Experience`, `${BILANS}.Pays_Experience`], kept: [`${BILANS}.Orientation`] },
  'potentialAssessments[].orientation': { absent: [`${BILANS}.Orientation`], kept: [`${BILANS}.Langue_Evaluee`] },
  'integrationPlan.measures[].note': { absent: [`${MESURES}.Remarque`], kept: [`${MESURES}.Type_Mesure`, `${MESURES}.Statut`] },
  'ai-benefit-assessment': {
    absent: [...RESPONSIBILITY, ...LANGUAGES, ...PLAN, `${BILANS}.Langue_Evaluee`, `${BILANS}.Ressources`, 'card.Aide_Sociale', 'Notes_Beneficiaire', 'Documents_Beneficiaire', 'Autorisations'],
    kept: ['card.Nom', 'BeneficiaireStatuts[].Code_Statut', `${BILANS}.Orientation`, `${BILANS}.Capacite_Travail_Pct`, 'card.Situation_Emploi'],
  },
  'all at once': { absent: [...IDENTITY, ...LANGUAGES, ...RESPONSIBILITY, ...PLAN, 'BeneficiaireStatuts', 'Bilans_Potentiel', 'card.Situation_Emploi', 'card.Aide_Sociale', 'Notes_Beneficiaire', 'Documents_Beneficiaire', 'Autorisations'], kept: ['card.Dossier_No'] },
};

describeWithheld('contract → Navision: a record without what the policy withheld', {
  rich: richRecord,
  expected: EXPECTED,
  written: written,
  others: [(r) => fromContract([r], ctx, delivery), (r) => fromContract([r], ctx)],
  configuration: ctx.settings,
  absence: isAbsent,
});
