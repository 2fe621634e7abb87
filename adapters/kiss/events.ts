import { ahv13, at, attrValue, eventIdFor, down, invalid, missing, Reject, rejectionOf, required, childRows, childValue, type CaseEvent, type CaseEventType, type EventResult, type MapContext, type NativeInput, type XmlElement } from '../../src/adapters/sdk.js';
import { PHASE, STATUS } from './codes.js';
import { readFile, readable, type KissFile } from './head.js';
import { requiredDate, settingsOf, type KissSettings } from './native.js';
import { membersOf } from './ua.js';

// The `evenements` of each KiSS file: one CaseEvent per event and person it concerns
// (FORMAT.md, "Reading").

const TYPE: Readonly<Record<string, CaseEventType>> = {
  changementStatut: 'case.status-changed',
  changementPhase: 'case.phase-changed',
  changementService: 'case.institution-changed',
  miseAJour: 'case.updated',
  procurationSignee: 'consent.granted',
  procurationRevoquee: 'consent.revoked',
};

export function eventsOf(inputs: readonly NativeInput[], ctx: MapContext): EventResult {
  const settings = settingsOf(ctx);
  const out: EventResult = { events: [], rejections: [] };
  for (const input of readable(inputs)) {
    const file = readFile(input, settings);
    for (const ua of file.uas) {
      const noUA = attrValue(ua, 'noUA') ?? '?';
      const members = membersOf(ua).filter((m): m is typeof m & { id: string } => m.id !== undefined);
      childRows(file.root, 'evenements', 'evenement').forEach((evenement, index) => {
        const concerned = attrValue(evenement, 'personne');
        const persons = concerned === undefined ? members : members.filter((m) => m.id === concerned);
        const base = at('', `evenements/evenement[${index}]`);
        if (persons.length === 0) {
          const where = concerned === undefined ? down(base, 'case.localPersonId', 'membres') : down(base, 'case.localPersonId', '@personne');
          const error = concerned === undefined ? missing(where) : invalid('mapping.unknown-member', where, 'names a person who is not a member of the UA');
          out.rejections.push(rejectionOf(error, `${noUA}/${concerned ?? '?'}`));
          return;
        }
        for (const member of persons) {
          try {
            out.events.push(eventOf(evenement, base, file, noUA, member.id, member.element, settings, ctx));
          } catch (error) {
            if (!(error instanceof Reject)) throw error;
            out.rejections.push(rejectionOf(error, `${noUA}/${member.id}`));
          }
        }
      });
    }
  }
  return out;
}

function eventOf(e: XmlElement, base: ReturnType<typeof at>, file: KissFile, noUA: string, noPersonne: string, member: XmlElement, settings: KissSettings, ctx: MapContext): CaseEvent {
  const typeAt = down(base, 'type', '@type');
  const type = TYPE[required(attrValue(e, 'type'), typeAt)];
  if (!type) throw invalid('mapping.unknown-code', typeAt, 'holds an event type KiSS does not define');
  const no = required(attrValue(e, 'no'), down(base, 'eventId', '@no'));
  const occurredAt = required(file.createdAt, at('occurredAt', 'entete/@creeLe'));
  // The event only points at the person; a faulty number leaves it out (the record's mapping rejects it).
  let vn: string | undefined;
  try {
    vn = ahv13(childValue(member, 'noAVS'), at('case.vn', 'noAVS'));
  } catch {
    vn = undefined;
  }
  const event: CaseEvent = {
    eventId: eventIdFor('kiss', file.mandant, no, noPersonne),
    type,
    occurredAt,
    source: { system: 'kiss', institutionId: ctx.institutionId },
    case: { localCaseId: noUA, localPersonId: noPersonne, ...(vn ? { vn } : {}) },
  };
  if (type === 'case.status-changed' || type === 'case.phase-changed' || type === 'case.institution-changed') {
    const [fromAt, toAt] = [down(base, 'change.from', '@ancien'), down(base, 'change.to', '@nouveau')];
    const map = (value: string | undefined, where: ReturnType<typeof at>): string => {
      const raw = required(value, where);
      if (type === 'case.status-changed') return STATUS.decode(raw, where).value;
      if (type === 'case.phase-changed') return PHASE.value(raw, where);
      return required(settings.organisations.institution(raw, where), where);
    };
    event.change = {
      from: map(attrValue(e, 'ancien'), fromAt),
      to: map(attrValue(e, 'nouveau'), toAt),
      effectiveDate: requiredDate(attrValue(e, 'dateEffet'), down(base, 'change.effectiveDate', '@dateEffet')),
    };
  }
  if (type === 'consent.granted' || type === 'consent.revoked') event.consentId = required(attrValue(e, 'procuration'), down(base, 'consentId', '@procuration'));
  return event;
}
