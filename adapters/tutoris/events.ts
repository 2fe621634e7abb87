import { ahv13, at, codeList, eventIdFor, rejectionOf, required, type At, type CaseEvent, type CaseEventType, type EventResult, type MapContext, type NativeInput, type XmlElement } from '../../src/adapters/sdk.js';
import { PHASE, STATUS } from './codes.js';
import type { FileHeader } from './export-file.js';
import { personNrOf } from './klient.js';
import { attr, dateOf, requiredAttr, timestampOf } from './native.js';
import { settingsOf, type TutorisSettings } from './settings.js';
import { readFile } from './to-contract.js';

const TYPE = codeList<CaseEventType>({
  codes: {
    STATUS: 'case.status-changed',
    PHASE: 'case.phase-changed',
    STELLE: 'case.institution-changed',
    DATEN: 'case.updated',
    'VOLLMACHT-ERTEILT': 'consent.granted',
    'VOLLMACHT-WIDERRUFEN': 'consent.revoked',
  },
});

const CHANGED: ReadonlySet<CaseEventType> = new Set(['case.status-changed', 'case.phase-changed', 'case.institution-changed']);

/** `@Alt`/`@Neu` in the contract's terms: status, phase or institution by the Mutation's kind. */
function changeValue(type: CaseEventType, value: string | undefined, where: At, settings: TutorisSettings): string {
  if (type === 'case.status-changed') return STATUS.value(value, where);
  if (type === 'case.phase-changed') return PHASE.value(value, where);
  return required(settings.organisations.institution(value, where), where);
}

function eventOf(m: XmlElement, where: At, klient: XmlElement, header: FileHeader, settings: TutorisSettings, ctx: MapContext): CaseEvent {
  const id = requiredAttr(m, 'Id', attr(where, 'eventId', 'Id'));
  const type = TYPE.value(m.attr('Art'), attr(where, 'type', 'Art'));
  const when = attr(where, 'occurredAt', 'Zeitpunkt');
  const personNr = requiredAttr(klient, 'PersonNr', at('case.localPersonId', '@PersonNr'));
  const vn = ahv13(klient.path('Personalien', 'AHVN13')?.text, at('case.vn', 'Personalien/AHVN13'));
  const event: CaseEvent = {
    eventId: eventIdFor('tutoris', header.mandant, id),
    type,
    occurredAt: required(timestampOf(m.attr('Zeitpunkt'), when), when),
    source: { system: 'tutoris', institutionId: ctx.institutionId },
    case: {
      localCaseId: required(klient.child('Dossier')?.attr('DossierNr')?.trim(), at('case.localCaseId', 'Dossier/@DossierNr')),
      localPersonId: personNr,
      ...(vn ? { vn } : {}),
    },
  };
  if (CHANGED.has(type)) {
    const effective = attr(where, 'change.effectiveDate', 'Stichtag');
    event.change = {
      from: changeValue(type, required(m.attr('Alt')?.trim(), attr(where, 'change.from', 'Alt')), attr(where, 'change.from', 'Alt'), settings),
      to: changeValue(type, required(m.attr('Neu')?.trim(), attr(where, 'change.to', 'Neu')), attr(where, 'change.to', 'Neu'), settings),
      effectiveDate: required(dateOf(m.attr('Stichtag'), effective), effective),
    };
  }
  if (type === 'consent.granted' || type === 'consent.revoked') event.consentId = requiredAttr(m, 'Vollmacht', attr(where, 'consentId', 'Vollmacht'));
  return event;
}

/**
 * The CaseEvents of one Klient's `Mutationen` (a Delta export; a Voll export has none):
 * one per `Mutation`, its id `tutoris:<Mandant>:<@Id>`. A Mutation that cannot be read
 * is rejected naming the Klient's `@PersonNr` and the attribute; the others go on.
 */
export function mutationEvents(klient: XmlElement, position: number, header: FileHeader, settings: TutorisSettings, ctx: MapContext): EventResult {
  const result: EventResult = { events: [], rejections: [] };
  klient.child('Mutationen')?.all('Mutation').forEach((m, i) => {
    try {
      // Event fields are named as the contract's CaseEvent has them (`change.from`).
      result.events.push(eventOf(m, at('', `Mutationen/Mutation[${i}]`), klient, header, settings, ctx));
    } catch (error) {
      result.rejections.push(rejectionOf(error, personNrOf(klient, position)));
    }
  });
  return result;
}

/** Every Mutation of the files, in file and document order. */
export function eventsOf(inputs: readonly NativeInput[], ctx: MapContext): EventResult {
  const settings = settingsOf(ctx);
  const result: EventResult = { events: [], rejections: [] };
  for (const input of inputs) {
    const { header, klienten } = readFile(input, settings);
    for (const { klient, position } of klienten) {
      const found = mutationEvents(klient, position, header, settings, ctx);
      result.events.push(...found.events);
      result.rejections.push(...found.rejections);
    }
  }
  return result;
}
