import { at, childValue, down, integer, invalid, item, missing, required, type Employment, type StatusEntry, type XmlElement } from '../../src/adapters/sdk.js';
import { EMPLOYMENT, PERMIT } from './codes.js';
import { NO_DATE, date } from './native.js';

// The person-level parts of a UE member KLIBnet writes its own way: the date of birth with
// its precision, WSH's one Bewilligung, the Erwerb (the rest is read through fields.yaml).

/** `GebDat` is always a full date; `GebDatGenauigkeit` says how much of it is known (quirk 4). */
export function birthDateOf(p: XmlElement): string {
  const where = at('person.dateOfBirth', 'GebDat');
  const raw = childValue(p, 'GebDat');
  // 01.01.1900 is the migrated blank, not a year of birth: missing.
  if (raw === undefined || raw === NO_DATE) throw missing(where);
  const full = required(date(raw, where), where);
  const precision = childValue(p, 'GebDatGenauigkeit') ?? 'T';
  if (precision === 'T') return full;
  if (precision === 'M') return full.slice(0, 7);
  if (precision === 'J') return full.slice(0, 4);
  throw invalid('mapping.unknown-code', at('person.dateOfBirth', 'GebDatGenauigkeit'), 'holds a precision other than T, M or J');
}

/** WSH has no status history: the one `Bewilligung` is the record's status. */
export function permitOf(p: XmlElement): StatusEntry[] {
  const permit = p.child('Bewilligung');
  if (!permit) throw missing(at('residence.statusHistory', 'Bewilligung'));
  const where = item(at('residence.statusHistory', 'Bewilligung'), 0, null);
  const code = down(where, 'status', 'BewilligungCd');
  const status = PERMIT.decode(required(childValue(permit, 'BewilligungCd'), code), code);
  const from = down(where, 'from', 'GueltigAb');
  return [{ status: status.value, nativeCode: status.nativeCode, from: required(date(childValue(permit, 'GueltigAb'), from), from) }];
}

export function employmentOf(p: XmlElement): Employment | undefined {
  const e = p.child('Erwerb');
  if (!e) return undefined;
  const situation = at('employment.situation', 'Erwerb/ErwerbCd');
  const workload = integer(childValue(e, 'PensumProz'), at('employment.workloadPercent', 'Erwerb/PensumProz'), { min: 0, max: 100 });
  return {
    situation: EMPLOYMENT.value(required(childValue(e, 'ErwerbCd'), situation), situation),
    since: date(childValue(e, 'Ab'), at('employment.since', 'Erwerb/Ab')),
    // 0 % is how KLIBnet leaves the workload blank.
    workloadPercent: workload === 0 ? undefined : workload,
  };
}
