import { v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { checkCaseEvent } from '../../src/contract/validate.js';
import { eventsOf } from './events.js';
import { COUPLE, FAMILY, SINGLE, ctx, fixtureText, inputOf } from './test-kit.js';

// FORMAT.md, "Reading": each `evenement` is one CaseEvent per person it concerns.
const NAMESPACE = '6f1c9a52-5b0e-4c43-9d3e-3a1f0e2b7c11';
const events = (xml: string, name: string) => eventsOf([inputOf(xml, name)], ctx);
const withEvent = (xml: string, evenement: string) => xml.replace(/<evenements>[\s\S]*?<\/evenements>/, `<evenements>${evenement}</evenements>`);

describe('KiSS events', () => {
  it('gives a change of service for every member when @personne is absent, mapped through the service table', () => {
    const { events: list, rejections } = events(fixtureText(SINGLE), SINGLE);
    expect(rejections).toEqual([]);
    expect(list).toEqual([
      {
        eventId: v5('kiss:NE-SSRM:771201:50877', NAMESPACE),
        type: 'case.institution-changed',
        occurredAt: '2026-03-02T10:14:05+01:00',
        source: { system: 'kiss', institutionId: 'ne-ssr-montagnes' },
        case: { localCaseId: '260112', localPersonId: '50877' },
        change: { from: 'ne-service-migrations', to: 'ne-ssr-montagnes', effectiveDate: '2026-02-23' },
      },
    ]);
    for (const e of list) expect(checkCaseEvent(e).ok).toBe(true);
  });

  it('gives an update for the one member @personne names, with the AVS number when there is one', () => {
    const family = events(fixtureText(FAMILY), FAMILY).events;
    expect(family.map((e) => [e.type, e.case.localPersonId, e.case.vn])).toEqual([['case.updated', '49003', undefined]]);
    const couple = events(fixtureText(COUPLE), COUPLE).events;
    expect(couple[0]).toMatchObject({ type: 'case.updated', occurredAt: '2026-03-09T08:45:10+01:00', case: { localCaseId: '221045', localPersonId: '48120', vn: '7566400211871' } });
    expect(couple[0]!.change).toBeUndefined();
  });

  it('maps a change of status and phase through the tables, one event per member', () => {
    const xml = withEvent(fixtureText(FAMILY), '<evenement no="9" type="changementStatut" dateEffet="14.06.2023" ancien="10" nouveau="11"/><evenement no="10" type="changementPhase" personne="49001" dateEffet="15.11.2021" ancien="CANT" nouveau="COMM"/>');
    const list = events(xml, FAMILY).events;
    expect(list.map((e) => [e.type, e.case.localPersonId, e.change?.from, e.change?.to])).toEqual([
      ['case.status-changed', '49001', 'N', 'F'],
      ['case.status-changed', '49002', 'N', 'F'],
      ['case.status-changed', '49003', 'N', 'F'],
      ['case.status-changed', '49004', 'N', 'F'],
      ['case.phase-changed', '49001', 'cantonal', 'communal'],
    ]);
    expect(new Set(list.map((e) => e.eventId)).size).toBe(5);
    for (const e of list) expect(checkCaseEvent(e).ok).toBe(true);
  });

  it('names the procuration of a consent event', () => {
    const xml = withEvent(fixtureText(COUPLE), '<evenement no="11" type="procurationRevoquee" personne="48120" dateEffet="20.09.2024" procuration="PR-745"/>');
    const [event] = events(xml, COUPLE).events;
    expect(event).toMatchObject({ type: 'consent.revoked', consentId: 'PR-745', eventId: v5('kiss:NE-SSRM:11:48120', NAMESPACE) });
    expect(checkCaseEvent(event).ok).toBe(true);
  });

  it.each([
    ['an unknown @type', '<evenement no="12" type="fusion" personne="48120" dateEffet="01.03.2026"/>', 'mapping.unknown-code', 'type', 'evenements/evenement[0]/@type'],
    ['a change without @ancien', '<evenement no="12" type="changementPhase" personne="48120" dateEffet="01.03.2026" nouveau="ORD"/>', 'mapping.required', 'change.from', 'evenements/evenement[0]/@ancien'],
    ['an unknown service', '<evenement no="12" type="changementService" personne="48120" dateEffet="01.03.2026" ancien="SSRM" nouveau="CSR-VD"/>', 'mapping.unknown-organisation', 'change.to', 'evenements/evenement[0]/@nouveau'],
    ['a consent event without @procuration', '<evenement no="12" type="procurationSignee" personne="48120" dateEffet="01.03.2026"/>', 'mapping.required', 'consentId', 'evenements/evenement[0]/@procuration'],
    ['a @personne who is no member', '<evenement no="12" type="miseAJour" personne="77777" dateEffet="01.03.2026"/>', 'mapping.unknown-member', 'case.localPersonId', 'evenements/evenement[0]/@personne'],
  ])('rejects %s, and the other events go on', (_name, evenement, code, field, nativeField) => {
    const xml = withEvent(fixtureText(COUPLE), `${evenement}<evenement no="13" type="miseAJour" personne="48121" dateEffet="01.03.2026"/>`);
    const result = events(xml, COUPLE);
    expect(result.events.map((e) => e.case.localPersonId)).toEqual(['48121']);
    expect(result.rejections).toHaveLength(1);
    expect(result.rejections[0]!.error).toMatchObject({ code, details: { field, nativeField } });
    expect(result.rejections[0]!.error.message).not.toContain('CSR-VD');
  });

  it('ignores *.part files and reads the others in name order', () => {
    const inputs = [inputOf(fixtureText(COUPLE), COUPLE), inputOf(fixtureText(SINGLE), `${SINGLE}.part`), inputOf(fixtureText(SINGLE), SINGLE)];
    expect(eventsOf(inputs, ctx).events.map((e) => e.case.localCaseId)).toEqual(['221045', '260112']);
  });
});
