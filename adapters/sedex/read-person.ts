import { ahv13, at, countryAlpha2, down, invalid, item, languageCode, missing, partialFromParts, Reject, required, sortBy, xsDate, zemis, type At, type CodeList, type XmlElement } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { count, requiredDate, requiredFlag, requiredValue, value } from './native.js';
import type { SedexSettings } from './settings.js';

type Draft = Record<string, unknown>;

/**
 * `ct:source` (quirk 5): the institution must be registered for the header's senderId, in
 * the canton the table gives it.
 */
export function readSource(c: XmlElement, senderId: string, settings: SedexSettings): { institutionId: string; canton: string; localCaseId: string } {
  const base = at('source', 'ct:source');
  const source = c.child('source');
  if (!source) throw missing(base);
  const institutionId = requiredValue(source.textOf('institutionId'), down(base, 'institutionId', 'ct:institutionId'));
  const cantonAt = down(base, 'canton', 'ct:canton');
  const canton = codes.CANTON.value(source.textOf('canton'), cantonAt);
  const registered = settings.participants.get(senderId)?.get(institutionId);
  if (registered === undefined) {
    throw new Reject(
      'mapping.unknown-organisation',
      'source.institutionId',
      'eCH-0058:senderId',
      'eCH-0058:senderId is not registered in settings.participants for ct:source/ct:institutionId (source.institutionId)',
    );
  }
  if (registered !== canton) throw invalid('mapping.canton-mismatch', cantonAt, 'differs from the canton settings.participants registers for the institution');
  return { institutionId, canton, localCaseId: requiredValue(source.textOf('localCaseId'), down(base, 'localCaseId', 'ct:localCaseId')) };
}

const ZEMIS = 'CH.ZEMIS';

function namedId(id: XmlElement | undefined): { category?: string; personId?: string } {
  const category = value(id?.textOf('personIdCategory'));
  const personId = value(id?.textOf('personId'));
  return { ...(category ? { category } : {}), ...(personId ? { personId } : {}) };
}

/** eCH-0044 dateOfBirth: a choice of yearMonthDay, yearMonth (`2013-04`) and year (`1991`). */
function dateOfBirth(pid: XmlElement): string {
  const where = at('person.dateOfBirth', 'eCH-0044:dateOfBirth');
  const dob = pid.child('dateOfBirth');
  const full = value(dob?.textOf('yearMonthDay'));
  if (full !== undefined) return requiredDate(full, where);
  const yearMonth = value(dob?.textOf('yearMonth'));
  if (yearMonth !== undefined) {
    const m = /^(\d{4})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(yearMonth);
    if (!m) throw invalid('mapping.invalid-date', where, 'is not an xs:gYearMonth (YYYY-MM)');
    return partialFromParts(Number(m[1]), Number(m[2]), undefined, where);
  }
  const year = value(dob?.textOf('year'));
  if (year !== undefined) {
    const m = /^(\d{4})(Z|[+-]\d{2}:\d{2})?$/.exec(year);
    if (!m) throw invalid('mapping.invalid-date', where, 'is not an xs:gYear (YYYY)');
    return partialFromParts(Number(m[1]), undefined, undefined, where);
  }
  throw missing(where);
}

/** `ct:person` with its eCH-0044 personIdentification (quirks 3 and 4). */
export function readPerson(c: XmlElement): { localPersonId: string; person: Draft } {
  const person = c.child('person');
  const pid = person?.child('personIdentification');
  if (!person || !pid) throw missing(at('person', 'ct:person/ct:personIdentification'));
  const local = namedId(pid.child('localPersonId'));
  const localAt = at('source.localPersonId', 'eCH-0044:localPersonId');
  const category = required(local.category, down(localAt, '', 'eCH-0044:personIdCategory'));
  const personId = required(local.personId, down(localAt, '', 'eCH-0044:personId'));
  // A federal sender's own id is the ZEMIS number; otherwise only otherPersonId[CH.ZEMIS] is read.
  const other = pid.all('otherPersonId').map(namedId).find((o) => o.category === ZEMIS);
  const zemisId = other?.personId
    ? zemis(other.personId, at('person.zemisId', 'eCH-0044:otherPersonId[CH.ZEMIS]/eCH-0044:personId'))
    : category === ZEMIS
      ? zemis(personId, at('person.zemisId', 'eCH-0044:localPersonId/eCH-0044:personId'))
      : undefined;
  const languages = person.all('language').map((l, i) => {
    const where = item(at('person.languages', 'ct:person/ct:language'), i, i);
    return {
      code: required(languageCode(value(l.text), down(where, 'code', '')), down(where, 'code', '')),
      isFirstLanguage: requiredFlag(l.attr('firstLanguage'), down(where, 'isFirstLanguage', '@firstLanguage')),
    };
  });
  const municipality = person.child('municipality');
  const municipalityAt = at('person.municipality', 'ct:person/ct:municipality');
  return {
    localPersonId: `${category}:${personId}`,
    person: {
      vn: ahv13(value(pid.textOf('vn')), at('person.vn', 'eCH-0044:vn')),
      zemisId,
      officialName: requiredValue(pid.textOf('officialName'), at('person.officialName', 'eCH-0044:officialName')),
      firstName: requiredValue(pid.textOf('firstName'), at('person.firstName', 'eCH-0044:firstName')),
      sex: codes.SEX.value(pid.textOf('sex'), at('person.sex', 'eCH-0044:sex')),
      dateOfBirth: dateOfBirth(pid),
      nationality: countryAlpha2(value(person.textOf('nationality')), at('person.nationality', 'ct:person/ct:nationality')),
      languages,
      municipality: municipality && {
        bfsNumber: required(count(municipality.attr('bfsNumber'), down(municipalityAt, 'bfsNumber', '@bfsNumber'), { min: 1, max: 9999 }), down(municipalityAt, 'bfsNumber', '@bfsNumber')),
        name: requiredValue(municipality.text, down(municipalityAt, 'name', '')),
      },
      arrivalDate: xsDate(person.textOf('arrivalDate'), at('person.arrivalDate', 'ct:person/ct:arrivalDate')),
      householdId: value(person.textOf('householdId')),
    },
  };
}

/**
 * A code of a list with `other` (quirk 8): an unknown value is `other` keeping it; `other`
 * itself carries its own `@nativeCode`; `@nativeCode` beside a listed code is ignored.
 */
export function codeWithOther<C extends string>(
  list: CodeList<C>,
  raw: string | undefined,
  nativeCode: string | undefined,
  where: At,
  optional = false,
): { value: C; nativeCode?: string } | undefined {
  const decoded = optional ? list.decodeOptional(raw, where) : list.decode(raw, where);
  if (!decoded) return undefined;
  if (decoded.value === 'other' && decoded.nativeCode === undefined && nativeCode !== undefined) return { value: decoded.value, nativeCode };
  return decoded;
}

/** `ct:residence`: statuses in any order, sorted by `from` (quirk 9). */
export function readResidence(c: XmlElement): Draft {
  const base = at('residence.statusHistory', 'ct:residence/ct:status');
  const residence = c.child('residence');
  const statuses = residence?.all('status') ?? [];
  if (statuses.length === 0) throw missing(base);
  const ordered = sortBy(
    statuses.map((s, i) => ({ s, i })),
    ({ s }) => value(s.attr('from')),
  );
  return {
    statusHistory: ordered.map(({ s, i }, k) => {
      const where = item(base, k, i);
      const code = codeWithOther(codes.STATUS, s.attr('code'), value(s.attr('nativeCode')), down(where, 'status', '@code'))!;
      return {
        status: code.value,
        nativeCode: code.nativeCode,
        from: requiredDate(s.attr('from'), down(where, 'from', '@from')),
        to: xsDate(s.attr('to'), down(where, 'to', '@to')),
      };
    }),
    asylumDecisionDate: xsDate(residence?.textOf('asylumDecisionDate'), at('residence.asylumDecisionDate', 'ct:residence/ct:asylumDecisionDate')),
  };
}

/** `ct:responsibility` and its `ct:previous`, sorted by `from`. */
export function readResponsibility(c: XmlElement): Draft {
  const base = at('responsibility', 'ct:responsibility');
  const r = c.child('responsibility');
  if (!r) throw missing(down(base, 'phase', '@phase'));
  const history = sortBy(
    r.all('previous').map((p, i) => ({ p, i })),
    ({ p }) => value(p.attr('from')),
  ).map(({ p, i }, k) => {
    const where = item(down(base, 'history', 'ct:previous'), k, i);
    return {
      phase: codes.PHASE.value(p.attr('phase'), down(where, 'phase', '@phase')),
      institutionId: requiredValue(p.attr('institutionId'), down(where, 'institutionId', '@institutionId')),
      from: requiredDate(p.attr('from'), down(where, 'from', '@from')),
      to: requiredDate(p.attr('to'), down(where, 'to', '@to')),
    };
  });
  return {
    phase: codes.PHASE.value(r.attr('phase'), down(base, 'phase', '@phase')),
    institutionId: requiredValue(r.attr('institutionId'), down(base, 'institutionId', '@institutionId')),
    caseManagerId: value(r.attr('caseManagerId')),
    since: requiredDate(r.attr('since'), down(base, 'since', '@since')),
    history,
  };
}
