import { at, down, item, required, type At, type OrganisationMap, type XmlElement } from '../../src/adapters/sdk.js';
import { FINANCED_BY, MEASURE_STATUS, MEASURE_TYPE, OUTCOME } from './codes.js';
import { attr, dateOf, endDateOf, integerOf, requiredAttr, textOf } from './native.js';

const BASE = at('integrationPlan', 'Integrationsplan');

/** `Integrationsplan` → `integrationPlan`; goals and measures in native order. */
export function integrationPlanOf(plan: XmlElement | undefined, orgs: OrganisationMap): unknown {
  if (!plan) return undefined;
  const version = attr(BASE, 'version', 'Version');
  const established = attr(BASE, 'establishedOn', 'Erstellt');
  return {
    id: requiredAttr(plan, 'Id', attr(BASE, 'id', 'Id')),
    version: required(integerOf(plan.attr('Version'), version, { min: 1 }), version),
    establishedOn: required(dateOf(plan.attr('Erstellt'), established), established),
    validatedBy: orgs.institution(plan.attr('ValidiertDurch'), attr(BASE, 'validatedBy', 'ValidiertDurch')),
    goals: plan.all('Ziel').map((z, i) => {
      const where = item(down(BASE, 'goals', 'Ziel'), i);
      return {
        id: requiredAttr(z, 'Id', attr(where, 'id', 'Id')),
        text: required(textOf(z), at(`${where.field}.text`, where.nativeField)),
        targetDate: dateOf(z.attr('Zieldatum'), attr(where, 'targetDate', 'Zieldatum')),
      };
    }),
    measures: plan.all('Massnahme').map((m, i) => measureOf(m, item(down(BASE, 'measures', 'Massnahme'), i), orgs)),
  };
}

function measureOf(m: XmlElement, where: At, orgs: OrganisationMap): unknown {
  const type = MEASURE_TYPE.decode(m.attr('Typ'), attr(where, 'type', 'Typ'));
  const financed = FINANCED_BY.decodeOptional(m.attr('Kostentraeger'), attr(where, 'financedBy', 'Kostentraeger'));
  const anbieter = m.child('Anbieter');
  return {
    id: requiredAttr(m, 'Id', attr(where, 'id', 'Id')),
    type: type.value,
    title: required(textOf(m.child('Titel')), down(where, 'title', 'Titel')),
    providerId: orgs.institution(anbieter?.attr('Stelle'), attr(down(where, '', 'Anbieter'), 'providerId', 'Stelle')),
    providerName: textOf(anbieter),
    start: dateOf(m.attr('Beginn'), attr(where, 'start', 'Beginn')),
    end: endDateOf(m.attr('Ende'), attr(where, 'end', 'Ende')),
    status: MEASURE_STATUS.value(m.attr('Status'), attr(where, 'status', 'Status')),
    outcome: OUTCOME.valueOptional(m.attr('Ergebnis'), attr(where, 'outcome', 'Ergebnis')),
    note: textOf(m.child('Bemerkung')),
    financedBy: financed?.value,
    // One nativeCode per object: a measure whose type is `other` keeps the type's (or none).
    nativeCode: type.value === 'other' ? type.nativeCode : financed?.nativeCode,
    documentIds: m.all('DokumentRef').map((d, j) => requiredAttr(d, 'Id', attr(item(down(where, 'documentIds', 'DokumentRef'), j), '', 'Id'))),
  };
}
