import { describe, expect, it } from 'vitest';
import { eventIdFor } from '../../src/adapters/sdk.js';
import { eventsOf } from './events.js';
import { DELTA_02, DELTA_09, DELTA_14, bytesOf, ctx, edit, fixture, input } from './test-support.js';

const source = { system: 'tutoris', institutionId: 'sh-sozialamt' };
const selam = { localCaseId: 'FL-2019-0412', localPersonId: '104233', vn: '7563201446716' };

/** A Mutation added to sample 09's Klient 104233. */
function withMutation(attributes: string): string {
  return edit(fixture(DELTA_09), '<Mutation Id="884121"', `<Mutation ${attributes}/>\n      <Mutation Id="884121"`);
}

describe('Tutoris Mutationen → CaseEvents (FORMAT.md "Transport")', () => {
  it('gives one event per Mutation of the samples, exactly as the FORMAT says', () => {
    const inputs = [DELTA_02, DELTA_09, DELTA_14].map((name) => ({ name, content: bytesOf(name) }));
    const { events, rejections } = eventsOf(inputs, ctx);
    expect(rejections).toEqual([]);
    expect(events).toEqual([
      {
        eventId: eventIdFor('tutoris', 'SH-KSA', '885001'),
        type: 'case.phase-changed',
        occurredAt: '2026-02-27T11:02:00+01:00',
        source,
        case: { localCaseId: 'AS-2026-0031', localPersonId: '104512' },
        change: { from: 'federal', to: 'cantonal', effectiveDate: '2026-03-02' },
      },
      {
        eventId: eventIdFor('tutoris', 'SH-KSA', '884120'),
        type: 'case.status-changed',
        occurredAt: '2026-03-06T16:42:00+01:00',
        source,
        case: selam,
        change: { from: 'F', to: 'B', effectiveDate: '2026-03-01' },
      },
      { eventId: eventIdFor('tutoris', 'SH-KSA', '884121'), type: 'case.updated', occurredAt: '2026-03-06T16:45:00+01:00', source, case: selam },
      {
        eventId: eventIdFor('tutoris', 'SH-KSA', '886310'),
        type: 'case.updated',
        occurredAt: '2026-03-13T15:20:00+01:00',
        source,
        case: { localCaseId: 'VA-2022-0107', localPersonId: '104870', vn: '7564811903255' },
      },
    ]);
    // UUID v5 in the contract namespace of `tutoris:SH-KSA:885001`.
    expect(events[0]!.eventId).toBe('544eb78b-2b3a-526d-9925-aac54c6e0524');
  });

  it('maps STELLE through the Stelle codes and the two Vollmacht kinds to consent events', () => {
    const doc = withMutation('Id="9001" Art="STELLE" Zeitpunkt="1.4.2026 9:00" Stichtag="01.04.2026" Alt="KSA-FKS" Neu="GEM-SH"');
    const granted = edit(doc, '<Mutation Id="884121"', '<Mutation Id="9002" Art="VOLLMACHT-ERTEILT" Zeitpunkt="02.04.2026 10:00" Vollmacht="V-4"/>\n      <Mutation Id="884121"');
    const revoked = edit(granted, '<Mutation Id="884121"', '<Mutation Id="9003" Art="VOLLMACHT-WIDERRUFEN" Zeitpunkt="15.06.2021 08:00" Vollmacht="V-3"/>\n      <Mutation Id="884121"');
    const { events, rejections } = eventsOf([input(revoked)], ctx);
    expect(rejections).toEqual([]);
    const byId = new Map(events.map((e) => [e.eventId, e]));
    expect(byId.get(eventIdFor('tutoris', 'SH-KSA', '9001'))).toMatchObject({
      type: 'case.institution-changed',
      occurredAt: '2026-04-01T09:00:00+02:00',
      change: { from: 'sh-sozialamt', to: 'sh-stadt-schaffhausen', effectiveDate: '2026-04-01' },
    });
    expect(byId.get(eventIdFor('tutoris', 'SH-KSA', '9002'))).toMatchObject({ type: 'consent.granted', consentId: 'V-4' });
    expect(byId.get(eventIdFor('tutoris', 'SH-KSA', '9003'))).toMatchObject({ type: 'consent.revoked', consentId: 'V-3', occurredAt: '2021-06-15T08:00:00+02:00' });
    expect(byId.get(eventIdFor('tutoris', 'SH-KSA', '9002'))).not.toHaveProperty('change');
  });

  it('maps @Alt/@Neu of STATUS through the status table, unknown codes to other', () => {
    const { events } = eventsOf([input(withMutation('Id="9004" Art="STATUS" Zeitpunkt="01.04.2026 09:00" Stichtag="01.04.2026" Alt="AS-DUB" Neu="VAFL"'))], ctx);
    expect(events.find((e) => e.eventId === eventIdFor('tutoris', 'SH-KSA', '9004'))!.change).toEqual({ from: 'other', to: 'F-refugee', effectiveDate: '2026-04-01' });
  });

  it('is idempotent: the same Mutation read twice is the same event, another Mandant another one', () => {
    const a = eventsOf([{ name: DELTA_02, content: bytesOf(DELTA_02) }], ctx).events;
    const b = eventsOf([{ name: DELTA_02, content: bytesOf(DELTA_02) }], { ...ctx, now: () => new Date() }).events;
    expect(a).toEqual(b);
    expect(a[0]!.eventId).not.toBe(eventIdFor('tutoris', 'LU-SOZ', '885001'));
  });

  const BAD: [string, string, string, string][] = [
    ['an unknown @Art', 'Id="9010" Art="UMZUG" Zeitpunkt="01.04.2026 09:00"', 'type', 'Mutationen/Mutation[1]/@Art'],
    ['no @Zeitpunkt', 'Id="9011" Art="DATEN"', 'occurredAt', 'Mutationen/Mutation[1]/@Zeitpunkt'],
    ['an impossible @Zeitpunkt', 'Id="9012" Art="DATEN" Zeitpunkt="30.02.2026 09:00"', 'occurredAt', 'Mutationen/Mutation[1]/@Zeitpunkt'],
    ['no @Id', 'Art="DATEN" Zeitpunkt="01.04.2026 09:00"', 'eventId', 'Mutationen/Mutation[1]/@Id'],
    ['a PHASE without @Stichtag', 'Id="9013" Art="PHASE" Zeitpunkt="01.04.2026 09:00" Alt="KANT" Neu="GEM"', 'change.effectiveDate', 'Mutationen/Mutation[1]/@Stichtag'],
    ['a PHASE without @Alt', 'Id="9014" Art="PHASE" Zeitpunkt="01.04.2026 09:00" Stichtag="01.04.2026" Neu="GEM"', 'change.from', 'Mutationen/Mutation[1]/@Alt'],
    ['an unknown phase in @Neu', 'Id="9015" Art="PHASE" Zeitpunkt="01.04.2026 09:00" Stichtag="01.04.2026" Alt="KANT" Neu="MOND"', 'change.to', 'Mutationen/Mutation[1]/@Neu'],
    ['an unknown Stelle', 'Id="9016" Art="STELLE" Zeitpunkt="01.04.2026 09:00" Stichtag="01.04.2026" Alt="KSA-FKS" Neu="ZZ-99"', 'change.to', 'Mutationen/Mutation[1]/@Neu'],
    ['a Vollmacht event without @Vollmacht', 'Id="9017" Art="VOLLMACHT-ERTEILT" Zeitpunkt="01.04.2026 09:00"', 'consentId', 'Mutationen/Mutation[1]/@Vollmacht'],
  ];

  it.each(BAD)('rejects a Mutation with %s naming the Klient and the attribute; the others go on', (_rule, attributes, field, nativeField) => {
    const { events, rejections } = eventsOf([input(withMutation(attributes))], ctx);
    expect(events.map((e) => e.eventId)).toEqual([eventIdFor('tutoris', 'SH-KSA', '884120'), eventIdFor('tutoris', 'SH-KSA', '884121')]);
    expect(rejections).toHaveLength(1);
    expect(rejections[0]!.nativeId).toBe('104233');
    expect(rejections[0]!.error.details).toMatchObject({ field, nativeField, nativeId: '104233' });
    expect(rejections[0]!.error.message).not.toMatch(/UMZUG|MOND|ZZ-99|Tesfamariam/);
  });

  it('a Voll export carries no events', () => {
    const voll = fixture(DELTA_09).replace('Art="Delta"', 'Art="Voll"').replace(/<Mutationen>[\s\S]*?<\/Mutationen>/, '');
    expect(eventsOf([input(voll)], ctx)).toEqual({ events: [], rejections: [] });
  });
});
