import { at, booleanAt, codeAt, listAt, objectAt, ordered, required, stringAt, type JsonObject, type At } from '../../src/adapters/sdk.js';
import { AID, CONTRACT, WITHOUT_CONTRACT } from './codes.js';
import { dateAt, integerAt } from './values.js';

// The person's modules Lora writes its own way: `noOFS` as text (quirk 7), employment from
// contracts, social assistance as a code.

/** Quirk 7: noOFS is a string. */
export function integerText(value: unknown, where: At): number | undefined {
  const raw = typeof value === 'number' ? String(value) : stringAt(value, where);
  if (raw === undefined) return undefined;
  return integerAt(/^\d+$/.test(raw) ? Number(raw) : Number.NaN, where, { min: 1 });
}

/**
 * TRAVAIL_REMUNERE → `employment` (FORMAT "Employment"): the active contracts give the
 * situation (the first one's type), the earliest start and the summed workload (capped at
 * 100); without one, `sansContrat`; with neither, nothing.
 */
export function employmentOf(t: JsonObject | undefined): unknown {
  if (!t) return undefined;
  const list = at('employment', 'TRAVAIL_REMUNERE.contrats');
  const active = ordered(listAt(t.contrats, list), list).flatMap(({ value, where }) => {
    const c = required(objectAt(value, where), where);
    return booleanAt(c.actif, { field: 'employment', nativeField: `${where.nativeField}.actif` }) ? [{ c, native: where.nativeField }] : [];
  });
  if (active.length > 0) {
    const read = active.map(({ c, native }) => ({
      situation: CONTRACT.valueOptional(codeAt(c.type, at('employment.situation', `${native}.type`)), at('employment.situation', `${native}.type`)),
      since: dateAt(c.debut, at('employment.since', `${native}.debut`)),
      workload: integerAt(c.tauxActivite, at('employment.workloadPercent', `${native}.tauxActivite`), { min: 1, max: 100 }),
    }));
    const starts = read.flatMap((r) => (r.since ? [r.since] : [])).sort();
    const workloads = read.flatMap((r) => (r.workload === undefined ? [] : [r.workload]));
    return {
      situation: required(read[0]!.situation, at('employment.situation', `${active[0]!.native}.type`)),
      since: starts[0],
      workloadPercent: workloads.length > 0 ? Math.min(100, workloads.reduce((a, b) => a + b, 0)) : undefined,
    };
  }
  const without = objectAt(t.sansContrat, at('employment', 'TRAVAIL_REMUNERE.sansContrat'));
  if (!without) return undefined;
  const situation = at('employment.situation', 'TRAVAIL_REMUNERE.sansContrat.situation');
  return { situation: WITHOUT_CONTRACT.value(codeAt(without.situation, situation), situation), since: dateAt(without.depuis, at('employment.since', 'TRAVAIL_REMUNERE.sansContrat.depuis')) };
}

/** AIDE_SOCIALE → `socialAssistance`. */
export function socialAssistanceOf(a: JsonObject | undefined): unknown {
  if (!a) return undefined;
  const aide = at('socialAssistance.receives', 'AIDE_SOCIALE.aide');
  return { receives: AID.value(codeAt(a.aide, aide), aide) === 'yes', since: dateAt(a.depuis, at('socialAssistance.since', 'AIDE_SOCIALE.depuis')) };
}
