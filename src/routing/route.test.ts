import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../contract/types.js';
import type { Institution, RouteRule } from '../policy/types.js';
import { needsPersonMunicipality, routeEvent } from './route.js';

const inst = (id: string, type: Institution['type'], municipalities: number[] = []): Institution => ({ id, name: id, type, canton: 'BE', municipalities, system: 'inbox', installation: id, settings: {} });
const institutions = [inst('koeniz', 'commune', [355]), inst('bern', 'commune', [351]), inst('bern-2', 'commune', [351]), inst('io', 'integration-office')];
const routes: RouteRule[] = [
  { id: 'to-commune', on: { type: 'case.phase-changed', from: 'cantonal', to: 'communal' }, target: { byMunicipalityOf: 'person' }, purpose: 'case-transfer' },
  { id: 'refugees', on: { type: 'case.status-changed', to: ['F-refugee', 'B-refugee'] }, target: { institution: 'io' }, purpose: 'integration-measures' },
  { id: 'named', on: { type: 'case.institution-changed' }, target: { fromEvent: true }, purpose: 'case-transfer' },
];
const event = (over: Partial<CaseEvent>): CaseEvent => ({
  eventId: 'e',
  type: 'case.phase-changed',
  occurredAt: '2025-03-03T09:15:22+01:00',
  source: { system: 'nfam', institutionId: 'src' },
  case: { localCaseId: 'c', localPersonId: 'p' },
  change: { from: 'cantonal', to: 'communal', effectiveDate: '2025-03-01' },
  ...over,
});
const bundle = { routes, institutions };

describe('routing', () => {
  it('sends a phase change to the commune of the person', () => {
    expect(needsPersonMunicipality(event({}), bundle)).toBe(true);
    expect(routeEvent(event({}), bundle, { personMunicipality: 355 })).toEqual({ transfers: [{ ruleId: 'to-commune', targetInstitutionId: 'koeniz', purpose: 'case-transfer' }], unresolved: [] });
  });
  it('reports a municipality without commune, one with two, and an unknown one', () => {
    expect(routeEvent(event({}), bundle, { personMunicipality: 9999 }).unresolved[0]?.code).toBe('routing.no-commune');
    expect(routeEvent(event({}), bundle, { personMunicipality: 351 }).unresolved[0]?.code).toBe('routing.ambiguous');
    expect(routeEvent(event({}), bundle, {}).unresolved[0]?.code).toBe('routing.municipality-unknown');
  });
  it('matches `to` against a list, and a fixed institution', () => {
    const e = event({ type: 'case.status-changed', change: { from: 'F', to: 'F-refugee', effectiveDate: '2025-01-01' } });
    expect(needsPersonMunicipality(e, bundle)).toBe(false);
    expect(routeEvent(e, bundle, {}).transfers).toEqual([{ ruleId: 'refugees', targetInstitutionId: 'io', purpose: 'integration-measures' }]);
    expect(routeEvent({ ...e, change: { from: 'N', to: 'F', effectiveDate: '2025-01-01' } }, bundle, {}).transfers).toEqual([]);
  });
  it('takes the target from the event, or says it is missing', () => {
    const e = event({ type: 'case.institution-changed', targetInstitutionId: 'bern' });
    expect(routeEvent(e, bundle, {}).transfers[0]?.targetInstitutionId).toBe('bern');
    const { targetInstitutionId: _t, ...without } = e;
    expect(routeEvent(without, bundle, {}).unresolved[0]?.code).toBe('routing.no-target');
  });
  it('an event that matches no rule creates nothing', () => {
    expect(routeEvent(event({ type: 'case.updated' }), bundle, {})).toEqual({ transfers: [], unresolved: [] });
  });
  it('the same target and purpose twice is one transfer', () => {
    const doubled = { routes: [...routes, { ...routes[0]!, id: 'to-commune-2' }], institutions };
    expect(routeEvent(event({}), doubled, { personMunicipality: 355 }).transfers).toHaveLength(1);
  });
});
