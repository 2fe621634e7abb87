import { describe, expect, it } from 'vitest';
import { fixture, type Body } from './test-support.js';
import { JU_CONTEXT, SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { expectRejected, getPath, jsonInput, setPath } from '../../src/adapters/testing.js';

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2024-03-15T06:00:00Z') };
const minimalPerson = (): Body => (fixture('minimal.page1.json').personnes as Body[])[0]!;

/** A page with the rich person (edited) and the minimal person after it. */
function page(edit: (person: Body) => void, context = ctx) {
  const rich = fixture('rich.page1.json');
  const person = (rich.personnes as Body[])[0]!;
  edit(person);
  return toContract([jsonInput('page1.json', { ...rich, personnes: [person, minimalPerson()] })], context);
}
const M = 'modules.';

// [rule, path in the person, value, code, contract path, native field]
const RULES: [string, string, unknown, string, string, string][] = [
  ['INFO_PRIMAIRE missing', `${M}INFO_PRIMAIRE`, undefined, 'mapping.required', 'person', 'INFO_PRIMAIRE'],
  ['INFO_PRIMAIRE refused', `${M}INFO_PRIMAIRE`, { acces: 'REFUSE' }, 'mapping.required', 'person', 'INFO_PRIMAIRE'],
  ['SEJOUR missing', `${M}SEJOUR`, undefined, 'mapping.required', 'residence.statusHistory', 'SEJOUR'],
  ['ENCADREMENT refused', `${M}ENCADREMENT`, { acces: 'REFUSE' }, 'mapping.required', 'responsibility', 'ENCADREMENT'],
  ['no permit', `${M}SEJOUR.permis`, [], 'mapping.required', 'residence.statusHistory', 'SEJOUR.permis'],
  ['nom missing', `${M}INFO_PRIMAIRE.nom`, null, 'mapping.required', 'person.officialName', 'INFO_PRIMAIRE.nom'],
  ['naissance.annee missing', `${M}INFO_PRIMAIRE.naissance.annee`, null, 'mapping.required', 'person.dateOfBirth', 'INFO_PRIMAIRE.naissance.annee'],
  ['a permit without du', `${M}SEJOUR.permis[0].du`, null, 'mapping.required', 'residence.statusHistory[0].from', 'SEJOUR.permis[0].du'],
  ['etape missing', `${M}ENCADREMENT.etape`, null, 'mapping.required', 'responsibility.phase', 'ENCADREMENT.etape'],
  ['depuis missing', `${M}ENCADREMENT.depuis`, null, 'mapping.required', 'responsibility.since', 'ENCADREMENT.depuis'],
  ['historique without au', `${M}ENCADREMENT.historique[0].au`, null, 'mapping.required', 'responsibility.history[1].to', 'ENCADREMENT.historique[0].au'],
  ['orientation missing', `${M}INTEGRATION.evaluations[1].orientation`, null, 'mapping.required', 'potentialAssessments[1].orientation', 'INTEGRATION.evaluations[1].orientation'],
  ['certifie missing', `${M}INTEGRATION.evaluations[1].competencesLinguistiques[0].certifie`, null, 'mapping.required', 'potentialAssessments[1].languageSkills[0].certified', 'INTEGRATION.evaluations[1].competencesLinguistiques[0].certifie'],
  ['terminee missing', `${M}INTEGRATION.evaluations[0].formations[0].terminee`, null, 'mapping.required', 'potentialAssessments[0].education[0].completed', 'INTEGRATION.evaluations[0].formations[0].terminee'],
  ['annees of an experience missing', `${M}INTEGRATION.evaluations[0].experiences[0].annees`, null, 'mapping.required', 'potentialAssessments[0].workExperience[0].years', 'INTEGRATION.evaluations[0].experiences[0].annees'],
  ['objectif no missing', `${M}INTEGRATION.plan.objectifs[1].no`, null, 'mapping.required', 'integrationPlan.goals[1].id', 'INTEGRATION.plan.objectifs[1].no'],
  ['etat missing', `${M}INTEGRATION.plan.mesures[3].etat`, null, 'mapping.required', 'integrationPlan.measures[3].status', 'INTEGRATION.plan.mesures[3].etat'],
  ['a note without texte', `${M}JOURNAL.notes[2].texte`, null, 'mapping.required', 'journal[3].text', 'JOURNAL.notes[2].texte'],
  ['a document without titre', `${M}DOCUMENTS.documents[1].titre`, null, 'mapping.required', 'documents[1].title', 'DOCUMENTS.documents[1].titre'],
  ['signee missing', `${M}AUTORISATIONS.autorisations[0].signee`, null, 'mapping.required', 'consents[0].grantedOn', 'AUTORISATIONS.autorisations[0].signee'],
  ['no destinataires', `${M}AUTORISATIONS.autorisations[1].destinataires`, [], 'mapping.required', 'consents[1].recipients', 'AUTORISATIONS.autorisations[1].destinataires'],
  ['a wrong AVS check digit', `${M}INFO_PRIMAIRE.noAVS`, 7569302146785, 'mapping.invalid-ahv', 'person.vn', 'INFO_PRIMAIRE.noAVS'],
  ['an AVS number not starting 756', `${M}INFO_PRIMAIRE.noAVS`, '123.9302.1467.84', 'mapping.invalid-ahv', 'person.vn', 'INFO_PRIMAIRE.noAVS'],
  ['an impossible legacy date', `${M}SEJOUR.permis[1].du`, '31.02.2016', 'mapping.invalid-date', 'residence.statusHistory[1].from', 'SEJOUR.permis[1].du'],
  ['a malformed legacy date', `${M}INFO_PRIMAIRE.dateEntree`, '2016/01/11', 'mapping.invalid-date', 'person.arrivalDate', 'INFO_PRIMAIRE.dateEntree'],
  ['a legacy date in a newer module', `${M}ENCADREMENT.depuis`, '01.02.2017', 'mapping.invalid-date', 'responsibility.since', 'ENCADREMENT.depuis'],
  ['a malformed journal date', `${M}JOURNAL.notes[0].date`, '01.02.2017 09:00', 'mapping.invalid-date', 'journal[0].at', 'JOURNAL.notes[0].date'],
  ['a jour without mois', `${M}INFO_PRIMAIRE.naissance.mois`, null, 'mapping.invalid-date', 'person.dateOfBirth', 'INFO_PRIMAIRE.naissance'],
  ['31 February', `${M}INFO_PRIMAIRE.naissance`, { jour: 31, mois: 2, annee: 1989 }, 'mapping.invalid-date', 'person.dateOfBirth', 'INFO_PRIMAIRE.naissance'],
  ['an unknown sexe', `${M}INFO_PRIMAIRE.sexe`, '9', 'mapping.unknown-code', 'person.sex', 'INFO_PRIMAIRE.sexe'],
  ['an unknown contrat type', `${M}TRAVAIL_REMUNERE.contrats[1].type`, 'STAGE_XY', 'mapping.unknown-code', 'employment.situation', 'TRAVAIL_REMUNERE.contrats[1].type'],
  ['an unknown aide', `${M}AIDE_SOCIALE.aide`, 'BEAUCOUP', 'mapping.unknown-code', 'socialAssistance.receives', 'AIDE_SOCIALE.aide'],
  ['an unknown service code', `${M}ENCADREMENT.service`, 'CMS-BRIG', 'mapping.unknown-organisation', 'responsibility.institutionId', 'ENCADREMENT.service'],
  ['an unknown recipient', `${M}AUTORISATIONS.autorisations[2].destinataires[0]`, 'OAI-JU', 'mapping.unknown-organisation', 'consents[2].recipients[0]', 'AUTORISATIONS.autorisations[2].destinataires[0]'],
  ['an unknown category', `${M}AUTORISATIONS.autorisations[0].categories[0]`, 'IDENTITE', 'mapping.unknown-code', 'consents[0].dataCategories[0]', 'AUTORISATIONS.autorisations[0].categories[0]'],
  ['an unknown journal type', `${M}JOURNAL.notes[3].type`, 'APPEL', 'mapping.unknown-code', 'journal[2].category', 'JOURNAL.notes[3].type'],
  ['a three-letter nationality', `${M}INFO_PRIMAIRE.nationalite.code`, 'SYR', 'mapping.unknown-code', 'person.nationality', 'INFO_PRIMAIRE.nationalite.code'],
  ['a lower-case nationality', `${M}INFO_PRIMAIRE.nationalite.code`, 'sy', 'mapping.unknown-code', 'person.nationality', 'INFO_PRIMAIRE.nationalite.code'],
  ['a language code of 4 letters', `${M}INFO_PRIMAIRE.langues[0].code`, 'ARAB', 'mapping.invalid-language', 'person.languages[0].code', 'INFO_PRIMAIRE.langues[0].code'],
  ['tauxActivite 120', `${M}TRAVAIL_REMUNERE.contrats[1].tauxActivite`, 120, 'mapping.out-of-range', 'employment.workloadPercent', 'TRAVAIL_REMUNERE.contrats[1].tauxActivite'],
  ['capaciteTravail 101', `${M}INTEGRATION.evaluations[0].capaciteTravail`, 101, 'mapping.out-of-range', 'potentialAssessments[0].health.workCapacityPercent', 'INTEGRATION.evaluations[0].capaciteTravail'],
  ['fractional octets', `${M}DOCUMENTS.documents[0].octets`, 120442.5, 'mapping.invalid-number', 'documents[0].size', 'DOCUMENTS.documents[0].octets'],
  ['a fractional version', `${M}INTEGRATION.plan.version`, 2.5, 'mapping.invalid-number', 'integrationPlan.version', 'INTEGRATION.plan.version'],
  ['a version in a string', `${M}INTEGRATION.plan.version`, '2', 'mapping.invalid-number', 'integrationPlan.version', 'INTEGRATION.plan.version'],
  ['an isco of 3 digits', `${M}INTEGRATION.evaluations[0].experiences[0].isco`, '233', 'mapping.invalid-isco', 'potentialAssessments[0].workExperience[0].iscoCode', 'INTEGRATION.evaluations[0].experiences[0].isco'],
  ['a hash without its prefix', `${M}DOCUMENTS.documents[0].hash`, '029111979c46383922cb0402d2327415b06becebe9cd471ea905733ab2e764e9', 'mapping.invalid-hash', 'documents[0].sha256', 'DOCUMENTS.documents[0].hash'],
  ['an attestation not in DOCUMENTS', `${M}INTEGRATION.evaluations[1].competencesLinguistiques[0].attestation`, 9999, 'mapping.unknown-document', 'potentialAssessments[1].languageSkills[0].certificateDocumentId', 'INTEGRATION.evaluations[1].competencesLinguistiques[0].attestation'],
  ['a measure document not in DOCUMENTS', `${M}INTEGRATION.plan.mesures[0].documents[0]`, 9999, 'mapping.unknown-document', 'integrationPlan.measures[0].documentIds[0]', 'INTEGRATION.plan.mesures[0].documents[0]'],
  ['an autorisation document not in DOCUMENTS', `${M}AUTORISATIONS.autorisations[0].document`, 9999, 'mapping.unknown-document', 'consents[0].documentId', 'AUTORISATIONS.autorisations[0].document'],
];

describe('Lora → contract: invalid input (FORMAT "Invalid input")', () => {
  it.each(RULES)('%s rejects the person, naming its idLora and both fields', (_rule, p, value, code, field, nativeField) => {
    const result = page((person) => setPath(person, p, value));
    const hidden = ['Khalil', typeof value === 'string' && value.length > 2 && value];
    expectRejected(result, { nativeId: '20345', code, field, nativeField, hidden, kept: ['21877'], keyOf: (r) => r.source.localPersonId });
  });

  it('rejects references to documents when DOCUMENTS is refused', () => {
    const result = page((person) => setPath(person, `${M}DOCUMENTS`, { acces: 'REFUSE' }));
    expect(result.rejections[0]!.error.code).toBe('mapping.unknown-document');
  });
});

describe('Lora → contract: quirks', () => {
  const rich = (edit: (person: Body) => void = () => undefined, context = ctx) => page(edit, context).records.find((r) => r.source.localPersonId === '20345')!;

  it('treats a refused optional module as absent and ignores modules it does not know', () => {
    const record = rich((p) => setPath(p, `${M}JOURNAL`, { acces: 'REFUSE' }));
    expect(record).not.toHaveProperty('journal');
    expect(JSON.stringify(record)).not.toContain('APPARTEMENT');
  });

  it('reads Lora 2.4: ISO dates in the legacy modules, RFC 3339 journal times', () => {
    const ju = { ...JU_CONTEXT, now: ctx.now };
    const rich = fixture('rich.page1.json');
    const person = (rich.personnes as Body[])[0]!;
    setPath(person, `${M}SEJOUR.permis[0].du`, '2022-03-01');
    setPath(person, `${M}INFO_PRIMAIRE.dateEntree`, '2016-01-11');
    setPath(person, `${M}JOURNAL.notes[0].date`, '2017-02-01T08:00:00Z');
    setPath(person, `${M}ENCADREMENT`, { etape: 'CANTON', service: 'AJAM', collaborateur: null, depuis: '2017-02-01', historique: [] });
    setPath(person, `${M}INTEGRATION`, null);
    setPath(person, `${M}JOURNAL.notes`, [getPath(person, `${M}JOURNAL.notes[0]`)]);
    setPath(person, `${M}JOURNAL.notes[0].service`, 'AJAM');
    setPath(person, `${M}AUTORISATIONS`, null);
    const { records, rejections } = toContract([jsonInput('p', { ...rich, instance: 'JU', versionLora: '2.4.0', personnes: [person] })], ju);
    expect(rejections).toEqual([]);
    expect(records[0]!.residence.statusHistory.at(-1)!.from).toBe('2022-03-01');
    expect(records[0]!.person.arrivalDate).toBe('2016-01-11');
    expect(records[0]!.journal![0]!.at).toBe('2017-02-01T09:00:00+01:00');
    expect(records[0]!.source).toMatchObject({ institutionId: 'ju-ajam', canton: 'JU' });
  });

  it('refuses a page of another instance, naming it', () => {
    expect(() => toContract([jsonInput('p.json', { ...fixture('rich.page1.json'), instance: 'JU' })], ctx)).toThrow(expect.objectContaining({ code: 'lora.wrong-instance' }));
  });

  it('reads escaped non-ASCII and a decomposed pré-A1', () => {
    const raw = new TextDecoder().decode(jsonInput('p', fixture('rich.page1.json')).content).replace('"pré-A1"', '"pre\\u0301-A1"').replace('Khalil', 'Kh\\u00e9lil');
    const { records } = toContract([{ name: 'p', content: new TextEncoder().encode(raw) }], ctx);
    expect(records[0]!.potentialAssessments![0]!.languageSkills![0]!.level).toBe('pre-A1');
    expect(records[0]!.person.officialName).toBe('Khélil');
  });

  it('reads dotted AVS strings, dotted ZEMIS numbers, integer ids and upper-case languages', () => {
    const record = rich((p) => {
      setPath(p, `${M}INFO_PRIMAIRE.noAVS`, '756.9302.1467.84');
      setPath(p, `${M}INFO_PRIMAIRE.langues[1].code`, 'DEU');
    });
    expect(record.person).toMatchObject({ vn: '7569302146784', zemisId: '198765432' });
    expect(record.person.languages!.map((l) => l.code)).toEqual(['ar', 'de', 'en']);
    expect(record.documents!.map((d) => d.id)).toEqual(['3301', '3302', '3310', '3315']);
  });

  it.each([
    [{ jour: null, mois: null, annee: 1989 }, '1989'],
    [{ jour: null, mois: 6, annee: 1989 }, '1989-06'],
  ])('makes a date of birth partial when parts are null', (naissance, expected) => {
    expect(rich((p) => setPath(p, `${M}INFO_PRIMAIRE.naissance`, naissance)).person.dateOfBirth).toBe(expected);
  });

  it('sorts permits and history (newest first) and the journal by time', () => {
    const record = rich();
    expect(record.residence.statusHistory.map((s) => s.status)).toEqual(['N', 'F-refugee', 'B-refugee']);
    expect(record.responsibility.history!.map((h) => h.phase)).toEqual(['federal', 'cantonal']);
    expect(record.journal!.map((j) => j.id)).toEqual(['90012', '90233', '90388', '90410', '90577']);
  });

  it('takes employment from the active contracts: first type, earliest start, workload summed and capped', () => {
    const contracts = [
      { id: 1, type: 'APPRENTISSAGE', debut: '2023-08-01', tauxActivite: 60, actif: true },
      { id: 2, type: 'CDI', debut: '2022-09-01', tauxActivite: 60, actif: true },
      { id: 3, type: 'CDD', debut: '2020-01-01', tauxActivite: 50, actif: false },
    ];
    expect(rich((p) => setPath(p, `${M}TRAVAIL_REMUNERE.contrats`, contracts)).employment).toEqual({ situation: 'in-training', since: '2022-09-01', workloadPercent: 100 });
    const noRate = contracts.map((c) => ({ ...c, tauxActivite: null }));
    expect(rich((p) => setPath(p, `${M}TRAVAIL_REMUNERE.contrats`, noRate)).employment).toEqual({ situation: 'in-training', since: '2022-09-01' });
    const inactive = contracts.map((c) => ({ ...c, actif: false }));
    const without = { situation: 'HORS_MARCHE', depuis: '2023-01-01' };
    expect(rich((p) => setPath(p, `${M}TRAVAIL_REMUNERE`, { contrats: inactive, sansContrat: without })).employment).toEqual({ situation: 'not-in-labour-force', since: '2023-01-01' });
    expect(rich((p) => setPath(p, `${M}TRAVAIL_REMUNERE`, { contrats: inactive, sansContrat: null }))).not.toHaveProperty('employment');
  });

  it('keeps a measure categorie code first, and maps AUTRE to other without it', () => {
    const record = rich((p) => {
      setPath(p, `${M}INTEGRATION.plan.mesures[0].categorie`, 'ANIMATION');
      setPath(p, `${M}INTEGRATION.plan.mesures[0].financement`, 'LOTERIE');
      setPath(p, `${M}INTEGRATION.plan.mesures[1].financement`, 'LOTERIE');
      setPath(p, `${M}SEJOUR.permis[0].type`, 'AUTRE');
    });
    expect(record.integrationPlan!.measures![0]).toMatchObject({ type: 'other', nativeCode: 'ANIMATION', financedBy: 'other' });
    expect(record.integrationPlan!.measures![1]).toMatchObject({ type: 'internship', nativeCode: 'LOTERIE', financedBy: 'other' });
    expect(record.residence.statusHistory.at(-1)).toEqual({ status: 'other', from: '2022-03-01' });
  });

  it('never maps staff names', () => {
    expect(JSON.stringify(rich())).not.toMatch(/Marie Exemple|Jean Exemple/);
  });

  it('stamps each person with its modifieLe', () => {
    expect(page(() => undefined).stamps).toEqual([
      { version: '2024-03-14 16:02:11', occurredAt: '2024-03-14T16:02:11+01:00' },
      { version: '2024-03-14 10:12:40', occurredAt: '2024-03-14T10:12:40+01:00' },
    ]);
  });
});
