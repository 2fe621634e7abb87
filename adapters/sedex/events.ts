import { ahv13, eventIdFor, invalid, missing, rejectionOf, xsDate, type CaseEvent, type CaseEventType, type EventResult, type MapContext, type NativeInput, type Rejection } from '../../src/adapters/sdk.js';
import { localPersonIdOf, readMessage, type SedexMessage } from './message.js';
import { value } from './native.js';
import { readSource } from './read-person.js';
import { sedexSettings } from './settings.js';
import { casesOf, importsCases } from './to-contract.js';

const TYPES: readonly CaseEventType[] = ['case.phase-changed', 'case.status-changed', 'case.institution-changed', 'case.updated', 'consent.granted', 'consent.revoked'];
const CHANGES: readonly CaseEventType[] = ['case.phase-changed', 'case.status-changed', 'case.institution-changed'];

/** type = `ct:trigger/@type`, else the header's subMessageType, else `case.updated`. */
function typeOf(message: SedexMessage): CaseEventType {
  const [raw, where] = message.trigger?.type !== undefined ? [message.trigger.type, 'ct:trigger/@type'] : [message.header.subMessageType, 'eCH-0058:subMessageType'];
  if (raw === undefined) return 'case.updated';
  if (!(TYPES as readonly string[]).includes(raw)) throw invalid('mapping.unknown-code', { field: 'type', nativeField: where }, 'is not a CaseEvent type');
  if (raw === 'consent.granted' || raw === 'consent.revoked') {
    // The trigger names no consent: such an event cannot be raised from a sedex message.
    throw missing({ field: 'consentId', nativeField: 'ct:trigger' });
  }
  return raw as CaseEventType;
}

function changeOf(message: SedexMessage, type: CaseEventType): CaseEvent['change'] | undefined {
  const t = message.trigger ?? {};
  const needed = CHANGES.includes(type);
  if (!needed && (t.from === undefined || t.to === undefined || t.effectiveDate === undefined)) return undefined;
  for (const key of ['from', 'to', 'effectiveDate'] as const) if (t[key] === undefined) throw missing({ field: `change.${key}`, nativeField: `ct:trigger/@${key}` });
  const effectiveDate = xsDate(t.effectiveDate, { field: 'change.effectiveDate', nativeField: 'ct:trigger/@effectiveDate' })!;
  return { from: t.from!, to: t.to!, effectiveDate };
}

/**
 * One CaseEvent per `ct:case` of a transfer that imports cases (FORMAT "Reading"): eventId =
 * UUID v5 of `sedex:<ct:trigger/@eventId or messageId>:<localPersonId>`, occurredAt = the header's
 * messageDate, change from the trigger. A case whose source is not registered for the sender, or
 * whose trigger cannot make a valid event, is a rejection; the other cases still raise theirs.
 */
export function eventsOf(inputs: readonly NativeInput[], ctx: MapContext): EventResult {
  const settings = sedexSettings(ctx.settings);
  const read = readMessage(inputs);
  const message = read.info;
  if (!importsCases(message, settings, read.dataFile)) return { events: [], rejections: [] };
  const events: CaseEvent[] = [];
  const rejections: Rejection[] = [];
  casesOf(read).forEach((c, i) => {
    const nativeId = localPersonIdOf(c) ?? `ct:case[${i}]`;
    try {
      const source = readSource(c, message.header.senderId, settings);
      const localPersonId = localPersonIdOf(c);
      if (localPersonId === undefined) throw missing({ field: 'case.localPersonId', nativeField: 'eCH-0044:localPersonId' });
      const vn = ahv13(value(c.path('person', 'personIdentification')?.textOf('vn')), { field: 'case.vn', nativeField: 'eCH-0044:vn' });
      const type = typeOf(message);
      const change = changeOf(message, type);
      events.push({
        eventId: eventIdFor('sedex', message.trigger?.eventId ?? message.header.messageId, localPersonId),
        type,
        occurredAt: message.header.messageDate,
        source: { system: 'sedex', institutionId: source.institutionId },
        case: { localCaseId: source.localCaseId, localPersonId, ...(vn ? { vn } : {}) },
        ...(change ? { change } : {}),
      });
    } catch (error) {
      rejections.push(rejectionOf(error, nativeId));
    }
  });
  return { events, rejections };
}
