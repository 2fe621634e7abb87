import type { CaseEvent } from '../contract/types.js';
import type { PolicyBundle } from '../policy/bundle.js';
import type { RouteRule } from '../policy/types.js';

export interface RoutedTransfer {
  ruleId: string;
  targetInstitutionId: string;
  purpose: string;
}

export interface UnresolvedRoute {
  ruleId: string;
  code: 'routing.no-commune' | 'routing.ambiguous' | 'routing.municipality-unknown' | 'routing.no-target';
  reason: string;
}

export interface RouteOutcome {
  transfers: RoutedTransfer[];
  unresolved: UnresolvedRoute[];
}

const list = (value: string | string[] | undefined): string[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

function matches(rule: RouteRule, event: CaseEvent): boolean {
  if (rule.on.type !== event.type) return false;
  const from = list(rule.on.from);
  const to = list(rule.on.to);
  if (from && !(event.change && from.includes(event.change.from))) return false;
  if (to && !(event.change && to.includes(event.change.to))) return false;
  return true;
}

export function matchingRoutes(event: CaseEvent, bundle: Pick<PolicyBundle, 'routes'>): RouteRule[] {
  return bundle.routes.filter((rule) => matches(rule, event));
}

/** Whether routing this event needs the person's municipality, hence the record. */
export function needsPersonMunicipality(event: CaseEvent, bundle: Pick<PolicyBundle, 'routes'>): boolean {
  return matchingRoutes(event, bundle).some((rule) => 'byMunicipalityOf' in rule.target);
}

/**
 * Turns an event into transfers per the routing rules. Pure: the caller looks the
 * person's municipality up when `needsPersonMunicipality` says so. No match, no transfer.
 */
export function routeEvent(
  event: CaseEvent,
  bundle: Pick<PolicyBundle, 'routes' | 'institutions'>,
  facts: { personMunicipality?: number },
): RouteOutcome {
  const transfers: RoutedTransfer[] = [];
  const unresolved: UnresolvedRoute[] = [];
  const add = (t: RoutedTransfer): void => {
    if (!transfers.some((x) => x.targetInstitutionId === t.targetInstitutionId && x.purpose === t.purpose)) transfers.push(t);
  };
  for (const rule of matchingRoutes(event, bundle)) {
    const target = rule.target;
    if ('institution' in target) {
      add({ ruleId: rule.id, targetInstitutionId: target.institution, purpose: rule.purpose });
    } else if ('fromEvent' in target) {
      if (event.targetInstitutionId) add({ ruleId: rule.id, targetInstitutionId: event.targetInstitutionId, purpose: rule.purpose });
      else unresolved.push({ ruleId: rule.id, code: 'routing.no-target', reason: 'the rule takes its target from the event, which names none (targetInstitutionId)' });
    } else {
      const bfs = facts.personMunicipality;
      if (bfs === undefined) {
        unresolved.push({ ruleId: rule.id, code: 'routing.municipality-unknown', reason: "the person's municipality is not known, so no commune can be chosen" });
        continue;
      }
      const communes = bundle.institutions.filter((i) => i.type === 'commune' && i.municipalities.includes(bfs));
      if (communes.length === 1) add({ ruleId: rule.id, targetInstitutionId: communes[0]!.id, purpose: rule.purpose });
      else if (communes.length === 0) unresolved.push({ ruleId: rule.id, code: 'routing.no-commune', reason: `no commune is registered for municipality ${bfs}` });
      else unresolved.push({ ruleId: rule.id, code: 'routing.ambiguous', reason: `several communes claim municipality ${bfs}` });
    }
  }
  return { transfers, unresolved };
}
