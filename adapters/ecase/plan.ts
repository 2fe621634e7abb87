import type { OrganisationMap } from '../../src/adapters/sdk.js';
import { integer, list, missing, required } from '../../src/adapters/sdk.js';
import type { CsvRow as Cells } from '../../src/adapters/sdk.js';
import { FINANCED_BY, MEASURE_STATUS, MEASURE_TYPE, OUTCOME } from './codes.js';
import type { Table } from './delivery.js';
import { Place } from './fields.js';

/** Faelle.Plan_* with Ziele and Massnahmen → `integrationPlan`; only when Plan_Nr is set. */
export function planOf(fall: Place, tables: { Ziele: Table; Massnahmen: Table }, goals: readonly Cells[], measures: readonly Cells[], orgs: OrganisationMap): Record<string, unknown> | undefined {
  const id = fall.get('Plan_Nr');
  if (id === undefined) {
    // Goals or measures without a plan have nowhere to go: the plan's number is missing.
    if (goals.length > 0 || measures.length > 0) throw missing(fall.at('Plan_Nr', 'integrationPlan.id'));
    return undefined;
  }
  const version = fall.at('Plan_Version', 'integrationPlan.version');
  return {
    id,
    version: required(integer(fall.get('Plan_Version'), version, { min: 1 }), version),
    establishedOn: fall.needDate('Plan_vom', 'integrationPlan.establishedOn'),
    validatedBy: fall.institution(orgs, 'Plan_validiert', 'integrationPlan.validatedBy'),
    goals: goals.map((row, i) => {
      const p = new Place('Ziele', tables.Ziele.header, row, `integrationPlan.goals[${i}]`);
      return { id: p.need('ZielNr', 'id'), text: p.need('Text', 'text'), targetDate: p.date('Termin', 'targetDate') };
    }),
    measures: measures.map((row, i) => measureOf(new Place('Massnahmen', tables.Massnahmen.header, row, `integrationPlan.measures[${i}]`))),
  };
}

function measureOf(p: Place): Record<string, unknown> {
  const type = MEASURE_TYPE.decode(p.get('Typ'), p.at('Typ', 'type'));
  const financedBy = FINANCED_BY.decodeOptional(p.get('Kostentraeger'), p.at('Kostentraeger', 'financedBy'));
  return {
    id: p.need('MassnNr', 'id'),
    type: type.value,
    // One nativeCode per object: the type's wins over the payer's (FORMAT.md "Mapping").
    nativeCode: type.nativeCode ?? financedBy?.nativeCode,
    title: p.need('Titel', 'title'),
    providerId: p.get('AnbieterNr'),
    providerName: p.get('Anbieter'),
    start: p.date('Beginn', 'start'),
    end: p.date('Ende', 'end'),
    status: MEASURE_STATUS.value(p.get('Status'), p.at('Status', 'status')),
    outcome: OUTCOME.valueOptional(p.get('Ergebnis'), p.at('Ergebnis', 'outcome')),
    note: p.get('Bemerkung'),
    financedBy: financedBy?.value,
    documentIds: list(p.get('DokNr')),
  };
}
