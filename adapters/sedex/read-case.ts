import { at, countryAlpha2, down, instantKey, item, languageCode, matching, missing, ordered, sortBy, SORTING, xsBoolean, xsDate, xsDateTime, type At, type XmlElement } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { childText, count, requiredDate, requiredFlag, requiredValue, value } from './native.js';
import { codeWithOther } from './read-person.js';

type Draft = Record<string, unknown>;

const ISCO = /^\d{1,4}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

function assessment(a: XmlElement, where: At): Draft {
  const skills = a.all('languageSkill').map((s, i) => {
    const w = item(down(where, 'languageSkills', 'ct:languageSkill'), i, i);
    return {
      language: requiredValue(languageCode(value(s.attr('language')), down(w, 'language', '@language')), down(w, 'language', '@language')),
      level: codes.CEFR.value(s.attr('level'), down(w, 'level', '@level')),
      skill: codes.SKILL.value(s.attr('skill'), down(w, 'skill', '@skill')),
      certified: requiredFlag(s.attr('certified'), down(w, 'certified', '@certified')),
      certificateDocumentId: value(s.attr('certificateDocumentId')),
    };
  });
  const education = a.all('education').map((e, i) => {
    const w = item(down(where, 'education', 'ct:education'), i, i);
    return {
      level: codes.EDUCATION.value(e.attr('level'), down(w, 'level', '@level')),
      country: countryAlpha2(value(e.attr('country')), down(w, 'country', '@country')),
      years: count(e.attr('years'), down(w, 'years', '@years')),
      completed: requiredFlag(e.attr('completed'), down(w, 'completed', '@completed')),
      recognisedInSwitzerland: xsBoolean(e.attr('recognisedInSwitzerland'), down(w, 'recognisedInSwitzerland', '@recognisedInSwitzerland')),
    };
  });
  const work = a.all('workExperience').map((x, i) => {
    const w = item(down(where, 'workExperience', 'ct:workExperience'), i, i);
    return {
      occupation: requiredValue(x.text, down(w, 'occupation', '')),
      iscoCode: matching(value(x.attr('iscoCode')), ISCO, 'mapping.invalid-code', down(w, 'iscoCode', '@iscoCode'), 'is not an ISCO-08 code (1 to 4 digits)'),
      years: count(requiredValue(x.attr('years'), down(w, 'years', '@years')), down(w, 'years', '@years')),
      country: countryAlpha2(value(x.attr('country')), down(w, 'country', '@country')),
    };
  });
  const health = a.child('health');
  return {
    id: requiredValue(a.attr('id'), down(where, 'id', '@id')),
    date: requiredDate(a.attr('date'), down(where, 'date', '@date')),
    institutionId: requiredValue(a.attr('institutionId'), down(where, 'institutionId', '@institutionId')),
    languageSkills: skills,
    education,
    workExperience: work,
    health: health && {
      workCapacityPercent: count(health.attr('workCapacityPercent'), down(where, 'health.workCapacityPercent', 'ct:health/@workCapacityPercent'), { min: 0, max: 100 }),
      restrictions: value(health.text),
    },
    orientation: codes.ORIENTATION.value(a.attr('orientation'), down(where, 'orientation', '@orientation')),
    resources: childText(a, 'resources'),
    obstacles: childText(a, 'obstacles'),
    goals: childText(a, 'goals'),
  };
}

/** `ct:potentialAssessment`s in any order, sorted by `@date` (quirk 9). */
export function readAssessments(c: XmlElement): Draft[] {
  const base = at('potentialAssessments', 'ct:potentialAssessment');
  return sortBy(
    c.all('potentialAssessment').map((a, i) => ({ a, i })),
    ({ a }) => value(a.attr('date')),
  ).map(({ a, i }, k) => assessment(a, item(base, k, i)));
}

function measure(m: XmlElement, where: At): Draft {
  // A measure keeps one nativeCode: its type's first, else its financing's (quirk 8).
  const nativeCode = value(m.attr('nativeCode'));
  const type = codeWithOther(codes.MEASURE_TYPE, m.attr('type'), nativeCode, down(where, 'type', '@type'))!;
  const financedBy = codeWithOther(codes.FINANCED_BY, m.attr('financedBy'), nativeCode, down(where, 'financedBy', '@financedBy'), true);
  return {
    id: requiredValue(m.attr('id'), down(where, 'id', '@id')),
    type: type.value,
    nativeCode: type.nativeCode ?? financedBy?.nativeCode,
    title: requiredValue(m.textOf('title'), down(where, 'title', 'ct:title')),
    providerId: value(m.attr('providerId')),
    providerName: childText(m, 'providerName'),
    start: xsDate(m.attr('start'), down(where, 'start', '@start')),
    end: xsDate(m.attr('end'), down(where, 'end', '@end')),
    status: codes.MEASURE_STATUS.value(m.attr('status'), down(where, 'status', '@status')),
    outcome: codes.OUTCOME.valueOptional(m.attr('outcome'), down(where, 'outcome', '@outcome')),
    note: childText(m, 'note'),
    financedBy: financedBy?.value,
    documentIds: m
      .all('documentRef')
      .map((d) => value(d.text))
      .filter((d): d is string => d !== undefined),
  };
}

/** `ct:integrationPlan`: goals and measures in native order. */
export function readPlan(c: XmlElement): Draft | undefined {
  const plan = c.child('integrationPlan');
  if (!plan) return undefined;
  const base = at('integrationPlan', 'ct:integrationPlan');
  return {
    id: requiredValue(plan.attr('id'), down(base, 'id', '@id')),
    version: count(requiredValue(plan.attr('version'), down(base, 'version', '@version')), down(base, 'version', '@version'), { min: 1 }),
    establishedOn: requiredDate(plan.attr('establishedOn'), down(base, 'establishedOn', '@establishedOn')),
    validatedBy: value(plan.attr('validatedBy')),
    goals: plan.all('goal').map((g, i) => {
      const w = item(down(base, 'goals', 'ct:goal'), i, i);
      return {
        id: requiredValue(g.attr('id'), down(w, 'id', '@id')),
        text: requiredValue(g.text, down(w, 'text', '')),
        targetDate: xsDate(g.attr('targetDate'), down(w, 'targetDate', '@targetDate')),
      };
    }),
    measures: plan.all('measure').map((m, i) => measure(m, item(down(base, 'measures', 'ct:measure'), i, i))),
  };
}

export function readEmployment(c: XmlElement): Draft | undefined {
  const e = c.child('employment');
  if (!e) return undefined;
  const base = at('employment', 'ct:employment');
  return {
    situation: codes.SITUATION.value(e.attr('situation'), down(base, 'situation', '@situation')),
    since: xsDate(e.attr('since'), down(base, 'since', '@since')),
    workloadPercent: count(e.attr('workloadPercent'), down(base, 'workloadPercent', '@workloadPercent'), { min: 1, max: 100 }),
  };
}

export function readSocialAssistance(c: XmlElement): Draft | undefined {
  const s = c.child('socialAssistance');
  if (!s) return undefined;
  const base = at('socialAssistance', 'ct:socialAssistance');
  return { receives: requiredFlag(s.attr('receives'), down(base, 'receives', '@receives')), since: xsDate(s.attr('since'), down(base, 'since', '@since')) };
}

/** `ct:journalEntry`s in any order, sorted by the instant of `@at` (offsets differ). */
export function readJournal(c: XmlElement): Draft[] {
  const base = at('journal', 'ct:journalEntry');
  // A bad `@at` sorts first; it is rejected when its entry is read, naming its place.
  const keyOf = (j: XmlElement): string | undefined => instantKey(xsDateTime(j.attr('at'), SORTING));
  return ordered(c.all('journalEntry'), base, { keyOf, unreadable: 'first' }).map(({ value: j, where: w }) => {
    return {
      id: requiredValue(j.attr('id'), down(w, 'id', '@id')),
      at: xsDateTime(requiredValue(j.attr('at'), down(w, 'at', '@at')), down(w, 'at', '@at')),
      institutionId: requiredValue(j.attr('institutionId'), down(w, 'institutionId', '@institutionId')),
      category: codes.JOURNAL.value(j.attr('category'), down(w, 'category', '@category')),
      text: requiredValue(j.text, down(w, 'text', '')),
    };
  });
}

export function readDocuments(c: XmlElement): Draft[] {
  return c.all('document').map((d, i) => {
    const w = item(at('documents', 'ct:document'), i, i);
    const kind = codeWithOther(codes.DOCUMENT_KIND, d.attr('kind'), value(d.attr('nativeCode')), down(w, 'kind', '@kind'))!;
    return {
      id: requiredValue(d.attr('id'), down(w, 'id', '@id')),
      title: requiredValue(d.text, down(w, 'title', '')),
      kind: kind.value,
      nativeCode: kind.nativeCode,
      mediaType: matching(requiredValue(d.attr('mediaType'), down(w, 'mediaType', '@mediaType')), MEDIA_TYPE, 'mapping.invalid-code', down(w, 'mediaType', '@mediaType'), 'is not a media type'),
      sha256: matching(requiredValue(d.attr('sha256'), down(w, 'sha256', '@sha256')), SHA256, 'mapping.invalid-hash', down(w, 'sha256', '@sha256'), 'is not 64 lower-case hexadecimal digits'),
      size: count(requiredValue(d.attr('size'), down(w, 'size', '@size')), down(w, 'size', '@size')),
      date: requiredDate(d.attr('date'), down(w, 'date', '@date')),
    };
  });
}

function texts(parent: XmlElement, local: string, where: At): string[] {
  const items = parent
    .all(local)
    .map((e) => value(e.text))
    .filter((v): v is string => v !== undefined);
  if (items.length === 0) throw missing(where);
  return items;
}

export function readConsents(c: XmlElement): Draft[] {
  return c.all('consent').map((x, i) => {
    const w = item(at('consents', 'ct:consent'), i, i);
    const purposesAt = down(w, 'purposes', 'ct:purpose');
    const categoriesAt = down(w, 'dataCategories', 'ct:dataCategory');
    return {
      id: requiredValue(x.attr('id'), down(w, 'id', '@id')),
      kind: codes.CONSENT_KIND.value(x.attr('kind'), down(w, 'kind', '@kind')),
      grantedOn: requiredDate(x.attr('grantedOn'), down(w, 'grantedOn', '@grantedOn')),
      validUntil: xsDate(x.attr('validUntil'), down(w, 'validUntil', '@validUntil')),
      revokedOn: xsDate(x.attr('revokedOn'), down(w, 'revokedOn', '@revokedOn')),
      recipients: texts(x, 'recipient', down(w, 'recipients', 'ct:recipient')),
      purposes: texts(x, 'purpose', purposesAt).map((p, k) => codes.PURPOSE.value(p, item(purposesAt, k, k))),
      dataCategories: texts(x, 'dataCategory', categoriesAt).map((p, k) => codes.DATA_CATEGORY.value(p, item(categoriesAt, k, k))),
      documentId: value(x.attr('documentId')),
    };
  });
}
