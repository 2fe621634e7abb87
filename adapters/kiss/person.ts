import { attrValue, at, integer, invalid, missing, type Employment, type XmlElement } from '../../src/adapters/sdk.js';
import { EMPLOYMENT } from './codes.js';
import { date, requiredDate } from './native.js';

// The person-level parts of a member KiSS writes its own way: the date of birth with its
// precision, the activité (the rest is read through fields.yaml).

/** A full date plus `@precision`: here `J` is jour (exact), `M` mois, `A` année (quirk 4). */
export function birthDateOf(m: XmlElement): string {
  const element = m.child('dateNaissance');
  const where = at('person.dateOfBirth', 'dateNaissance');
  const raw = element?.text.trim();
  if (!raw) throw missing(where);
  const full = requiredDate(raw, where);
  const precision = attrValue(element, 'precision') ?? 'J';
  if (precision === 'J') return full;
  if (precision === 'M') return full.slice(0, 7);
  if (precision === 'A') return full.slice(0, 4);
  throw invalid('mapping.unknown-code', at('person.dateOfBirth', 'dateNaissance/@precision'), 'holds a precision other than J, M or A');
}

export function employmentOf(m: XmlElement): Employment | undefined {
  const a = m.child('activite');
  if (!a) return undefined;
  const taux = integer(attrValue(a, 'taux'), at('employment.workloadPercent', 'activite/@taux'), { min: 0, max: 100 });
  return {
    situation: EMPLOYMENT.value(attrValue(a, 'situation'), at('employment.situation', 'activite/@situation')),
    since: date(attrValue(a, 'depuis'), at('employment.since', 'activite/@depuis')),
    // 0 % is how KiSS leaves the workload blank.
    workloadPercent: taux === 0 ? undefined : taux,
  };
}
