import { describe, expect, it } from 'vitest';
import { eventIdFor } from '../../src/adapters/sdk.js';
import { checkCaseEvent } from '../../src/contract/validate.js';
import { eventsOf } from './events.js';
import { ctx, edit, HOUSEHOLD, inputs, MINIMAL, RICH, sample, type Message } from './test-support.js';

const eventsFor = (m: Message) => eventsOf(inputs(m), ctx);
const expectValid = (events: unknown[]) => {
  for (const event of events) {
    const checked = checkCaseEvent(event);
    expect(checked.ok ? [] : checked.errors.map((e) => `${e.code} ${String(e.details.field)}`)).toEqual([]);
  }
};

describe('sedex events: one CaseEvent per ct:case (FORMAT "Reading")', () => {
  it('takes type and change from ct:trigger, the id from its eventId, the time from messageDate', () => {
    const { events, rejections } = eventsFor(sample(RICH));
    expect(rejections).toEqual([]);
    expect(events).toEqual([
      {
        eventId: eventIdFor('sedex', '3e0a9c61-5b2f-4d8e-a7c4-1f6b0d2e9a35', 'CT.LU:88231'),
        type: 'case.institution-changed',
        occurredAt: '2026-03-02T10:31:07+01:00',
        source: { system: 'sedex', institutionId: 'lu-daf' },
        case: { localCaseId: 'DAF-2018-1174', localPersonId: 'CT.LU:88231', vn: '7564405183261' },
        change: { from: 'lu-daf', to: 'be-integration', effectiveDate: '2026-03-01' },
      },
    ]);
    expectValid(events);
  });

  it('raises one event per member of a household, each with its own id', () => {
    const { events } = eventsFor(sample(HOUSEHOLD));
    expect(events.map((e) => e.case.localPersonId)).toEqual(['CT.NE:700231', 'CT.NE:700232', 'CT.NE:700233']);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    expectValid(events);
  });

  it('without trigger nor subMessageType the event is case.updated, its id made of the messageId', () => {
    const { events } = eventsFor(sample(MINIMAL));
    expect(events).toEqual([
      {
        eventId: eventIdFor('sedex', MINIMAL, 'CT.SH:105640'),
        type: 'case.updated',
        occurredAt: '2026-03-02T09:12:44+01:00',
        source: { system: 'sedex', institutionId: 'sh-sozialamt' },
        case: { localCaseId: 'AS-2025-0270', localPersonId: 'CT.SH:105640' },
      },
    ]);
    expectValid(events);
  });

  it('without trigger the type is the subMessageType; a change type then lacks its change', () => {
    const m = sample(MINIMAL);
    const updated = { ...m, data: edit(m.data, '<eCH-0058:sendingApplication>', '<eCH-0058:subMessageType>case.updated</eCH-0058:subMessageType><eCH-0058:sendingApplication>') };
    expect(eventsFor(updated).events[0]!.type).toBe('case.updated');
    const changed = { ...m, data: edit(m.data, '<eCH-0058:sendingApplication>', '<eCH-0058:subMessageType>case.phase-changed</eCH-0058:subMessageType><eCH-0058:sendingApplication>') };
    const { events, rejections } = eventsFor(changed);
    expect(events).toEqual([]);
    expect(rejections.map((r) => [r.nativeId, r.error.code, r.error.details.field, r.error.details.nativeField])).toEqual([['CT.SH:105640', 'mapping.required', 'change.from', 'ct:trigger/@from']]);
  });

  it('an unknown trigger type or a bad effective date rejects the events, naming the trigger', () => {
    const m = sample(RICH);
    const unknown = eventsFor({ ...m, data: edit(m.data, 'type="case.institution-changed" from', 'type="case.moved" from') });
    expect(unknown.rejections[0]!.error.details).toMatchObject({ field: 'type', nativeField: 'ct:trigger/@type' });
    const date = eventsFor({ ...m, data: edit(m.data, 'effectiveDate="2026-03-01"', 'effectiveDate="2026-02-30"') });
    expect(date.rejections[0]!.error.details).toMatchObject({ field: 'change.effectiveDate', nativeField: 'ct:trigger/@effectiveDate' });
  });

  it('a case whose institution is not registered for the sender raises no event; the others do', () => {
    const m = sample(HOUSEHOLD);
    const { events, rejections } = eventsFor({ ...m, data: edit(m.data, '<ct:institutionId>ne-service-migrations<', '<ct:institutionId>ne-elsewhere<') });
    expect(rejections.map((r) => [r.nativeId, r.error.details.field, r.error.details.nativeField])).toEqual([['CT.NE:700231', 'source.institutionId', 'eCH-0058:senderId']]);
    expect(events).toHaveLength(2);
  });

  it('recalls and test deliveries raise no events', () => {
    const m = sample(MINIMAL);
    const recall = { ...m, data: edit(edit(m.data, '<eCH-0058:action>1<', '<eCH-0058:action>3<'), '<eCH-0058:messageType>', `<eCH-0058:referenceMessageId>${RICH}</eCH-0058:referenceMessageId><eCH-0058:messageType>`) };
    expect(eventsFor(recall)).toEqual({ events: [], rejections: [] });
    const test = { ...m, data: edit(m.data, '<eCH-0058:testDeliveryFlag>false<', '<eCH-0058:testDeliveryFlag>true<') };
    expect(eventsFor(test)).toEqual({ events: [], rejections: [] });
  });
});
