import type { IntegrationPlan, Measure, MeasureStatus, MeasureType } from '../../src/adapters/sdk.js';
import { FINANCED_BY, MEASURE_STATUS, MEASURE_TYPE, OUTCOME } from './codes.js';
import { encode, encodeOptional, institutionCode, orNull, type WriteEnv } from './write-values.js';

/** `integrationPlan` → `planIntegration`; `objectifs[].code` is unknown to the contract (null). */
export function planBody(plan: IntegrationPlan | undefined, env: WriteEnv): Record<string, unknown> | null {
  if (!plan) return null;
  return {
    id: plan.id,
    version: plan.version,
    etabliLe: plan.establishedOn,
    validePar: plan.validatedBy === undefined ? null : institutionCode(env, plan.validatedBy, 'integrationPlan.validatedBy', 'planIntegration.validePar'),
    objectifs: (plan.goals ?? []).map((g) => ({ id: g.id, code: null, libelle: g.text, echeance: orNull(g.targetDate) })),
    mesures: (plan.measures ?? []).map((m, i) => measureBody(m, `integrationPlan.measures[${i}]`, env)),
  };
}

/**
 * A measure; with the plan withheld but its notes disclosed, a measure holds only its id
 * and note: type, title and status are then written as absent.
 */
function measureBody(m: Measure, f: string, env: WriteEnv): Record<string, unknown> {
  const type: MeasureType | undefined = m.type;
  const status: MeasureStatus | undefined = m.status;
  // The object's one nativeCode is its type's when the type fell back, else its payer's.
  const typeCode = m.type === 'other' ? m.nativeCode : undefined;
  const fundingCode = m.type !== 'other' && m.financedBy === 'other' ? m.nativeCode : undefined;
  return {
    id: m.id,
    type: type === undefined ? null : encode(MEASURE_TYPE, type, `${f}.type`, 'planIntegration.mesures.type', typeCode, env.own),
    intitule: orNull(m.title),
    prestataire: m.providerId !== undefined || m.providerName !== undefined ? { id: orNull(m.providerId), nom: orNull(m.providerName) } : null,
    debut: orNull(m.start),
    fin: orNull(m.end),
    statut: encodeOptional(MEASURE_STATUS, status, `${f}.status`, 'planIntegration.mesures.statut'),
    // CII exit states are lost: the outcome is written as ATTEINT, PARTIELLEMENT_ATTEINT or NON_ATTEINT.
    resultat: encodeOptional(OUTCOME, m.outcome, `${f}.outcome`, 'planIntegration.mesures.resultat'),
    remarque: orNull(m.note),
    financement: m.financedBy === undefined ? null : encode(FINANCED_BY, m.financedBy, `${f}.financedBy`, 'planIntegration.mesures.financement', fundingCode, env.own),
    documents: m.documentIds ?? [],
  };
}
