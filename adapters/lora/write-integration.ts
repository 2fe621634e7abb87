import type { CaseRecord, IntegrationPlan, Measure, MeasureStatus, MeasureType, Orientation, PotentialAssessment } from '../../src/adapters/sdk.js';
import { invalid } from '../../src/adapters/sdk.js';
import { EDUCATION, FINANCED_BY, LEVEL, MEASURE_STATUS, MEASURE_TYPE, ORIENTATION, OUTCOME, SKILL } from './codes.js';
import { encode, loraId, orNull, serviceCode, type WriteEnv } from './write-values.js';

/** INTEGRATION: the evaluations and the plan, or nothing when the record has neither. */
export function integration(record: CaseRecord, env: WriteEnv): Record<string, unknown> | undefined {
  const assessments = record.potentialAssessments ?? [];
  if (assessments.length === 0 && !record.integrationPlan) return undefined;
  return { evaluations: assessments.map((a, i) => evaluation(a, `potentialAssessments[${i}]`, env)), plan: plan(record.integrationPlan, env) };
}

/** An evaluation; what the record lacks (health, notes, orientation withheld) is `null`. */
function evaluation(a: PotentialAssessment, f: string, env: WriteEnv): Record<string, unknown> {
  const n = 'INTEGRATION.evaluations';
  const orientation: Orientation | undefined = a.orientation;
  return {
    id: loraId(a.id),
    date: a.date,
    service: serviceCode(env, a.institutionId, `${f}.institutionId`, `${n}.service`),
    competencesLinguistiques: (a.languageSkills ?? []).map((l, j) => ({
      langue: l.language.toUpperCase(),
      niveau: encode(LEVEL, l.level, `${f}.languageSkills[${j}].level`, `${n}.competencesLinguistiques.niveau`),
      competence: encode(SKILL, l.skill, `${f}.languageSkills[${j}].skill`, `${n}.competencesLinguistiques.competence`),
      certifie: l.certified,
      attestation: l.certificateDocumentId === undefined ? null : loraId(l.certificateDocumentId),
    })),
    formations: (a.education ?? []).map((e, j) => ({
      niveau: encode(EDUCATION, e.level, `${f}.education[${j}].level`, `${n}.formations.niveau`),
      pays: country(e.country),
      annees: orNull(e.years),
      terminee: e.completed,
      reconnue: orNull(e.recognisedInSwitzerland),
    })),
    experiences: (a.workExperience ?? []).map((x, j) => ({ metier: x.occupation, isco: isco(x.iscoCode, `${f}.workExperience[${j}].iscoCode`), annees: x.years, pays: country(x.country) })),
    capaciteTravail: orNull(a.health?.workCapacityPercent),
    restrictionsSante: orNull(a.health?.restrictions),
    orientation: orientation === undefined ? null : encode(ORIENTATION, orientation, `${f}.orientation`, `${n}.orientation`),
    ressources: orNull(a.resources),
    obstacles: orNull(a.obstacles),
    objectifs: orNull(a.goals),
  };
}

const country = (code: string | undefined): string | null => (code === undefined ? null : code === 'XX' ? 'INCONNUE' : code);

/** Lora keeps ISCO-08 codes of 4 digits only. */
function isco(code: string | undefined, field: string): string | null {
  if (code === undefined) return null;
  if (!/^\d{4}$/.test(code)) throw invalid('mapping.unwritable-code', { field, nativeField: 'INTEGRATION.evaluations.experiences.isco' }, 'is not an ISCO-08 code of 4 digits');
  return code;
}

/**
 * Goals are numbered (`no`): a goal id `<plan id>/<n>` (as Lora's own read gives) keeps
 * its number; other ids are lost, the goals renumbered in order (README).
 */
function goalNumbers(p: IntegrationPlan): number[] {
  const goals = p.goals ?? [];
  const own = goals.map((g) => (g.id.startsWith(`${p.id}/`) && /^[1-9]\d*$/.test(g.id.slice(p.id.length + 1)) ? Number(g.id.slice(p.id.length + 1)) : undefined));
  const unique = new Set(own).size === goals.length && own.every((n) => n !== undefined);
  return goals.map((_g, i) => (unique ? own[i]! : i + 1));
}

function plan(p: IntegrationPlan | undefined, env: WriteEnv): Record<string, unknown> | null {
  if (!p) return null;
  const numbers = goalNumbers(p);
  return {
    id: loraId(p.id),
    version: p.version,
    date: p.establishedOn,
    validePar: p.validatedBy === undefined ? null : serviceCode(env, p.validatedBy, 'integrationPlan.validatedBy', 'INTEGRATION.plan.validePar'),
    objectifs: (p.goals ?? []).map((g, i) => ({ no: numbers[i], texte: g.text, echeance: orNull(g.targetDate) })),
    mesures: (p.measures ?? []).map((m, i) => measure(m, `integrationPlan.measures[${i}]`, env)),
  };
}

/** A measure; with the plan withheld but its notes disclosed, it holds only its id and note (the rest `null`). */
function measure(m: Measure, f: string, env: WriteEnv): Record<string, unknown> {
  const n = 'INTEGRATION.plan.mesures';
  const type: MeasureType | undefined = m.type;
  const status: MeasureStatus | undefined = m.status;
  // The object's one nativeCode is its categorie's when that fell back, else its payer's.
  const typeCode = m.type === 'other' ? m.nativeCode : undefined;
  const fundingCode = m.type !== 'other' && m.financedBy === 'other' ? m.nativeCode : undefined;
  return {
    id: loraId(m.id),
    categorie: type === undefined ? null : encode(MEASURE_TYPE, type, `${f}.type`, `${n}.categorie`, typeCode, env.own),
    libelle: orNull(m.title),
    prestataire: m.providerId !== undefined || m.providerName !== undefined ? { id: orNull(m.providerId), nom: orNull(m.providerName) } : null,
    debut: orNull(m.start),
    fin: orNull(m.end),
    etat: status === undefined ? null : encode(MEASURE_STATUS, status, `${f}.status`, `${n}.etat`),
    resultat: m.outcome === undefined ? null : encode(OUTCOME, m.outcome, `${f}.outcome`, `${n}.resultat`),
    commentaire: orNull(m.note),
    financement: m.financedBy === undefined ? null : encode(FINANCED_BY, m.financedBy, `${f}.financedBy`, `${n}.financement`, fundingCode, env.own),
    documents: (m.documentIds ?? []).map(loraId),
  };
}
