import { at, mapRecords, recordIdFor, required, zurichTimestamp, type MapContext, type MapResult, type NativeInput, type OrganisationMap } from '../../src/adapters/sdk.js';
import { beneficiariesOf } from './bodies.js';
import { stampOf } from './changes.js';
import { navText, type Beneficiary } from './native.js';
import { organisationsOf } from './settings.js';
import { assessmentsOf } from './to-assessments.js';
import { employmentOf, planOf, socialAssistanceOf } from './to-plan.js';
import { personOf, residenceOf, responsibilityOf } from './to-person.js';
import { consentsOf, documentsOf, journalOf } from './to-records.js';

export const SYSTEM = 'navision';

/**
 * The bodies of a read (the entity, then its five sub-query bodies) or of a poll (a page
 * of `Beneficiaires` and its five sub-query bodies, the next page and its five…) → one
 * record per beneficiary, each with its stamp for snapshot events.
 */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const orgs = organisationsOf(ctx);
  const extractedAt = zurichTimestamp(ctx.now());
  return mapRecords(beneficiariesOf(inputs), (b) => recordOf(b, orgs, ctx, extractedAt), {
    nativeIdOf: (b, i) => (typeof b.card.No === 'string' && b.card.No.trim() !== '' ? b.card.No.trim() : `Beneficiaires[${i}]`),
    nativeFieldOf,
    stampOf: (b) => stampOf(b.card),
  });
}

function recordOf(b: Beneficiary, orgs: OrganisationMap, ctx: MapContext, extractedAt: string): unknown {
  const { card, subs } = b;
  const no = required(navText(card.No, at('source.localPersonId', 'No')), at('source.localPersonId', 'No'));
  stampOf(card);
  return {
    contractVersion: '1.0',
    recordId: recordIdFor(SYSTEM, no),
    source: {
      system: SYSTEM,
      institutionId: ctx.institutionId,
      canton: ctx.canton,
      localCaseId: required(navText(card.Dossier_No, at('source.localCaseId', 'Dossier_No')), at('source.localCaseId', 'Dossier_No')),
      localPersonId: no,
      extractedAt,
    },
    person: personOf(card),
    residence: residenceOf(card),
    responsibility: responsibilityOf(card, orgs),
    potentialAssessments: assessmentsOf(subs.Bilans_Potentiel, orgs),
    integrationPlan: planOf(card, subs.Mesures_Integration, orgs),
    employment: employmentOf(card),
    socialAssistance: socialAssistanceOf(card),
    journal: journalOf(subs.Notes_Beneficiaire, orgs),
    documents: documentsOf(subs.Documents_Beneficiaire),
    consents: consentsOf(subs.Autorisations, orgs),
  };
}

/** Native fields of contract paths the schema check may still find at fault (lengths, patterns). */
const NATIVE_FIELDS: Readonly<Record<string, string>> = {
  'person.officialName': 'Nom',
  'person.firstName': 'Prenom',
  'person.municipality.name': 'Commune',
  'person.householdId': 'Dossier_No',
  'source.localCaseId': 'Dossier_No',
  'source.localPersonId': 'No',
  'responsibility.caseManagerId': 'Assistant_Social',
  'integrationPlan.id': 'Plan_No',
  'potentialAssessments[].id': 'Bilans_Potentiel.No',
  'potentialAssessments[].workExperience[].occupation': 'Bilans_Potentiel.Profession',
  'potentialAssessments[].health.restrictions': 'Bilans_Potentiel.Restrictions_Sante',
  'potentialAssessments[].resources': 'Bilans_Potentiel.Ressources',
  'potentialAssessments[].obstacles': 'Bilans_Potentiel.Obstacles',
  'potentialAssessments[].goals': 'Bilans_Potentiel.Objectifs',
  'integrationPlan.measures[].id': 'Mesures_Integration.No',
  'integrationPlan.measures[].nativeCode': 'Mesures_Integration.Type_Mesure',
  'integrationPlan.measures[].title': 'Mesures_Integration.Description',
  'integrationPlan.measures[].providerName': 'Mesures_Integration.Prestataire_Nom',
  'integrationPlan.measures[].note': 'Mesures_Integration.Remarque',
  'integrationPlan.measures[].documentIds[]': 'Mesures_Integration.Documents_Lies',
  'residence.statusHistory[].nativeCode': 'BeneficiaireStatuts.Code_Statut',
  'journal[].text': 'Notes_Beneficiaire.Texte',
  'documents[].id': 'Documents_Beneficiaire.No',
  'documents[].title': 'Documents_Beneficiaire.Description',
  'documents[].nativeCode': 'Documents_Beneficiaire.Type_Document',
  'consents[].id': 'Autorisations.No',
  'consents[].documentId': 'Autorisations.Document_No',
};

export function nativeFieldOf(field: string): string {
  return NATIVE_FIELDS[field.replace(/\[\d+\]/g, '[]')] ?? field;
}
