import { describe, expect, it } from 'vitest';
import { COUPLE, fixtureText, mapText, swap } from './test-kit.js';
import { expectAllRejected, expectRejected } from '../../src/adapters/testing.js';

// FORMAT.md, "Invalid input": each rule rejects the member (or, for the UA's own fields,
// every member) naming the native field and the contract path; the others go on.

const OMAR = '221045/48120';
const couple = (): string => fixtureText(COUPLE);

type Edit = (xml: string) => string;
const set = (from: string, to: string): Edit => (xml) => swap(xml, from, to);
const drop = (from: string): Edit => set(from, '');

// name, edit, code, field, nativeField, the value that must not appear in the message
const MEMBER_RULES: [string, Edit, string, string, string, string?][] = [
  ['nomOfficiel missing', set('<nomOfficiel>Khalil</nomOfficiel>', '<nomOfficiel/>'), 'mapping.required', 'person.officialName', 'nomOfficiel'],
  ['prenom missing', drop('<prenom>Omar</prenom>'), 'mapping.required', 'person.firstName', 'prenom'],
  ['sexe missing', set('<sexe>1</sexe>', '<sexe></sexe>'), 'mapping.required', 'person.sex', 'sexe'],
  ['an unknown sexe', set('<sexe>1</sexe>', '<sexe>9</sexe>'), 'mapping.unknown-code', 'person.sex', 'sexe'],
  ['dateNaissance missing', drop('<dateNaissance precision="J">14.02.1985</dateNaissance>'), 'mapping.required', 'person.dateOfBirth', 'dateNaissance'],
  ['an ISO dateNaissance', set('<dateNaissance precision="J">14.02.1985</dateNaissance>', '<dateNaissance precision="J">1985-02-14</dateNaissance>'), 'mapping.invalid-date', 'person.dateOfBirth', 'dateNaissance', '1985-02-14'],
  ['an impossible dateNaissance', set('<dateNaissance precision="J">14.02.1985</dateNaissance>', '<dateNaissance precision="J">30.02.1985</dateNaissance>'), 'mapping.invalid-date', 'person.dateOfBirth', 'dateNaissance', '30.02.1985'],
  ['an unknown @precision', set('<dateNaissance precision="J">14.02.1985</dateNaissance>', '<dateNaissance precision="T">14.02.1985</dateNaissance>'), 'mapping.unknown-code', 'person.dateOfBirth', 'dateNaissance/@precision'],
  ['statuts missing', (x) => x.replace(/<statuts>[\s\S]*?<\/statuts>/, ''), 'mapping.required', 'residence.statusHistory', 'statuts'],
  ['a noAVS of 12 digits', set('756.6400.2118.71', '756.6400.2118.7'), 'mapping.invalid-ahv', 'person.vn', 'noAVS', '756.6400.2118.7'],
  ['a noAVS not starting 756', set('756.6400.2118.71', '757.6400.2118.71'), 'mapping.invalid-ahv', 'person.vn', 'noAVS', '757.6400'],
  ['a noAVS with a wrong check digit', set('756.6400.2118.71', '756.6400.2118.72'), 'mapping.invalid-ahv', 'person.vn', 'noAVS', '2118.72'],
  ['a bilan without @no', set('<bilan no="BIL-2024-031"', '<bilan'), 'mapping.required', 'potentialAssessments[1].id', 'bilans/bilan[0]/@no'],
  ['a bilan with an unknown @service', set('service="COSM" orientation="FORMPRO"', 'service="CSP-GE" orientation="FORMPRO"'), 'mapping.unknown-organisation', 'potentialAssessments[1].institutionId', 'bilans/bilan[0]/@service'],
  ['an unknown @orientation', set('orientation="FORMPRO"', 'orientation="AUTRE"'), 'mapping.unknown-code', 'potentialAssessments[1].orientation', 'bilans/bilan[0]/@orientation'],
  ['an unknown @niveau', set('niveau="B1" aptitude="O"', 'niveau="B3" aptitude="O"'), 'mapping.unknown-code', 'potentialAssessments[1].languageSkills[0].level', 'bilans/bilan[0]/competence[0]/@niveau'],
  ['an unknown @aptitude', set('niveau="B1" aptitude="O"', 'niveau="B1" aptitude="X"'), 'mapping.unknown-code', 'potentialAssessments[1].languageSkills[0].skill', 'bilans/bilan[0]/competence[0]/@aptitude'],
  ['a competence without @certifie', set('aptitude="R" certifie="non"', 'aptitude="R"'), 'mapping.required', 'potentialAssessments[1].languageSkills[1].certified', 'bilans/bilan[0]/competence[1]/@certifie'],
  ['capaciteTravail 120', set('<capaciteTravail>100</capaciteTravail>', '<capaciteTravail>120</capaciteTravail>'), 'mapping.out-of-range', 'potentialAssessments[1].health.workCapacityPercent', 'bilans/bilan[0]/capaciteTravail'],
  ['@taux 101', set('taux="80"', 'taux="101"'), 'mapping.out-of-range', 'employment.workloadPercent', 'activite/@taux'],
  ['a planIntegration without @no', set('<planIntegration no="PI-48120" ', '<planIntegration '), 'mapping.required', 'integrationPlan.id', 'planIntegration/@no'],
  ['a mesure without @no', set('<mesure no="M-903" ', '<mesure '), 'mapping.required', 'integrationPlan.measures[2].id', 'planIntegration/mesure[2]/@no'],
  ['a mesure without intitule', drop('<intitule>Coaching emploi</intitule>'), 'mapping.required', 'integrationPlan.measures[5].title', 'planIntegration/mesure[5]/intitule'],
  ['a mesure without @statut', set('type="111" statut="4"', 'type="111"'), 'mapping.required', 'integrationPlan.measures[2].status', 'planIntegration/mesure[2]/@statut'],
  ['an objectif without @no', set('<objectif no="2" ', '<objectif '), 'mapping.required', 'integrationPlan.goals[1].id', 'planIntegration/objectif[1]/@no'],
  ['a procuration without @no', set('<procuration no="PR-744" ', '<procuration '), 'mapping.required', 'consents[1].id', 'procurations/procuration[1]/@no'],
  ['a procuration without recipient', drop('<destinataireService>ORP-MN</destinataireService>'), 'mapping.required', 'consents[1].recipients', 'procurations/procuration[1]/destinataireType'],
  ['a procuration without but', drop('<but>PLACEMENT</but>'), 'mapping.required', 'consents[1].purposes', 'procurations/procuration[1]/but'],
  ['a procuration without donnees', (x) => x.replace(/(<but>PRESTATIONS<\/but>)(\s*<donnees>\w+<\/donnees>)+/, '$1'), 'mapping.required', 'consents[2].dataCategories', 'procurations/procuration[2]/donnees'],
  // Routed to Omar alone: they reject him alone.
  ['a note without @no', set('<note no="N-31902" ', '<note '), 'mapping.required', 'journal[2].id', 'journal/note[2]/@no'],
  ['a note without @saisieLe', set('saisieLe="2024-09-20T11:15:00" ', ''), 'mapping.required', 'journal[0].at', 'journal/note[2]/@saisieLe'],
  ['a note with a malformed @saisieLe', set('saisieLe="2024-09-20T11:15:00"', 'saisieLe="20.09.2024 11:15"'), 'mapping.invalid-date', 'journal[0].at', 'journal/note[2]/@saisieLe', '20.09.2024'],
  ['a note without @type', set('type="TEL" ', ''), 'mapping.required', 'journal[2].category', 'journal/note[2]/@type'],
  ['a note without @service', set('type="ENTRETIEN" service="COSM"', 'type="ENTRETIEN"'), 'mapping.required', 'journal[1].institutionId', 'journal/note[1]/@service'],
  ['a note without texte', (x) => x.replace(/<texte>M\. Khalil[^<]*<\/texte>/, '<texte/>'), 'mapping.required', 'journal[2].text', 'journal/note[2]/texte'],
  ['a document without @no', set('<document no="KD-3411" ', '<document '), 'mapping.required', 'documents[2].id', 'documents/document[2]/@no'],
  ['a document without @type', set('<document no="KD-3411" type="2" ', '<document no="KD-3411" '), 'mapping.required', 'documents[2].kind', 'documents/document[2]/@type'],
  ['a document without @mime', set('type="2" mime="application/pdf" ', 'type="2" '), 'mapping.required', 'documents[2].mediaType', 'documents/document[2]/@mime'],
  ['a malformed @mime', set('type="2" mime="application/pdf" ', 'type="2" mime="PDF" '), 'mapping.invalid-media-type', 'documents[2].mediaType', 'documents/document[2]/@mime'],
  ['a document without @octets', set('octets="254000" ', ''), 'mapping.required', 'documents[2].size', 'documents/document[2]/@octets'],
  ['an upper-case @sha256', (x) => x.replace('b73c1d8b2ab518ee4721b829d493d681e3179f82b43eeb3b3c74f56886217233', 'B73C1D8B2AB518EE4721B829D493D681E3179F82B43EEB3B3C74F56886217233'), 'mapping.invalid-hash', 'documents[2].sha256', 'documents/document[2]/@sha256', 'B73C1D8B'],
  ['a document without @date', set('date="25.09.2023" ', ''), 'mapping.required', 'documents[2].date', 'documents/document[2]/@date'],
];

describe('KiSS → contract: a member is rejected, the others go on', () => {
  it.each(MEMBER_RULES)('%s', (_name, edit, code, field, nativeField, secret) => {
    const result = mapText(edit(couple()));
    expectRejected(result, { nativeId: OMAR, code, field, nativeField, hidden: ['Khalil', secret], kept: ['48121'], keyOf: (r) => r.source.localPersonId });
  });
});

// The UA's own fields are copied to every member: a fault there rejects all of them.
const UA_RULES: [string, Edit, string, string, string][] = [
  ['responsabilite without @phase', set('<responsabilite phase="COMM" ', '<responsabilite '), 'mapping.required', 'responsibility.phase', 'responsabilite/@phase'],
  ['an unknown @phase', set('<responsabilite phase="COMM" ', '<responsabilite phase="REG" '), 'mapping.unknown-code', 'responsibility.phase', 'responsabilite/@phase'],
  ['responsabilite without @service', set('phase="COMM" service="SSRM" ', 'phase="COMM" '), 'mapping.required', 'responsibility.institutionId', 'responsabilite/@service'],
  ['an unknown @service', set('phase="COMM" service="SSRM" ', 'phase="COMM" service="SSR-LIT" '), 'mapping.unknown-organisation', 'responsibility.institutionId', 'responsabilite/@service'],
  ['responsabilite without @des', set('des="03.11.2022" gestionnaire', 'gestionnaire'), 'mapping.required', 'responsibility.since', 'responsabilite/@des'],
  ['a periode with an impossible @au', set('au="02.11.2022"', 'au="31.11.2022"'), 'mapping.invalid-date', 'responsibility.history[1].to', 'historiqueResponsabilite/periode[0]/@au'],
  ['@aideFinanciere missing', set(' aideFinanciere="oui"', ''), 'mapping.required', 'socialAssistance.receives', '@aideFinanciere'],
  ['@aideFinanciere neither oui nor non', set(' aideFinanciere="oui"', ' aideFinanciere="1"'), 'mapping.invalid-boolean', 'socialAssistance.receives', '@aideFinanciere'],
  ['a note concerning a non-member', set('<concerne>48120</concerne>', '<concerne>49999</concerne>'), 'mapping.unknown-member', 'journal', 'journal/note[1]/concerne[0]'],
  ['a document of a non-member', set('personne="48120">Procuration', 'personne="49999">Procuration'), 'mapping.unknown-member', 'documents', 'documents/document[0]/@personne'],
];

describe('KiSS → contract: a fault of the UA rejects every member', () => {
  it.each(UA_RULES)('%s', (_name, edit, code, field, nativeField) => {
    expectAllRejected(mapText(edit(couple())), { nativeIds: ['221045/48120', '221045/48121'], code, field, nativeField, hidden: /Khalil|Perrin/ });
  });

  it('names a member without @noPersonne by position, the other goes on', () => {
    const result = mapText(swap(couple(), 'noPersonne="48121"', 'noPersonne=""'));
    expect(result.records.map((r) => r.source.localPersonId)).toEqual(['48120']);
    expect(result.rejections[0]).toMatchObject({ nativeId: '221045/?', error: { details: { field: 'source.localPersonId', nativeField: '@noPersonne' } } });
  });
});
