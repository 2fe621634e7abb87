import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/adapters/sdk.js';
import { cardIn, inputsOf, listOf, rowsIn, sampleBodies, TEST_CONTEXT, type Body } from './testing.js';
import { toContract } from './to-contract.js';

// The quirks of FORMAT.md ("Encoding and quirks"), each asserted on a fixture edited in memory.

function map(b: readonly Body[]): CaseRecord[] {
  const result = toContract(inputsOf(b), TEST_CONTEXT);
  expect(result.rejections.map((r) => `${r.nativeId} ${r.error.code} ${String(r.error.details.field)}`)).toEqual([]);
  return result.records;
}
const only = (b: readonly Body[]): CaseRecord => map(b)[0]!;
const byNo = (records: readonly CaseRecord[], no: string): CaseRecord => records.find((r) => r.source.localPersonId === no)!;

describe('Navision quirks', () => {
  it('1. reads NAV blanks as absent: 0001-01-01, 0, "" and _blank_', () => {
    const r = only(sampleBodies('minimal'));
    expect(r.person).toEqual({ officialName: 'MEHARI', firstName: 'Dawit', sex: 'male', dateOfBirth: '2001-04-17', householdId: 'DOS-2024-0611' });
    expect(r.residence).toEqual({ statusHistory: [{ status: 'N', from: '2024-11-04' }] });
    expect(r.employment).toBeUndefined();
    expect(r.integrationPlan).toBeUndefined();
    expect(r.responsibility.caseManagerId).toBeUndefined();
  });

  it('1. reads a missing key or null as blank (bodies the writer produced)', () => {
    const b = sampleBodies('minimal');
    const card = cardIn(b, 'BEN-005120');
    delete card.No_AVS;
    card.Commune = null;
    delete card.Aide_Sociale;
    const r = only(b);
    expect(r.person.vn).toBeUndefined();
    expect(r.socialAssistance).toBeUndefined();
  });

  it('2. decodes _x0020_ in options, and takes them decoded too', () => {
    const b = sampleBodies('edge');
    expect(byNo(map(b), 'BEN-001455').responsibility.phase).toBe('regular');
    cardIn(b, 'BEN-001455').Phase = 'Aide sociale';
    cardIn(b, 'BEN-001455').Situation_Emploi = 'Sans_x0020_emploi';
    const r = byNo(map(b), 'BEN-001455');
    expect(r.responsibility.phase).toBe('regular');
    expect(r.employment?.situation).toBe('unemployed');
  });

  it('3. keeps Nom in capitals as ZEMIS writes it', () => {
    expect(byNo(map(sampleBodies('edge')), 'BEN-004401').person.officialName).toBe('HASSAN ALI');
  });

  it('4. takes the birth date from Annee_ and Mois_Naissance when Date_Naissance is blank', () => {
    const records = map(sampleBodies('edge'));
    expect(byNo(records, 'BEN-001455').person.dateOfBirth).toBe('1979');
    expect(byNo(records, 'BEN-004401').person.dateOfBirth).toBe('1990-07');
    expect(byNo(records, 'BEN-004402').person.dateOfBirth).toBe('2019-11-30');
  });

  it('5. keeps the digits of No_SYMIC', () => {
    expect(byNo(map(sampleBodies('edge')), 'BEN-001455').person.zemisId).toBe('17702418');
  });

  it('6. splits ;-lists, blanks around entries ignored', () => {
    const b = sampleBodies('edge');
    cardIn(b, 'BEN-001455').Autres_Langues = ' KURMANDJI ; ;FRANCAIS;';
    expect(byNo(map(b), 'BEN-001455').person.languages).toEqual([
      { code: 'ar', isFirstLanguage: true },
      { code: 'kmr', isFirstLanguage: false },
      { code: 'fr', isFirstLanguage: false },
    ]);
  });

  it('7. joins Texte and Texte_Suite without a separator, even inside a word', () => {
    const note = only(sampleBodies('rich')).journal!.find((j) => j.id === '11968')!;
    expect(note.text).toContain('organisée par la famille. Prochaine étape');
    const b = sampleBodies('rich');
    Object.assign(rowsIn(b, 'Notes_Beneficiaire', 'BEN-003902')[0]!, { Texte: 'Bilan du stage ', Texte_Suite: 'avec l’atelier.' });
    expect(only(b).journal![0]!.text).toBe('Bilan du stage avec l’atelier.');
  });

  it('8. gives note times the Zurich offset of their day (winter +01:00, summer +02:00)', () => {
    const journal = only(sampleBodies('rich')).journal!;
    expect(journal.map((j) => j.at)).toEqual(['2023-11-24T16:10:00+01:00', '2024-06-12T09:30:00+02:00', '2024-09-05T14:00:00+02:00', '2024-09-12T11:15:00+02:00']);
  });

  it('9. orders statuses and responsibilities by date, not Entry_No', () => {
    const r = only(sampleBodies('rich'));
    expect(r.residence.statusHistory.map((s) => s.status)).toEqual(['N', 'F', 'F-refugee']);
    const b = sampleBodies('rich');
    listOf(cardIn(b, 'BEN-003902'), 'BeneficiaireResponsabilites').reverse();
    expect(only(b).responsibility.history!.map((h) => h.from)).toEqual(['2021-08-23', '2021-09-13']);
  });

  it('9. orders notes by date and time, then Entry_No', () => {
    const b = sampleBodies('rich');
    const notes = rowsIn(b, 'Notes_Beneficiaire', 'BEN-003902');
    Object.assign(notes[3]!, { Date: '2023-11-24', Heure: '08:05:00' });
    const journal = only(b).journal!;
    expect(journal.map((j) => j.id)).toEqual(['12001', '10877', '11530', '11968']);
  });

  it('10. lower-cases Hash_SHA256 and takes the media type from Extension', () => {
    const b = sampleBodies('rich');
    const docs = rowsIn(b, 'Documents_Beneficiaire', 'BEN-003902');
    docs[0]!.Extension = 'pdf';
    docs[1]!.Extension = 'ZIP';
    docs[2]!.Extension = '';
    docs[3]!.Extension = 'PNG';
    docs[4]!.Extension = 'TIF';
    const documents = only(b).documents!;
    expect(documents.map((d) => d.mediaType)).toEqual(['application/pdf', 'application/octet-stream', 'application/octet-stream', 'image/png', 'image/tiff', 'image/jpeg']);
    expect(documents.every((d) => /^[0-9a-f]{64}$/.test(d.sha256))).toBe(true);
  });

  it('11. never maps Utilisateur', () => {
    const text = JSON.stringify(map([...sampleBodies('rich'), ...sampleBodies('edge')]));
    for (const login of ['SVC-NAV', 'SASOC-LIAISON', 'ORS\\\\']) expect(text).not.toContain(login);
  });

  it('maps unknown Code_Statut, Type_Mesure and Type_Document to other with nativeCode; AUTRE and Autre mean other', () => {
    const b = sampleBodies('rich');
    rowsIn(b, 'Mesures_Integration', 'BEN-003902')[0]!.Type_Mesure = 'AUTRE';
    rowsIn(b, 'Documents_Beneficiaire', 'BEN-003902')[0]!.Type_Document = 'Piece_x0020_identite';
    const r = only(b);
    expect(r.integrationPlan!.measures![0]).toMatchObject({ type: 'other' });
    expect(r.integrationPlan!.measures![0]!.nativeCode).toBeUndefined();
    expect(r.documents![0]).toMatchObject({ kind: 'other', nativeCode: 'Piece identite' });
    expect(r.documents!.at(-1)).toMatchObject({ kind: 'other' });
    expect(r.documents!.at(-1)!.nativeCode).toBeUndefined();
    const edge = map(sampleBodies('edge'));
    expect(byNo(edge, 'BEN-004401').residence.statusHistory[1]).toEqual({ status: 'other', nativeCode: 'NEM', from: '2023-04-03', to: '2023-10-19' });
    expect(byNo(edge, 'BEN-004401').integrationPlan!.measures![0]).toMatchObject({ type: 'other', nativeCode: 'MENTORAT' });
  });

  it('maps Foyer and Appartement to cantonal, APATRIDE and INCONNU to XX', () => {
    const b = sampleBodies('rich');
    cardIn(b, 'BEN-003902').Nationalite = 'APATRIDE';
    const r = only(b);
    expect(r.responsibility.phase).toBe('cantonal');
    expect(r.responsibility.history![1]!.phase).toBe('cantonal');
    expect(r.person.nationality).toBe('XX');
  });

  it('gives each bilan an oral and a written skill of its language, one education and one work entry', () => {
    const [first] = only(sampleBodies('rich')).potentialAssessments!;
    expect(first!.languageSkills!.map((s) => [s.language, s.skill, s.level])).toEqual([
      ['fr', 'oral', 'A1'],
      ['fr', 'written', 'pre-A1'],
    ]);
    const b = sampleBodies('rich');
    Object.assign(rowsIn(b, 'Bilans_Potentiel', 'BEN-003902')[0]!, { Annees_Formation: 0, Niveau_Oral: '_blank_', Profession: '' });
    const changed = only(b).potentialAssessments![0]!;
    expect(changed.education).toEqual([{ level: 'primary', country: 'AF', completed: true, recognisedInSwitzerland: false }]);
    expect(changed.languageSkills!.map((s) => s.skill)).toEqual(['written']);
    expect(changed.workExperience).toBeUndefined();
  });

  it('names a household: Dossier_No is the case and the household of each member', () => {
    const edge = map(sampleBodies('edge'));
    expect([byNo(edge, 'BEN-004401'), byNo(edge, 'BEN-004402')].map((r) => [r.source.localCaseId, r.person.householdId])).toEqual([
      ['DOS-2022-0150', 'DOS-2022-0150'],
      ['DOS-2022-0150', 'DOS-2022-0150'],
    ]);
  });

  it('stamps each record with Derniere_Modif_Dossier and that instant in Zurich time', () => {
    const result = toContract(inputsOf(sampleBodies('rich')), TEST_CONTEXT);
    expect(result.stamps).toEqual([{ version: '2025-02-11T15:40:02.117Z', occurredAt: '2025-02-11T16:40:02+01:00' }]);
    expect(result.records[0]!.source.extractedAt).toBe('2025-03-03T09:15:23+01:00');
  });
});
