import { describe, expect, it } from 'vitest';
import { cardIn, inputsOf, listOf, rowsIn, sampleBodies, TEST_CONTEXT, type Body, type Row } from './testing.js';
import { toContract } from './to-contract.js';
import { expectRejected } from '../../src/adapters/testing.js';

// Invalid input (FORMAT.md "Invalid input"): each rule on one beneficiary of a read and a
// poll mapped together (rich: BEN-003902; edge: BEN-001455, BEN-004401, BEN-004402), so
// that the others are seen to map.

const ALL = ['BEN-003902', 'BEN-001455', 'BEN-004401', 'BEN-004402'];
const bodies = (): Body[] => [...sampleBodies('rich'), ...sampleBodies('edge')];
const map = (b: readonly Body[]) => toContract(inputsOf(b), TEST_CONTEXT);

type Edit = (b: Body[]) => void;
const card = (no: string, edit: (c: Row) => void): Edit => (b) => edit(cardIn(b, no));
const first = (set: string, no: string, edit: (r: Row) => void): Edit => (b) => edit(rowsIn(b, set, no)[0]!);

// [rule, beneficiary, edit, code, field, nativeField, a value the message must not hold]
const RULES: [string, string, Edit, string, string, string, string][] = [
  ['a blank Nom', 'BEN-001455', card('BEN-001455', (c) => (c.Nom = '')), 'mapping.required', 'person.officialName', 'Nom', 'Omar'],
  ['a blank Prenom', 'BEN-001455', card('BEN-001455', (c) => (c.Prenom = '')), 'mapping.required', 'person.firstName', 'Prenom', 'KHALIL'],
  ['a blank Sexe', 'BEN-004401', card('BEN-004401', (c) => (c.Sexe = '_blank_')), 'mapping.required', 'person.sex', 'Sexe', 'HASSAN'],
  ['a blank date of birth (all three fields)', 'BEN-001455', card('BEN-001455', (c) => (c.Annee_Naissance = 0)), 'mapping.required', 'person.dateOfBirth', 'Date_Naissance', 'KHALIL'],
  ['a month of birth without a year', 'BEN-004401', card('BEN-004401', (c) => (c.Annee_Naissance = 0)), 'mapping.required', 'person.dateOfBirth', 'Annee_Naissance', 'HASSAN'],
  ['no BeneficiaireStatuts', 'BEN-004402', card('BEN-004402', (c) => (c.BeneficiaireStatuts = [])), 'mapping.required', 'residence.statusHistory', 'BeneficiaireStatuts', 'MOHAMED'],
  ['a blank Code_Statut', 'BEN-004402', card('BEN-004402', (c) => (listOf(c, 'BeneficiaireStatuts')[1]!.Code_Statut = '')), 'mapping.required', 'residence.statusHistory[1].status', 'BeneficiaireStatuts[1].Code_Statut', 'MOHAMED'],
  ['a blank Phase', 'BEN-003902', card('BEN-003902', (c) => (c.Phase = '_blank_')), 'mapping.required', 'responsibility.phase', 'Phase', 'KARIMI'],
  ['a blank Institution_Code', 'BEN-003902', card('BEN-003902', (c) => (c.Institution_Code = '')), 'mapping.required', 'responsibility.institutionId', 'Institution_Code', 'KARIMI'],
  ['a blank Responsable_Depuis', 'BEN-003902', card('BEN-003902', (c) => (c.Responsable_Depuis = '0001-01-01')), 'mapping.required', 'responsibility.since', 'Responsable_Depuis', 'KARIMI'],
  ['a blank bilan Orientation', 'BEN-003902', first('Bilans_Potentiel', 'BEN-003902', (r) => (r.Orientation = '_blank_')), 'mapping.required', 'potentialAssessments[0].orientation', 'Bilans_Potentiel[0].Orientation', 'Cuisinier'],
  ['a No_AVS with a wrong check digit', 'BEN-001455', card('BEN-001455', (c) => (c.No_AVS = '7561180065523')), 'mapping.invalid-ahv', 'person.vn', 'No_AVS', '7561180065523'],
  ['a No_AVS not starting 756', 'BEN-001455', card('BEN-001455', (c) => (c.No_AVS = '1231180065522')), 'mapping.invalid-ahv', 'person.vn', 'No_AVS', '1231180065522'],
  ['a No_AVS of 12 digits', 'BEN-001455', card('BEN-001455', (c) => (c.No_AVS = '756118006552')), 'mapping.invalid-ahv', 'person.vn', 'No_AVS', '756118006552'],
  ['a Mois_Naissance of 13', 'BEN-004401', card('BEN-004401', (c) => (c.Mois_Naissance = 13)), 'mapping.invalid-date', 'person.dateOfBirth', 'Mois_Naissance', '1990'],
  ['a status Date_Fin before its Date_Debut', 'BEN-003902', card('BEN-003902', (c) => (listOf(c, 'BeneficiaireStatuts')[0]!.Date_Fin = '2021-08-01')), 'mapping.invalid-date', 'residence.statusHistory[0].to', 'BeneficiaireStatuts[0].Date_Fin', '2021-08-01'],
  ['a responsibility Date_Fin before its Date_Debut', 'BEN-003902', card('BEN-003902', (c) => (listOf(c, 'BeneficiaireResponsabilites')[1]!.Date_Fin = '2021-01-01')), 'mapping.invalid-date', 'responsibility.history[1].to', 'BeneficiaireResponsabilites[1].Date_Fin', '2021-01-01'],
  ['a measure Date_Fin before its Date_Debut', 'BEN-003902', first('Mesures_Integration', 'BEN-003902', (r) => (r.Date_Fin = '2020-01-01')), 'mapping.invalid-date', 'integrationPlan.measures[0].end', 'Mesures_Integration[0].Date_Fin', '2020-01-01'],
  ['an impossible Date_Entree_CH', 'BEN-001455', card('BEN-001455', (c) => (c.Date_Entree_CH = '2015-02-30')), 'mapping.invalid-date', 'person.arrivalDate', 'Date_Entree_CH', '2015-02-30'],
  ['an unknown Sexe option', 'BEN-001455', card('BEN-001455', (c) => (c.Sexe = 'Divers')), 'mapping.unknown-code', 'person.sex', 'Sexe', 'Divers'],
  ['an unknown Phase option', 'BEN-001455', card('BEN-001455', (c) => (c.Phase = 'Centre_x0020_federal')), 'mapping.unknown-code', 'responsibility.phase', 'Phase', 'federal'],
  ['an unknown Situation_Emploi option', 'BEN-001455', card('BEN-001455', (c) => (c.Situation_Emploi = 'Retraite')), 'mapping.unknown-code', 'employment.situation', 'Situation_Emploi', 'Retraite'],
  ['an unknown measure Statut', 'BEN-003902', first('Mesures_Integration', 'BEN-003902', (r) => (r.Statut = 'Suspendue')), 'mapping.unknown-code', 'integrationPlan.measures[0].status', 'Mesures_Integration[0].Statut', 'Suspendue'],
  ['an unknown note Categorie', 'BEN-001455', first('Notes_Beneficiaire', 'BEN-001455', (r) => (r.Categorie = 'Courrier')), 'mapping.unknown-code', 'journal[0].category', 'Notes_Beneficiaire[0].Categorie', 'Courrier'],
  ['an unknown bilan level', 'BEN-003902', first('Bilans_Potentiel', 'BEN-003902', (r) => (r.Niveau_Ecrit = 'D1')), 'mapping.unknown-code', 'potentialAssessments[0].languageSkills[1].level', 'Bilans_Potentiel[0].Niveau_Ecrit', 'D1'],
  ['an unknown Langue_Maternelle', 'BEN-004402', card('BEN-004402', (c) => (c.Langue_Maternelle = 'ELFIQUE')), 'mapping.unknown-code', 'person.languages[0].code', 'Langue_Maternelle', 'ELFIQUE'],
  ['an unknown Nationalite', 'BEN-004402', card('BEN-004402', (c) => (c.Nationalite = 'SOM')), 'mapping.unknown-code', 'person.nationality', 'Nationalite', 'SOM'],
  ['an unknown entry of Autres_Langues', 'BEN-001455', card('BEN-001455', (c) => (c.Autres_Langues = 'KURMANDJI;ELFIQUE')), 'mapping.unknown-code', 'person.languages[2].code', 'Autres_Langues', 'ELFIQUE'],
  ['an unknown entry of Finalites', 'BEN-003902', first('Autorisations', 'BEN-003902', (r) => (r.Finalites = 'TRANSFERT;VOYAGE')), 'mapping.unknown-code', 'consents[0].purposes[1]', 'Autorisations[0].Finalites', 'VOYAGE'],
  ['an unknown entry of Destinataires_Types', 'BEN-003902', first('Autorisations', 'BEN-003902', (r) => (r.Destinataires_Types = 'SERVSOC;POLICE')), 'mapping.unknown-code', 'consents[0].recipients[2]', 'Autorisations[0].Destinataires_Types', 'POLICE'],
  ['an unknown entry of Categories_Donnees', 'BEN-003902', first('Autorisations', 'BEN-003902', (r) => (r.Categories_Donnees = 'IDENTITE;CASIER')), 'mapping.unknown-code', 'consents[0].dataCategories[1]', 'Autorisations[0].Categories_Donnees', 'CASIER'],
  ['a Taux_Activite that is not whole', 'BEN-001455', card('BEN-001455', (c) => (c.Taux_Activite = 50.5)), 'mapping.invalid-number', 'employment.workloadPercent', 'Taux_Activite', '50.5'],
  ['a Taux_Activite over 100', 'BEN-001455', card('BEN-001455', (c) => (c.Taux_Activite = 120)), 'mapping.invalid-number', 'employment.workloadPercent', 'Taux_Activite', '120'],
  ['an unmapped Institution_Code', 'BEN-001455', card('BEN-001455', (c) => (c.Institution_Code = 'SSR-BROYE')), 'mapping.unknown-organisation', 'responsibility.institutionId', 'Institution_Code', 'SSR-BROYE'],
  ['an unmapped Prestataire_No', 'BEN-003902', first('Mesures_Integration', 'BEN-003902', (r) => (r.Prestataire_No = 'FOU-9999')), 'mapping.unknown-organisation', 'integrationPlan.measures[0].providerId', 'Mesures_Integration[0].Prestataire_No', 'FOU-9999'],
  ['an unmapped recipient institution', 'BEN-003902', first('Autorisations', 'BEN-003902', (r) => (r.Destinataires_Institutions = 'CARITAS;CROIX-ROUGE')), 'mapping.unknown-organisation', 'consents[0].recipients[1]', 'Autorisations[0].Destinataires_Institutions', 'CROIX-ROUGE'],
  ['an unmapped note Institution_Code', 'BEN-001455', first('Notes_Beneficiaire', 'BEN-001455', (r) => (r.Institution_Code = 'SSR-BROYE')), 'mapping.unknown-organisation', 'journal[0].institutionId', 'Notes_Beneficiaire[0].Institution_Code', 'SSR-BROYE'],
];

describe('Navision → contract: invalid input', () => {
  it.each(RULES)('%s rejects that beneficiary only, naming the native field and the contract path', (_rule, no, edit, code, field, nativeField, value) => {
    const b = bodies();
    edit(b);
    const result = map(b);
    expectRejected(result, { nativeId: no, code, field, nativeField, hidden: [value], kept: ALL.filter((n) => n !== no), keyOf: (r) => r.source.localPersonId });
    expect(result.stamps).toHaveLength(3);
  });

  it('names a beneficiary without a No by its place in the input', () => {
    const b = bodies();
    cardIn(b, 'BEN-004402').No = '';
    const result = map(b);
    expect(result.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.nativeField])).toEqual([['Beneficiaires[3]', 'mapping.required', 'No']]);
    expect(result.records).toHaveLength(3);
  });

  it('rejects a card without Derniere_Modif_Dossier: its events would have no version', () => {
    const b = bodies();
    cardIn(b, 'BEN-004401').Derniere_Modif_Dossier = '0001-01-01T00:00:00Z';
    const result = map(b);
    expect(result.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.nativeField])).toEqual([['BEN-004401', 'mapping.required', 'Derniere_Modif_Dossier']]);
    expect(result.stamps).toHaveLength(result.records.length);
  });

  it('rejects measures when the card has no plan, rather than dropping them', () => {
    const b = bodies();
    cardIn(b, 'BEN-004401').Plan_No = '';
    expect(map(b).rejections.map((r) => [r.nativeId, r.error.details.field, r.error.details.nativeField])).toEqual([['BEN-004401', 'integrationPlan.id', 'Plan_No']]);
  });

  it('rejects a work experience of 0 years: NAV holds 0 as blank and years are required', () => {
    const b = bodies();
    rowsIn(b, 'Bilans_Potentiel', 'BEN-003902')[1]!.Annees_Experience = 0;
    expect(map(b).rejections.map((r) => [r.error.code, r.error.details.field, r.error.details.nativeField])).toEqual([
      ['mapping.required', 'potentialAssessments[1].workExperience[0].years', 'Bilans_Potentiel[1].Annees_Experience'],
    ]);
  });

  it('rejects a value of the wrong JSON type naming its field', () => {
    const b = bodies();
    cardIn(b, 'BEN-001455').Commune_No_OFS = { value: 2196 };
    expect(map(b).rejections.map((r) => [r.error.code, r.error.details.nativeField])).toEqual([['mapping.invalid-value', 'Commune_No_OFS']]);
  });
});
