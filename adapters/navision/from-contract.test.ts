import { describe, expect, it } from 'vitest';
import { MappingError, type CaseRecord } from '../../src/adapters/sdk.js';
import { BENEFICIAIRE_NO, fromContract, navisionPayloads, withBeneficiaireNo } from './from-contract.js';
import { inputsOf, sampleBodies, TEST_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { thrown } from '../../src/adapters/testing.js';

const recordsOf = (sample: string): CaseRecord[] => toContract(inputsOf(sampleBodies(sample)), TEST_CONTEXT).records;
const rich = (): CaseRecord => recordsOf('rich')[0]!;
const back = (records: readonly CaseRecord[]) => toContract(fromContract(records, TEST_CONTEXT), TEST_CONTEXT);

const refusal = (record: CaseRecord): MappingError => thrown(MappingError, () => navisionPayloads(record, TEST_CONTEXT));

describe('contract → Navision: what a delivery sends', () => {
  it('a card without No, then statuses, responsibilities and the five sub-tables, each naming the placeholder', () => {
    const { card, subRecords } = navisionPayloads(rich(), TEST_CONTEXT);
    expect(card).not.toHaveProperty('No');
    expect(card).not.toHaveProperty('Derniere_Modif_Dossier');
    expect(card).toMatchObject({ Dossier_No: 'DOS-2021-0417', Nom: 'KARIMI', Sexe: 'Homme', No_SYMIC: '25.190.766', Phase: 'Foyer', Institution_Code: 'ORS', Aide_Sociale: true });
    expect([...new Set(subRecords.map((s) => `${s.entitySet} ${s.path}`))]).toEqual([
      "BeneficiaireStatuts Beneficiaires('{{Beneficiaire_No}}')/BeneficiaireStatuts",
      "BeneficiaireResponsabilites Beneficiaires('{{Beneficiaire_No}}')/BeneficiaireResponsabilites",
      'Bilans_Potentiel Bilans_Potentiel',
      'Mesures_Integration Mesures_Integration',
      'Notes_Beneficiaire Notes_Beneficiaire',
      'Documents_Beneficiaire Documents_Beneficiaire',
      'Autorisations Autorisations',
    ]);
    expect(subRecords.every((s) => s.body.Beneficiaire_No === BENEFICIAIRE_NO)).toBe(true);
    const notes = subRecords.filter((s) => s.entitySet === 'Notes_Beneficiaire').map((s) => s.body);
    expect(notes.some((n) => 'Entry_No' in n || 'Utilisateur' in n)).toBe(false);
    expect(notes[0]).toMatchObject({ Date: '2023-11-24', Heure: '16:10:00', Categorie: 'Contact' });
  });

  it('withBeneficiaireNo puts NAV’s new No in bodies and paths, as an OData key literal', () => {
    const filled = withBeneficiaireNo(navisionPayloads(rich(), TEST_CONTEXT), "BEN-0'9");
    expect(filled.subRecords[0]!.path).toBe("Beneficiaires('BEN-0''9')/BeneficiaireStatuts");
    expect(filled.subRecords.every((s) => s.body.Beneficiaire_No === "BEN-0'9")).toBe(true);
  });

  it('writes options escaped, Appartement as Foyer, COURS-DE as COURS-FR, hashes upper-case', () => {
    const { subRecords } = navisionPayloads(rich(), TEST_CONTEXT);
    const measure = subRecords.find((s) => s.entitySet === 'Mesures_Integration' && s.body.No === 'MES-001804')!.body;
    expect(measure).toMatchObject({ Type_Mesure: 'COURS-FR', Statut: 'En_x0020_cours', Resultat: '_blank_', Date_Fin: '2025-06-27' });
    const bilan = subRecords.find((s) => s.entitySet === 'Bilans_Potentiel')!.body;
    expect(bilan).toMatchObject({ Orientation: 'Marche_x0020_du_x0020_travail', Niveau_Ecrit: 'Pre_A1', Capacite_Travail_Pct: '100' });
    const doc = subRecords.find((s) => s.entitySet === 'Documents_Beneficiaire')!.body;
    expect(doc.Hash_SHA256).toBe('558AA33667754AFBCC5A87F4DA2BCDD7ECE5543275D27CF3A82CA6429F634D84');
  });

  it('writes partial birth dates to Annee_ and Mois_Naissance, XX as INCONNU, unknown social assistance not at all', () => {
    const [omar, fadumo] = recordsOf('edge');
    expect(navisionPayloads(omar!, TEST_CONTEXT).card).toMatchObject({ Date_Naissance: '0001-01-01', Annee_Naissance: 1979, Mois_Naissance: 0 });
    expect(navisionPayloads(fadumo!, TEST_CONTEXT).card).toMatchObject({ Annee_Naissance: 1990, Mois_Naissance: 7 });
    const r = rich();
    r.person.nationality = 'XX';
    delete r.socialAssistance;
    const { card } = navisionPayloads(r, TEST_CONTEXT);
    expect(card.Nationalite).toBe('INCONNU');
    expect(card).not.toHaveProperty('Aide_Sociale');
    expect(back([r]).records[0]!.socialAssistance).toBeUndefined();
  });

  it('cuts texts to 250 characters, notes to 500 over Texte and Texte_Suite', () => {
    const r = rich();
    r.integrationPlan!.measures![1]!.note = 'é'.repeat(300);
    r.journal![0]!.text = `${'a'.repeat(250)}${'b'.repeat(250)}${'c'.repeat(10)}`;
    const { subRecords } = navisionPayloads(r, TEST_CONTEXT);
    expect((subRecords.find((s) => s.body.No === 'MES-001377')!.body.Remarque as string).length).toBe(250);
    const note = subRecords.find((s) => s.entitySet === 'Notes_Beneficiaire')!.body;
    expect([note.Texte, note.Texte_Suite]).toEqual(['a'.repeat(250), 'b'.repeat(250)]);
  });

  it('writes another system’s other as the table’s own other, and refuses what no table can say', () => {
    const r = rich();
    r.source.system = 'tutoris';
    r.integrationPlan!.measures![0] = { ...r.integrationPlan!.measures![0]!, type: 'other', nativeCode: 'SPRACHKURS-PLUS' };
    r.documents![0] = { ...r.documents![0]!, kind: 'other', nativeCode: 'SCAN' };
    const { subRecords } = navisionPayloads(r, TEST_CONTEXT);
    expect(subRecords.find((s) => s.body.No === 'MES-001120')!.body.Type_Mesure).toBe('AUTRE');
    expect(subRecords.find((s) => s.body.No === 'DOC-001873')!.body.Type_Document).toBe('Autre');

    r.residence.statusHistory[0] = { ...r.residence.statusHistory[0]!, status: 'other', nativeCode: 'UEB' };
    expect(refusal(r)).toMatchObject({ code: 'mapping.unwritable-code', details: { field: 'residence.statusHistory[0].status', nativeField: 'BeneficiaireStatuts.Code_Statut' } });
  });

  it('refuses an institution without a NAV code, a language outside the table, and 0 years of work', () => {
    const a = rich();
    a.responsibility.institutionId = 'be-asi';
    expect(refusal(a)).toMatchObject({ code: 'mapping.unknown-organisation', details: { field: 'responsibility.institutionId', nativeField: 'Institution_Code' } });
    const b = rich();
    b.person.languages!.push({ code: 'sq', isFirstLanguage: false });
    expect(refusal(b)).toMatchObject({ code: 'mapping.unwritable-code', details: { field: 'person.languages[3].code', nativeField: 'Autres_Langues' } });
    const c = rich();
    c.potentialAssessments![0]!.workExperience![0]!.years = 0;
    expect(refusal(c)).toMatchObject({ code: 'mapping.unwritable-number', details: { field: 'potentialAssessments[0].workExperience[0].years' } });
    expect(refusal(c).message).not.toContain('KARIMI');
  });

  it('names the bodies after the transfer, and reads them back as the same records', () => {
    const records = [...recordsOf('rich'), ...recordsOf('edge')];
    const inputs = fromContract(records, TEST_CONTEXT, { transferId: 'T-42', at: new Date('2025-03-01T10:00:00Z') });
    expect(inputs.map((i) => i.name)).toEqual([
      'T-42.beneficiaires.json',
      'T-42.bilans_potentiel.json',
      'T-42.mesures_integration.json',
      'T-42.notes_beneficiaire.json',
      'T-42.documents_beneficiaire.json',
      'T-42.autorisations.json',
    ]);
    const page = JSON.parse(new TextDecoder().decode(inputs[0]!.content)) as Record<string, unknown>;
    expect(page['@odata.context']).toBe("https://nav.ors-fr.example:7048/DynamicsNAV110/ODataV4/$metadata#Company('ORS%20Fribourg')/Beneficiaires");
    const again = toContract(inputs, TEST_CONTEXT);
    expect(again.rejections).toEqual([]);
    expect(again.records).toEqual(records);
    expect(again.stamps![0]).toEqual({ version: '2025-03-01T10:00:00.000Z', occurredAt: '2025-03-01T11:00:00+01:00' });
  });

  it('reads back a journal id that is not a whole number as the next free Entry_No', () => {
    const r = rich();
    r.journal![1]!.id = 'J-2';
    expect(back([r]).records[0]!.journal!.map((j) => j.id)).toEqual(['10877', '12002', '11968', '12001']);
  });
});
