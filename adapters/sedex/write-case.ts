import { el, invalid, requiredToWrite, type CaseRecord, type Measure, type Person, type PotentialAssessment, type XmlOut } from '../../src/adapters/sdk.js';
import { SEX } from './codes.js';
import type { SedexSettings } from './settings.js';

// Contract → `ct:case`. Every value is checked against what the schema's types can hold
// (ids ≤ 100, codes ≤ 60, eCH-0044 names ≤ 100, whole years): a value it cannot say is
// refused naming the contract path (`writing` turns it into the delivery's MappingError).

/** What the case-transfer schema requires (`ct:person`, `ct:residence`, `ct:responsibility`): a delivery without it, withheld or unknown, is refused. */
const needed = <T>(value: T | undefined, field: string, nativeField: string): T => requiredToWrite(value, { field, nativeField }, 'the case-transfer schema');

function fits(v: string | undefined, max: number, field: string, nativeField: string): string | undefined {
  if (v !== undefined && v.length > max) throw invalid('mapping.too-long', { field, nativeField }, `cannot be written: longer than ${max} characters`);
  return v;
}
const id = (v: string | undefined, field: string, nativeField: string) => fits(v, 100, field, nativeField);
const code = (v: string | undefined, field: string, nativeField: string) => fits(v, 60, field, nativeField);

function whole(v: number | undefined, field: string, nativeField: string): number | undefined {
  if (v !== undefined && !Number.isInteger(v)) throw invalid('mapping.not-whole', { field, nativeField }, 'cannot be written: the format holds whole years only');
  return v;
}

/** eCH-0044 localPersonId: a sedex record's `<category>:<id>` split again; other systems' ids under a category. */
export function personIdOf(record: CaseRecord, settings: SedexSettings): { category: string; personId: string } {
  const local = record.source.localPersonId;
  const colon = local.indexOf(':');
  const split = record.source.system === 'sedex' && colon > 0;
  const category = split ? local.slice(0, colon) : (settings.personIdCategory ?? `CT.${record.source.canton}`);
  const personId = split ? local.slice(colon + 1) : local;
  fits(category, 20, 'source.localPersonId', 'eCH-0044:localPersonId/eCH-0044:personIdCategory');
  fits(personId, 36, 'source.localPersonId', 'eCH-0044:localPersonId/eCH-0044:personId');
  return { category, personId };
}

function dateOfBirth(date: string): XmlOut {
  const kind = date.length === 10 ? 'yearMonthDay' : date.length === 7 ? 'yearMonth' : 'year';
  return el('eCH-0044:dateOfBirth', {}, el(`eCH-0044:${kind}`, {}, date));
}

function named(name: string, category: string, personId: string): XmlOut {
  return el(name, {}, el('eCH-0044:personIdCategory', {}, category), el('eCH-0044:personId', {}, personId));
}

function person(record: CaseRecord, settings: SedexSettings): XmlOut {
  const p: Partial<Person> = record.person ?? {};
  const { category, personId } = personIdOf(record, settings);
  const zemisIsLocal = category === 'CH.ZEMIS' && personId === p.zemisId;
  const name = (v: string, field: string, native: string) => fits(v, 100, field, native)!;
  return el(
    'ct:person',
    {},
    el(
      'ct:personIdentification',
      {},
      p.vn !== undefined && el('eCH-0044:vn', {}, p.vn),
      named('eCH-0044:localPersonId', category, personId),
      p.zemisId !== undefined && !zemisIsLocal && named('eCH-0044:otherPersonId', 'CH.ZEMIS', fits(p.zemisId, 36, 'person.zemisId', 'eCH-0044:otherPersonId')!),
      el('eCH-0044:officialName', {}, name(needed(p.officialName, 'person.officialName', 'eCH-0044:officialName'), 'person.officialName', 'eCH-0044:officialName')),
      el('eCH-0044:firstName', {}, name(needed(p.firstName, 'person.firstName', 'eCH-0044:firstName'), 'person.firstName', 'eCH-0044:firstName')),
      el('eCH-0044:sex', {}, SEX.encode(needed(p.sex, 'person.sex', 'eCH-0044:sex'))),
      dateOfBirth(needed(p.dateOfBirth, 'person.dateOfBirth', 'eCH-0044:dateOfBirth')),
    ),
    p.nationality !== undefined && el('ct:nationality', {}, p.nationality),
    (p.languages ?? []).map((l) => el('ct:language', { firstLanguage: l.isFirstLanguage }, l.code)),
    p.municipality && el('ct:municipality', { bfsNumber: municipalityNumber(p.municipality.bfsNumber) }, p.municipality.name),
    p.arrivalDate !== undefined && el('ct:arrivalDate', {}, p.arrivalDate),
    p.householdId !== undefined && el('ct:householdId', {}, id(p.householdId, 'person.householdId', 'ct:person/ct:householdId')),
  );
}

function municipalityNumber(n: number): number {
  if (n > 9999) throw invalid('mapping.out-of-range', { field: 'person.municipality.bfsNumber', nativeField: 'ct:municipality/@bfsNumber' }, 'cannot be written: above 9999');
  return n;
}

function residence(record: CaseRecord): XmlOut {
  const r = needed(record.residence, 'residence', 'ct:residence');
  return el(
    'ct:residence',
    {},
    r.statusHistory.map((s, i) =>
      el('ct:status', {
        code: s.status,
        nativeCode: s.status === 'other' ? code(s.nativeCode, `residence.statusHistory[${i}].nativeCode`, 'ct:status/@nativeCode') : undefined,
        from: s.from,
        to: s.to,
      }),
    ),
    r.asylumDecisionDate !== undefined && el('ct:asylumDecisionDate', {}, r.asylumDecisionDate),
  );
}

function responsibility(record: CaseRecord): XmlOut {
  const r = needed(record.responsibility, 'responsibility', 'ct:responsibility');
  return el(
    'ct:responsibility',
    { phase: r.phase, institutionId: id(r.institutionId, 'responsibility.institutionId', '@institutionId'), since: r.since, caseManagerId: id(r.caseManagerId, 'responsibility.caseManagerId', '@caseManagerId') },
    (r.history ?? []).map((h, i) =>
      el('ct:previous', { phase: h.phase, institutionId: id(h.institutionId, `responsibility.history[${i}].institutionId`, 'ct:previous/@institutionId'), from: h.from, to: h.to }),
    ),
  );
}

function assessment(a: PotentialAssessment, i: number): XmlOut {
  const f = `potentialAssessments[${i}]`;
  return el(
    'ct:potentialAssessment',
    { id: id(a.id, `${f}.id`, '@id'), date: a.date, institutionId: id(a.institutionId, `${f}.institutionId`, '@institutionId'), orientation: a.orientation },
    (a.languageSkills ?? []).map((s) =>
      el('ct:languageSkill', { language: s.language, level: s.level, skill: s.skill, certified: s.certified, certificateDocumentId: s.certificateDocumentId }),
    ),
    (a.education ?? []).map((e, k) =>
      el('ct:education', {
        level: e.level,
        country: e.country,
        years: whole(e.years, `${f}.education[${k}].years`, 'ct:education/@years'),
        completed: e.completed,
        recognisedInSwitzerland: e.recognisedInSwitzerland,
      }),
    ),
    (a.workExperience ?? []).map((w, k) =>
      el('ct:workExperience', { iscoCode: w.iscoCode, years: whole(w.years, `${f}.workExperience[${k}].years`, 'ct:workExperience/@years'), country: w.country }, w.occupation),
    ),
    a.health && el('ct:health', { workCapacityPercent: a.health.workCapacityPercent }, a.health.restrictions),
    a.resources !== undefined && el('ct:resources', {}, a.resources),
    a.obstacles !== undefined && el('ct:obstacles', {}, a.obstacles),
    a.goals !== undefined && el('ct:goals', {}, a.goals),
  );
}

function measure(m: Measure, f: string): XmlOut {
  // One nativeCode for the measure: it belongs to whichever of type and financing is `other`.
  const carriesCode = m.type === 'other' || m.financedBy === 'other';
  return el(
    'ct:measure',
    {
      id: id(m.id, `${f}.id`, '@id'),
      type: m.type,
      nativeCode: carriesCode ? code(m.nativeCode, `${f}.nativeCode`, 'ct:measure/@nativeCode') : undefined,
      status: m.status,
      outcome: m.outcome,
      start: m.start,
      end: m.end,
      financedBy: m.financedBy,
      providerId: id(m.providerId, `${f}.providerId`, '@providerId'),
    },
    el('ct:title', {}, m.title),
    m.providerName !== undefined && el('ct:providerName', {}, m.providerName),
    m.note !== undefined && el('ct:note', {}, m.note),
    (m.documentIds ?? []).map((d, k) => el('ct:documentRef', {}, id(d, `${f}.documentIds[${k}]`, 'ct:documentRef'))),
  );
}

function plan(record: CaseRecord): XmlOut | undefined {
  const p = record.integrationPlan;
  if (!p) return undefined;
  return el(
    'ct:integrationPlan',
    { id: id(p.id, 'integrationPlan.id', '@id'), version: p.version, establishedOn: p.establishedOn, validatedBy: id(p.validatedBy, 'integrationPlan.validatedBy', '@validatedBy') },
    (p.goals ?? []).map((g, i) => el('ct:goal', { id: id(g.id, `integrationPlan.goals[${i}].id`, '@id'), targetDate: g.targetDate }, g.text)),
    (p.measures ?? []).map((m, i) => measure(m, `integrationPlan.measures[${i}]`)),
  );
}

function rest(record: CaseRecord): XmlOut[] {
  const out: XmlOut[] = [];
  const e = record.employment;
  if (e) out.push(el('ct:employment', { situation: e.situation, since: e.since, workloadPercent: e.workloadPercent }));
  const s = record.socialAssistance;
  if (s) out.push(el('ct:socialAssistance', { receives: s.receives, since: s.since }));
  (record.journal ?? []).forEach((j, i) =>
    out.push(el('ct:journalEntry', { id: id(j.id, `journal[${i}].id`, '@id'), at: j.at, institutionId: id(j.institutionId, `journal[${i}].institutionId`, '@institutionId'), category: j.category }, j.text)),
  );
  (record.documents ?? []).forEach((d, i) => {
    if (d.size < 1) throw invalid('mapping.out-of-range', { field: `documents[${i}].size`, nativeField: 'ct:document/@size' }, 'cannot be written: the format needs a positive size');
    const nativeCode = d.kind === 'other' ? code(d.nativeCode, `documents[${i}].nativeCode`, 'ct:document/@nativeCode') : undefined;
    out.push(el('ct:document', { id: id(d.id, `documents[${i}].id`, '@id'), kind: d.kind, nativeCode, mediaType: code(d.mediaType, `documents[${i}].mediaType`, '@mediaType'), sha256: d.sha256, size: d.size, date: d.date }, d.title));
  });
  (record.consents ?? []).forEach((c, i) =>
    out.push(
      el(
        'ct:consent',
        { id: id(c.id, `consents[${i}].id`, '@id'), kind: c.kind, grantedOn: c.grantedOn, validUntil: c.validUntil, revokedOn: c.revokedOn, documentId: id(c.documentId, `consents[${i}].documentId`, '@documentId') },
        c.recipients.map((r, k) => el('ct:recipient', {}, id(r, `consents[${i}].recipients[${k}]`, 'ct:recipient'))),
        c.purposes.map((p) => el('ct:purpose', {}, p)),
        c.dataCategories.map((d) => el('ct:dataCategory', {}, d)),
      ),
    ),
  );
  return out;
}

/**
 * One record as a `ct:case`. `residence.asylumApplicationDate` has no place in the schema and
 * is not written (capabilities.cannotCarry); sex `other` is written as 3 (eCH-0044 has no code).
 */
export function caseElement(record: CaseRecord, settings: SedexSettings): XmlOut {
  const s = record.source;
  return el(
    'ct:case',
    {},
    el(
      'ct:source',
      {},
      el('ct:institutionId', {}, id(s.institutionId, 'source.institutionId', 'ct:source/ct:institutionId')),
      el('ct:canton', {}, s.canton),
      el('ct:localCaseId', {}, id(s.localCaseId, 'source.localCaseId', 'ct:source/ct:localCaseId')),
      el('ct:originSystem', {}, s.system),
    ),
    person(record, settings),
    residence(record),
    responsibility(record),
    (record.potentialAssessments ?? []).map(assessment),
    plan(record),
    rest(record),
  );
}
