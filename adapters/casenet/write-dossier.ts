import type { CaseRecord, InstitutionType, Orientation, Person, PotentialAssessment, Residence, Responsibility } from '../../src/adapters/sdk.js';
import { dottedAhv, invalid, writeConsents } from '../../src/adapters/sdk.js';
import { NAMES } from './reading.js';
import { DATA_CATEGORY, CONSENT_KIND, COUNTRY, EDUCATION, EMPLOYMENT, LANGUAGE, LEVEL, ORIENTATION, PHASE, PURPOSE, RECIPIENT_TYPE, SEX, SKILL, STATUS } from './codes.js';
import { planBody } from './write-plan.js';
import { birthDate, encode, encodeOptional, institutionCode, newestFirst, orNull, type WriteEnv } from './write-values.js';

const TYPES: ReadonlySet<string> = new Set(RECIPIENT_TYPE.natives().map((c) => RECIPIENT_TYPE.value(c, { field: '', nativeField: '' })));
const isType = (value: string): value is InstitutionType => TYPES.has(value);

const country = (code: string | undefined, field: string, nativeField: string): string | null => (code === undefined ? null : encode(COUNTRY, code, field, nativeField));

/**
 * A record → the CaseNet dossier, every property present (`null` and `[]` for none, quirk 1).
 *
 * A delivered record lacks every category the policy withheld, even parts the contract
 * requires of a source (`person`, `residence`, `responsibility`, an assessment's
 * `orientation`): CaseNet marks none of its fields required, so each absent part is
 * written as absent (`null`, `[]`), never filled in.
 */
export function dossierBody(record: CaseRecord, env: WriteEnv): Record<string, unknown> {
  const p: Partial<Person> = record.person ?? {};
  const residence: Residence | undefined = record.residence;
  const r: Responsibility | undefined = record.responsibility;
  return {
    noDossier: record.source.localCaseId,
    version: null,
    etat: null,
    typeSuivi: null,
    ouvertLe: null,
    modifieLe: null,
    beneficiaire: {
      idPersonne: record.source.localPersonId,
      noAVS: p.vn === undefined ? null : dottedAhv(p.vn),
      noSymic: orNull(p.zemisId),
      nom: orNull(p.officialName),
      prenom: orNull(p.firstName),
      sexe: encodeOptional(SEX, p.sex, 'person.sex', 'beneficiaire.sexe'),
      ...birthDate(p.dateOfBirth),
      nationalite: country(p.nationality, 'person.nationality', 'beneficiaire.nationalite'),
      langues: (p.languages ?? []).map((l, i) => ({ code: encode(LANGUAGE, l.code, `person.languages[${i}].code`, `beneficiaire.langues[${i}].code`), maternelle: l.isFirstLanguage })),
      domicile: p.municipality ? { noOFS: p.municipality.bfsNumber, commune: p.municipality.name } : null,
      entreeEnSuisse: orNull(p.arrivalDate),
    },
    sejour: residence
      ? {
          statuts: newestFirst(
            residence.statusHistory.map((s, i) => ({
              code: encode(STATUS, s.status, `residence.statusHistory[${i}].status`, 'sejour.statuts.code', s.nativeCode, env.own),
              debut: s.from,
              fin: orNull(s.to),
            })),
          ),
          dateDecisionAsile: orNull(residence.asylumDecisionDate),
        }
      : null,
    pilotage: r
      ? {
          phaseAIS: encode(PHASE, r.phase, 'responsibility.phase', 'pilotage.phaseAIS'),
          institutionPilote: institutionCode(env, r.institutionId, 'responsibility.institutionId', 'pilotage.institutionPilote'),
          gestionnaire: r.caseManagerId === undefined ? null : { id: r.caseManagerId, nom: null },
          depuis: r.since,
          historique: newestFirst(
            (r.history ?? []).map((h, i) => ({
              phaseAIS: encode(PHASE, h.phase, `responsibility.history[${i}].phase`, 'pilotage.historique.phaseAIS'),
              institution: institutionCode(env, h.institutionId, `responsibility.history[${i}].institutionId`, 'pilotage.historique.institution'),
              du: h.from,
              au: h.to,
            })),
          ),
        }
      : null,
    situationProfessionnelle: record.employment
      ? {
          situation: encode(EMPLOYMENT, record.employment.situation, 'employment.situation', 'situationProfessionnelle.situation'),
          depuis: orNull(record.employment.since),
          tauxActivite: orNull(record.employment.workloadPercent),
        }
      : null,
    aideSociale: record.socialAssistance ? { beneficiaire: record.socialAssistance.receives, depuis: orNull(record.socialAssistance.since) } : null,
    evaluations: newestFirst((record.potentialAssessments ?? []).map((a, i) => evaluationBody(a, `potentialAssessments[${i}]`, env))),
    planIntegration: planBody(record.integrationPlan, env),
    procurations: writeConsents(record.consents, NAMES, {
      codes: { kind: CONSENT_KIND, purpose: PURPOSE, dataCategory: DATA_CATEGORY },
      says: 'has no CaseNet code',
      recipient: (to, field, nativeField) => (isType(to) ? encode(RECIPIENT_TYPE, to, field, nativeField) : institutionCode(env, to, field, nativeField)),
      absent: null,
    }),
  };
}

function evaluationBody(a: PotentialAssessment, f: string, env: WriteEnv): Record<string, unknown> {
  const orientation: Orientation | undefined = a.orientation;
  return {
    id: a.id,
    date: a.date,
    type: null,
    institution: institutionCode(env, a.institutionId, `${f}.institutionId`, 'evaluations.institution'),
    langues: (a.languageSkills ?? []).map((l, j) => ({
      langue: encode(LANGUAGE, l.language, `${f}.languageSkills[${j}].language`, 'evaluations.langues.langue'),
      niveau: encode(LEVEL, l.level, `${f}.languageSkills[${j}].level`, 'evaluations.langues.niveau'),
      competence: encode(SKILL, l.skill, `${f}.languageSkills[${j}].skill`, 'evaluations.langues.competence'),
      certifiee: l.certified,
      idDocument: orNull(l.certificateDocumentId),
    })),
    formations: (a.education ?? []).map((e, j) => ({
      niveau: encode(EDUCATION, e.level, `${f}.education[${j}].level`, 'evaluations.formations.niveau'),
      pays: country(e.country, `${f}.education[${j}].country`, 'evaluations.formations.pays'),
      annees: orNull(e.years),
      achevee: e.completed,
      reconnueCH: orNull(e.recognisedInSwitzerland),
    })),
    experiences: (a.workExperience ?? []).map((x, j) => ({
      profession: x.occupation,
      codeISCO: iscoCode(x.iscoCode, `${f}.workExperience[${j}].iscoCode`),
      annees: x.years,
      pays: country(x.country, `${f}.workExperience[${j}].country`, 'evaluations.experiences.pays'),
    })),
    sante: a.health ? { capaciteTravail: orNull(a.health.workCapacityPercent), restrictions: orNull(a.health.restrictions) } : null,
    // Absent when education and work are withheld (the assessment then holds its language skills or notes).
    orientation: encodeOptional(ORIENTATION, orientation, `${f}.orientation`, 'evaluations.orientation'),
    ressources: orNull(a.resources),
    freins: orNull(a.obstacles),
    objectifs: orNull(a.goals),
  };
}

/** CaseNet keeps ISCO-08 codes of 4 digits only; a shorter (major group) code cannot be said. */
function iscoCode(code: string | undefined, field: string): string | null {
  if (code === undefined) return null;
  if (!/^\d{4}$/.test(code)) throw invalid('mapping.unwritable-code', { field, nativeField: 'evaluations.experiences.codeISCO' }, 'is not an ISCO-08 code of 4 digits');
  return code;
}
