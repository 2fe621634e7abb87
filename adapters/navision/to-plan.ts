import { at, invalid, missing, required, sub, type At, type OrganisationMap } from '../../src/adapters/sdk.js';
import { EMPLOYMENT, FINANCED_BY, MEASURE_STATUS, MEASURE_TYPE, OUTCOME } from './codes.js';
import { navBoolean, navDate, navList, navNumber, navOption, navText, type NavRow } from './native.js';
import { periodOf } from './rows.js';

// The card's plan fields with `Mesures_Integration`, and its employment and social
// assistance fields.

/**
 * None when `Plan_No` is blank. Every measure of the beneficiary is a measure of its plan
 * (in native order): measures without a plan reject rather than vanish.
 */
export function planOf(card: NavRow, measures: readonly NavRow[], orgs: OrganisationMap): Record<string, unknown> | undefined {
  const idAt = at('integrationPlan.id', 'Plan_No');
  const id = navText(card.Plan_No, idAt);
  if (id === undefined) {
    if (measures.length > 0) throw missing(idAt);
    return undefined;
  }
  const versionAt = at('integrationPlan.version', 'Plan_Version');
  const version = required(navNumber(card.Plan_Version, versionAt), versionAt);
  if (!Number.isInteger(version) || version < 1) throw invalid('mapping.invalid-number', versionAt, 'is not a whole number from 1');
  const established = at('integrationPlan.establishedOn', 'Plan_Etabli_Le');
  return {
    id,
    version,
    establishedOn: required(navDate(card.Plan_Etabli_Le, established), established),
    validatedBy: orgs.institution(navText(card.Plan_Valide_Par, at('integrationPlan.validatedBy', 'Plan_Valide_Par')), at('integrationPlan.validatedBy', 'Plan_Valide_Par')),
    measures: measures.map((row, i) => measureOf(row, i, orgs)),
  };
}

function measureOf(row: NavRow, i: number, orgs: OrganisationMap): Record<string, unknown> {
  const base = { field: `integrationPlan.measures[${i}]`, nativeField: `Mesures_Integration[${i}]` };
  const w = (field: string, native: string): At => sub(base, field, native);
  const type = MEASURE_TYPE.decode(navText(row.Type_Mesure, w('type', 'Type_Mesure')), w('type', 'Type_Mesure'));
  const { from, to } = periodOf(row, base, 'start', 'end');
  return {
    id: required(navText(row.No, w('id', 'No')), w('id', 'No')),
    type: type.value,
    nativeCode: type.nativeCode,
    title: required(navText(row.Description, w('title', 'Description')), w('title', 'Description')),
    providerId: orgs.institution(navText(row.Prestataire_No, w('providerId', 'Prestataire_No')), w('providerId', 'Prestataire_No')),
    providerName: navText(row.Prestataire_Nom, w('providerName', 'Prestataire_Nom')),
    start: from,
    end: to,
    status: MEASURE_STATUS.value(navOption(row.Statut, w('status', 'Statut')), w('status', 'Statut')),
    outcome: OUTCOME.valueOptional(navOption(row.Resultat, w('outcome', 'Resultat')), w('outcome', 'Resultat')),
    note: navText(row.Remarque, w('note', 'Remarque')),
    financedBy: FINANCED_BY.valueOptional(navOption(row.Financement, w('financedBy', 'Financement')), w('financedBy', 'Financement')),
    documentIds: navList(row.Documents_Lies, w('documentIds', 'Documents_Lies')),
  };
}

/** None when `Situation_Emploi` is `_blank_`; `Taux_Activite` is whole 1–100 (0 is blank). */
export function employmentOf(card: NavRow): Record<string, unknown> | undefined {
  const where = at('employment.situation', 'Situation_Emploi');
  const situation = EMPLOYMENT.valueOptional(navOption(card.Situation_Emploi, where), where);
  if (situation === undefined) return undefined;
  const rateAt = at('employment.workloadPercent', 'Taux_Activite');
  const rate = navNumber(card.Taux_Activite, rateAt);
  if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 100)) throw invalid('mapping.invalid-number', rateAt, 'is not a whole percentage from 1 to 100');
  return { situation, since: navDate(card.Emploi_Depuis, at('employment.since', 'Emploi_Depuis')), workloadPercent: rate };
}

/** Always: `Aide_Sociale` is a Boolean, never blank (only a body that leaves it out says nothing). */
export function socialAssistanceOf(card: NavRow): Record<string, unknown> | undefined {
  const receives = navBoolean(card.Aide_Sociale, at('socialAssistance.receives', 'Aide_Sociale'));
  if (receives === undefined) return undefined;
  return { receives, since: navDate(card.Aide_Sociale_Depuis, at('socialAssistance.since', 'Aide_Sociale_Depuis')) };
}
