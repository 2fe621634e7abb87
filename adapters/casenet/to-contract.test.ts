import { describe, expect, it } from 'vitest';
import { fixture, type Body } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { expectRejected, jsonInput, setPath } from '../../src/adapters/testing.js';

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2024-03-15T08:00:00Z') };
type Part = 'dossier' | 'journal' | 'documents';

/** The rich case (its three bodies, edited) and the minimal case beside it. */
function read(edit: (parts: Record<Part, Body>) => void) {
  const parts: Record<Part, Body> = { dossier: fixture('rich.dossier.json'), journal: fixture('rich.journal.page1.json'), documents: fixture('rich.documents.json') };
  edit(parts);
  return toContract(
    [
      jsonInput('rich.dossier.json', parts.dossier),
      jsonInput('rich.journal.page1.json', parts.journal),
      jsonInput('rich.documents.json', parts.documents),
      jsonInput('minimal.dossier.json', fixture('minimal.dossier.json')),
      jsonInput('minimal.journal.page1.json', fixture('minimal.journal.page1.json')),
      jsonInput('minimal.documents.json', fixture('minimal.documents.json')),
    ],
    ctx,
  );
}

// [rule, body, native path edited, value, code, contract path, native field]
const RULES: [string, Part, string, unknown, string, string, string][] = [
  ['nom missing', 'dossier', 'beneficiaire.nom', null, 'mapping.required', 'person.officialName', 'beneficiaire.nom'],
  ['dateNaissance missing', 'dossier', 'beneficiaire.dateNaissance', null, 'mapping.required', 'person.dateOfBirth', 'beneficiaire.dateNaissance'],
  ['no statuts', 'dossier', 'sejour.statuts', [], 'mapping.required', 'residence.statusHistory', 'sejour.statuts'],
  ['a statut without debut', 'dossier', 'sejour.statuts[1].debut', null, 'mapping.required', 'residence.statusHistory[0].from', 'sejour.statuts[1].debut'],
  ['phaseAIS missing', 'dossier', 'pilotage.phaseAIS', null, 'mapping.required', 'responsibility.phase', 'pilotage.phaseAIS'],
  ['depuis missing', 'dossier', 'pilotage.depuis', null, 'mapping.required', 'responsibility.since', 'pilotage.depuis'],
  ['historique without au', 'dossier', 'pilotage.historique[0].au', null, 'mapping.required', 'responsibility.history[1].to', 'pilotage.historique[0].au'],
  ['orientation missing', 'dossier', 'evaluations[0].orientation', null, 'mapping.required', 'potentialAssessments[1].orientation', 'evaluations[0].orientation'],
  ['certifiee missing', 'dossier', 'evaluations[0].langues[0].certifiee', null, 'mapping.required', 'potentialAssessments[1].languageSkills[0].certified', 'evaluations[0].langues[0].certifiee'],
  ['achevee missing', 'dossier', 'evaluations[0].formations[0].achevee', null, 'mapping.required', 'potentialAssessments[1].education[0].completed', 'evaluations[0].formations[0].achevee'],
  ['annees of an experience missing', 'dossier', 'evaluations[1].experiences[0].annees', null, 'mapping.required', 'potentialAssessments[0].workExperience[0].years', 'evaluations[1].experiences[0].annees'],
  ['etabliLe missing', 'dossier', 'planIntegration.etabliLe', null, 'mapping.required', 'integrationPlan.establishedOn', 'planIntegration.etabliLe'],
  ['a measure without statut', 'dossier', 'planIntegration.mesures[2].statut', null, 'mapping.required', 'integrationPlan.measures[2].status', 'planIntegration.mesures[2].statut'],
  ['a journal entry without texte', 'journal', 'elements[0].texte', null, 'mapping.required', 'journal[4].text', 'journal.page1.elements[0].texte'],
  ['a document without titre', 'documents', 'documents[1].titre', null, 'mapping.required', 'documents[1].title', 'documents[1].titre'],
  ['no destinataires', 'dossier', 'procurations[0].destinataires', [], 'mapping.required', 'consents[0].recipients', 'procurations[0].destinataires'],
  ['a wrong AVS check digit', 'dossier', 'beneficiaire.noAVS', '756.1277.3049.86', 'mapping.invalid-ahv', 'person.vn', 'beneficiaire.noAVS'],
  ['an AVS number not starting 756', 'dossier', 'beneficiaire.noAVS', '123.4567.8901.23', 'mapping.invalid-ahv', 'person.vn', 'beneficiaire.noAVS'],
  ['an impossible date', 'dossier', 'sejour.statuts[0].debut', '2023-02-30', 'mapping.invalid-date', 'residence.statusHistory[0].from', 'sejour.statuts[0].debut'],
  ['a Swiss-style date', 'dossier', 'beneficiaire.entreeEnSuisse', '14.03.2024', 'mapping.invalid-date', 'person.arrivalDate', 'beneficiaire.entreeEnSuisse'],
  ['a timestamp without offset', 'journal', 'elements[4].dateHeure', '2022-06-01 08:45:00', 'mapping.invalid-date', 'journal[4].at', 'journal.page1.elements[4].dateHeure'],
  ['an unknown precision', 'dossier', 'beneficiaire.precisionDateNaissance', 'SIECLE', 'mapping.unknown-code', 'person.dateOfBirth', 'beneficiaire.precisionDateNaissance'],
  ['an unknown sexe', 'dossier', 'beneficiaire.sexe', 'N', 'mapping.unknown-code', 'person.sex', 'beneficiaire.sexe'],
  ['a nationalite outside the table', 'dossier', 'beneficiaire.nationalite', 'DEU', 'mapping.unknown-code', 'person.nationality', 'beneficiaire.nationalite'],
  ['a pays outside the table', 'dossier', 'evaluations[0].formations[0].pays', 'XYZ', 'mapping.unknown-code', 'potentialAssessments[1].education[0].country', 'evaluations[0].formations[0].pays'],
  ['a langue outside the table', 'dossier', 'beneficiaire.langues[0].code', 'spa', 'mapping.unknown-code', 'person.languages[0].code', 'beneficiaire.langues[0].code'],
  ['an unknown phaseAIS', 'dossier', 'pilotage.phaseAIS', 'LUNAIRE', 'mapping.unknown-code', 'responsibility.phase', 'pilotage.phaseAIS'],
  ['an unknown institution code', 'dossier', 'pilotage.institutionPilote', 'ORP-BROYE', 'mapping.unknown-organisation', 'responsibility.institutionId', 'pilotage.institutionPilote'],
  ['an unknown journal institution', 'journal', 'elements[4].institution', 'ORP-BROYE', 'mapping.unknown-organisation', 'journal[0].institutionId', 'journal.page1.elements[4].institution'],
  ['an unknown destinataire', 'dossier', 'procurations[1].destinataires[0]', 'ORP-BROYE', 'mapping.unknown-organisation', 'consents[1].recipients[0]', 'procurations[1].destinataires[0]'],
  ['tauxActivite 0', 'dossier', 'situationProfessionnelle.tauxActivite', 0, 'mapping.out-of-range', 'employment.workloadPercent', 'situationProfessionnelle.tauxActivite'],
  ['tauxActivite 101', 'dossier', 'situationProfessionnelle.tauxActivite', 101, 'mapping.out-of-range', 'employment.workloadPercent', 'situationProfessionnelle.tauxActivite'],
  ['capaciteTravail 120', 'dossier', 'evaluations[0].sante.capaciteTravail', 120, 'mapping.out-of-range', 'potentialAssessments[1].health.workCapacityPercent', 'evaluations[0].sante.capaciteTravail'],
  ['a fractional noOFS', 'dossier', 'beneficiaire.domicile.noOFS', 2196.5, 'mapping.invalid-number', 'person.municipality.bfsNumber', 'beneficiaire.domicile.noOFS'],
  ['a noOFS in a string', 'dossier', 'beneficiaire.domicile.noOFS', '2196', 'mapping.invalid-number', 'person.municipality.bfsNumber', 'beneficiaire.domicile.noOFS'],
  ['a fractional taille', 'documents', 'documents[0].taille', 1.5, 'mapping.invalid-number', 'documents[0].size', 'documents[0].taille'],
  ['a codeISCO of 3 digits', 'dossier', 'evaluations[1].experiences[0].codeISCO', '833', 'mapping.invalid-isco', 'potentialAssessments[0].workExperience[0].iscoCode', 'evaluations[1].experiences[0].codeISCO'],
  ['a bad SHA-256', 'documents', 'documents[0].empreinteSha256', 'CC39911ABCE85965', 'mapping.invalid-hash', 'documents[0].sha256', 'documents[0].empreinteSha256'],
  ['an idDocument not in the documents', 'dossier', 'evaluations[0].langues[0].idDocument', 'DOC-9999', 'mapping.unknown-document', 'potentialAssessments[1].languageSkills[0].certificateDocumentId', 'evaluations[0].langues[0].idDocument'],
  ['a measure document not in the documents', 'dossier', 'planIntegration.mesures[2].documents[0]', 'DOC-9999', 'mapping.unknown-document', 'integrationPlan.measures[2].documentIds[0]', 'planIntegration.mesures[2].documents[0]'],
  ['a procuration document not in the documents', 'dossier', 'procurations[0].idDocument', 'DOC-9999', 'mapping.unknown-document', 'consents[0].documentId', 'procurations[0].idDocument'],
];

describe('CaseNet → contract: invalid input (FORMAT "Invalid input")', () => {
  it.each(RULES)('%s rejects the dossier, naming its noDossier and both fields', (_rule, part, p, value, code, field, nativeField) => {
    const result = read((parts) => setPath(parts[part], p, value));
    const hidden = ['Haidari', typeof value === 'string' && value.length > 2 && value];
    expectRejected(result, { nativeId: 'CII-2022-0153', code, field, nativeField, hidden, kept: ['CII-2024-0031'] });
  });
});

describe('CaseNet → contract: quirks', () => {
  const rich = (edit: (parts: Record<Part, Body>) => void = () => undefined) => read(edit).records.find((r) => r.source.localCaseId === 'CII-2022-0153')!;

  it.each([
    ['ANNEE', '1985'],
    ['MOIS', '1985-01'],
    ['JOUR', '1985-01-27'],
    [null, '1985-01-27'],
  ])('cuts dateNaissance to its precision %s', (precision, expected) => {
    expect(rich((p) => setPath(p.dossier, 'beneficiaire.precisionDateNaissance', precision)).person.dateOfBirth).toBe(expected);
  });

  it('converts UTC and fractional timestamps to Zurich time with its offset', () => {
    const record = rich((p) => {
      setPath(p.journal, 'elements[0].dateHeure', '2023-08-14T05:30:00.000Z');
      setPath(p.journal, 'elements[1].dateHeure', '2023-02-06T08:10:00Z');
    });
    expect(record.journal!.map((j) => j.at).slice(3)).toEqual(['2023-02-06T09:10:00+01:00', '2023-08-14T07:30:00+02:00']);
  });

  it('reads ISO 639-2/B and /T and 639-3 codes through the table, and alpha-3 countries', () => {
    const record = rich((p) => {
      setPath(p.dossier, 'beneficiaire.langues', [{ code: 'tib', maternelle: true }, { code: 'fas', maternelle: false }, { code: 'ckb', maternelle: false }]);
      setPath(p.dossier, 'beneficiaire.nationalite', 'XXA');
    });
    expect(record.person.languages).toEqual([{ code: 'bo', isFirstLanguage: true }, { code: 'fa', isFirstLanguage: false }, { code: 'ckb', isFirstLanguage: false }]);
    expect(record.person.nationality).toBe('XX');
  });

  it('sorts the lists CaseNet serves newest first, and journal pages across pages', () => {
    const parts = { dossier: fixture('rich.dossier.json'), journal: fixture('rich.journal.page1.json') };
    const elements = parts.journal.elements as unknown[];
    const page1 = { ...parts.journal, totalPages: 2, elements: elements.slice(0, 3) };
    const page2 = { ...parts.journal, page: 2, totalPages: 2, elements: elements.slice(3) };
    const { records } = toContract([jsonInput('p2', page2), jsonInput('d', parts.dossier), jsonInput('docs', fixture('rich.documents.json')), jsonInput('p1', page1)], ctx);
    expect(records[0]!.journal!.map((j) => j.id)).toEqual(['J-9001', 'J-9002', 'J-9003', 'J-9004', 'J-9005']);
    expect(records[0]!.residence.statusHistory.map((s) => s.status)).toEqual(['N', 'F', 'B']);
    expect(records[0]!.potentialAssessments!.map((a) => a.id)).toEqual(['EV-311', 'EV-427']);
  });

  it('rejects a dossier whose journal read stopped before totalPages', () => {
    const result = read((p) => setPath(p.journal, 'totalPages', 2));
    expect(result.rejections[0]!.error).toMatchObject({ code: 'mapping.incomplete', details: { field: 'journal', nativeField: 'journal.totalPages' } });
  });

  it('never maps staff names, and lower-cases the SHA-256', () => {
    const record = rich();
    expect(JSON.stringify(record)).not.toMatch(/Sarah Exemple|Luc Muster/);
    expect(record.responsibility.caseManagerId).toBe('gc-0147');
    expect(record.documents![0]!.sha256).toBe('cc39911abce8596595f740d82e7e9fe3546d30d09b4375a8e755533520e67e32');
  });

  it('keeps a measure type code first, and maps the CII exit states', () => {
    const record = rich((p) => {
      setPath(p.dossier, 'planIntegration.mesures[0].resultat', 'REINSERTION');
      setPath(p.dossier, 'planIntegration.mesures[1].type', 'AUTRE');
      setPath(p.dossier, 'planIntegration.mesures[1].financement', 'CII');
      setPath(p.dossier, 'planIntegration.mesures[2].resultat', 'HORS_RAYON');
    });
    const [cm, health, trial] = record.integrationPlan!.measures!;
    expect(cm).toMatchObject({ type: 'other', nativeCode: 'CM_CII', financedBy: 'other', outcome: 'achieved' });
    expect(health).toMatchObject({ type: 'other', nativeCode: 'CII', financedBy: 'other' });
    expect(trial!.outcome).toBeUndefined();
  });

  it('maps AUTRE to other without nativeCode, and an unknown statut or genre to other with it', () => {
    const record = rich((p) => {
      setPath(p.dossier, 'sejour.statuts[0].code', 'AUTRE');
      setPath(p.dossier, 'sejour.statuts[1].code', 'RENVOI');
      setPath(p.documents, 'documents[0].genre', 'AUTRE');
    });
    expect(record.residence.statusHistory.slice(1)).toEqual([
      { status: 'other', nativeCode: 'RENVOI', from: '2017-03-01', to: '2022-09-30' },
      { status: 'other', from: '2022-10-01' },
    ]);
    expect(record.documents![0]).not.toHaveProperty('nativeCode');
  });

  it('treats null, [] and objects of nulls as absent', () => {
    const record = rich((p) => {
      setPath(p.dossier, 'beneficiaire.domicile', { noOFS: null, commune: null });
      setPath(p.dossier, 'evaluations[0].sante', { capaciteTravail: null, restrictions: null });
      setPath(p.dossier, 'procurations', []);
    });
    expect(record.person).not.toHaveProperty('municipality');
    expect(record.potentialAssessments![1]).not.toHaveProperty('health');
    expect(record).not.toHaveProperty('consents');
  });

  it('stamps each record with the dossier version and modifieLe', () => {
    expect(read(() => undefined).stamps).toEqual([
      { version: '12', occurredAt: '2024-03-14T09:15:00+01:00' },
      { version: '1', occurredAt: '2024-01-15T10:02:44+01:00' },
    ]);
  });

  it('refuses a body that is not JSON or none of CaseNet bodies, naming it', () => {
    expect(() => toContract([{ name: 'x.json', content: new TextEncoder().encode('{') }], ctx)).toThrow(expect.objectContaining({ code: 'casenet.malformed-body' }));
    expect(() => toContract([jsonInput('x.json', { foo: 1 })], ctx)).toThrow(expect.objectContaining({ code: 'casenet.unknown-body' }));
    expect(() => toContract([jsonInput('j.json', { ...fixture('rich.journal.page1.json'), noDossier: 'CII-0' }), jsonInput('d.json', fixture('rich.dossier.json'))], ctx)).toThrow(
      expect.objectContaining({ code: 'casenet.unmatched-body' }),
    );
  });
});
