import type { MapContext, MapResult, NativeInput } from '../../src/adapters/sdk.js';
import { isValidAhv13, mapRecords, MappingError, recordIdFor, zurichTimestamp } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { organisationMap, type NfamCase } from './types.js';

type Json = Record<string, unknown>;

/** A native value that cannot become a contract value: ends the record, names both sides. */
class Reject extends Error {
  constructor(
    readonly code: string,
    readonly field: string,
    readonly nativeField: string,
    readonly why: string,
  ) {
    super(why);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** NFAM bodies → contract records: one Case, or pages `{ data: [Case], page }`. */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const cases = inputs.flatMap((input) => casesOf(input).map((nativeCase) => ({ nativeCase, nativeId: String(nativeCase.caseNumber ?? nativeCase.id ?? input.name) })));
  return mapRecords(
    cases,
    ({ nativeCase, nativeId }) => {
      try {
        return mapCase(nativeCase, ctx);
      } catch (error) {
        if (!(error instanceof Reject)) throw error;
        throw new MappingError(error.code, `case ${nativeId}: ${error.why}`, { field: error.field, nativeField: error.nativeField, nativeId });
      }
    },
    { nativeIdOf: ({ nativeId }) => nativeId, nativeFieldOf },
  );
}

function casesOf(input: NativeInput): Json[] {
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(input.content));
  } catch {
    throw new MappingError('mapping.json', `${input.name} is not a UTF-8 JSON body`, { field: '', nativeField: input.name, nativeId: input.name });
  }
  if (body !== null && typeof body === 'object' && Array.isArray((body as Json).data)) return (body as { data: Json[] }).data;
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return [body as Json];
  throw new MappingError('mapping.json', `${input.name} is neither a Case nor a page of cases`, { field: '', nativeField: input.name, nativeId: input.name });
}

/** FORMAT quirk 1: null, "", [] and objects of nulls only are "unknown", hence absent. */
function compact<T>(value: T): T | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    const items = value.map(compact).filter((v) => v !== undefined);
    return (items.length ? items : undefined) as T | undefined;
  }
  if (typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value as Json)) {
      const c = compact(v);
      if (c !== undefined) out[k] = c;
    }
    return (Object.keys(out).length ? out : undefined) as T | undefined;
  }
  return value;
}

function code(t: codes.CodeTable, native: unknown, field: string, nativeField: string): { value: string; nativeCode?: string } {
  if (typeof native !== 'string' || native === '') throw new Reject('mapping.required', field, nativeField, `${nativeField} is required`);
  const decoded = codes.decode(t, native);
  if ('unknown' in decoded) throw new Reject('mapping.unknown-code', field, nativeField, `${nativeField} has a value the contract's list for ${field} does not know`);
  return decoded;
}

function required<T>(value: T | null | undefined, field: string, nativeField: string): T {
  if (value === null || value === undefined || value === '') throw new Reject('mapping.required', field, nativeField, `${nativeField} is required`);
  return value;
}

const VALID_DATE = (y: number, m: number, d: number): boolean => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

function birthDate(value: unknown): string {
  const b = (value ?? {}) as { year?: number | null; month?: number | null; day?: number | null };
  const year = required(b.year, 'person.dateOfBirth', 'person.birthDate.year');
  const pad = (n: number): string => String(n).padStart(2, '0');
  const bad = (why: string): Reject => new Reject('mapping.invalid-date', 'person.dateOfBirth', 'person.birthDate', `person.birthDate ${why}`);
  if (!Number.isInteger(year) || year < 1850 || year > 2200) throw bad('has an impossible year');
  if (b.month === null || b.month === undefined) {
    if (b.day !== null && b.day !== undefined) throw bad('has a day without a month');
    return String(year);
  }
  if (!Number.isInteger(b.month) || b.month < 1 || b.month > 12) throw bad('has a month outside 1-12');
  if (b.day === null || b.day === undefined) return `${year}-${pad(b.month)}`;
  if (!Number.isInteger(b.day) || !VALID_DATE(year, b.month, b.day)) throw bad('is not a date of the calendar');
  return `${year}-${pad(b.month)}-${pad(b.day)}`;
}

function language(tag: unknown, field: string, nativeField: string): string {
  if (typeof tag !== 'string' || !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(tag)) {
    throw new Reject('mapping.invalid-language', field, nativeField, `${nativeField} is not a BCP 47 language tag`);
  }
  if (tag.toLowerCase() === 'fa-af') return 'prs';
  return tag.split('-')[0]!.toLowerCase();
}

function timestamp(value: unknown, field: string, nativeField: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new Reject('mapping.invalid-date', field, nativeField, `${nativeField} is not a timestamp`);
  return zurichTimestamp(new Date(ms));
}

function byKey<T extends Json>(items: T[], key: string): T[] {
  return [...items].sort((a, b) => String(a[key] ?? '').localeCompare(String(b[key] ?? '')));
}

function mapCase(c: Json, ctx: MapContext): Json {
  const orgs = organisationMap(ctx.settings);
  const org = (id: unknown, field: string, nativeField: string): string | undefined => {
    if (id === null || id === undefined) return undefined;
    const mapped = orgs[String(id)];
    if (!mapped) throw new Reject('mapping.unknown-organisation', field, nativeField, `${nativeField} is an organisation the map in the settings does not know`);
    return mapped;
  };
  const n = c as NfamCase;
  const person = (n.person ?? {}) as Json;
  const vn = person.ahvn13;
  if (vn !== null && vn !== undefined && !(typeof vn === 'string' && isValidAhv13(vn))) {
    throw new Reject('mapping.invalid-ahv', 'person.vn', 'person.ahvn13', 'person.ahvn13 is not a 13-digit AHV number starting 756 with a valid check digit');
  }
  const citizenship = person.citizenship as { countryCode?: string | null; stateless?: boolean } | null | undefined;
  const languages = ((person.languages as Json[] | null) ?? []).map((l, i) => ({
    code: language(l.tag, `person.languages[${i}].code`, `person.languages[${i}].tag`),
    isFirstLanguage: l.firstLanguage,
  }));
  const municipality = person.municipality as { bfsId?: number | null; name?: string | null } | null;
  const sex = code(codes.SEX, person.sex, 'person.sex', 'person.sex');

  const permits = (n.permits as Json[] | null) ?? [];
  if (permits.length === 0) throw new Reject('mapping.required', 'residence.statusHistory', 'permits', 'permits is empty; the contract needs at least one residence status');
  const statusHistory = byKey(
    permits.map((p, i) => {
      const status = code(codes.PERMIT, p.type, `residence.statusHistory[${i}].status`, `permits[${i}].type`);
      return { status: status.value, nativeCode: status.nativeCode, from: p.validFrom, to: p.validUntil };
    }),
    'from',
  );

  const assignment = (n.assignment ?? {}) as Json;
  const phase = code(codes.STAGE, assignment.stage, 'responsibility.phase', 'assignment.stage');
  const history = byKey(
    ((assignment.previous as Json[] | null) ?? []).map((h, i) => ({
      phase: code(codes.STAGE, h.stage, `responsibility.history[${i}].phase`, `assignment.previous[${i}].stage`).value,
      institutionId: org(h.organisationId, `responsibility.history[${i}].institutionId`, `assignment.previous[${i}].organisationId`),
      from: h.from,
      to: h.to,
    })),
    'from',
  );

  const assessments = byKey(
    ((n.assessments as Json[] | null) ?? []).map((a, i) => mapAssessment(a, i, org)),
    'date',
  );

  const plan = n.integrationPlan as Json | null;
  const employment = n.employment as Json | null;
  const social = n.socialAssistance as Json | null;
  const journal = byKey(
    ((n.journal as Json[] | null) ?? []).map((j, i) => ({
      id: j.id,
      at: timestamp(j.occurredAt, `journal[${i}].at`, `journal[${i}].occurredAt`),
      institutionId: org(j.organisationId, `journal[${i}].institutionId`, `journal[${i}].organisationId`),
      category: code(codes.JOURNAL, j.type, `journal[${i}].category`, `journal[${i}].type`).value,
      text: j.text,
    })),
    'at',
  );

  const record: Json = {
    contractVersion: '1.0',
    recordId: recordIdFor('nfam', String(required(person.id, 'source.localPersonId', 'person.id'))),
    source: {
      system: 'nfam',
      institutionId: ctx.institutionId,
      canton: ctx.canton,
      localCaseId: required(n.caseNumber, 'source.localCaseId', 'caseNumber'),
      localPersonId: person.id,
      extractedAt: zurichTimestamp(ctx.now()),
    },
    person: {
      vn,
      zemisId: typeof person.zemisNumber === 'string' ? person.zemisNumber.replace(/[.\s]/g, '') : person.zemisNumber,
      officialName: required(person.familyName, 'person.officialName', 'person.familyName'),
      firstName: required(person.givenNames, 'person.firstName', 'person.givenNames'),
      sex: sex.value,
      dateOfBirth: birthDate(person.birthDate),
      nationality: citizenship?.stateless ? 'XX' : citizenship?.countryCode,
      languages,
      municipality: municipality ? { bfsNumber: municipality.bfsId, name: municipality.name } : null,
      arrivalDate: person.entryDate,
    },
    residence: { statusHistory, asylumDecisionDate: n.asylumDecisionDate },
    responsibility: {
      phase: phase.value,
      institutionId: org(required(assignment.organisationId, 'responsibility.institutionId', 'assignment.organisationId'), 'responsibility.institutionId', 'assignment.organisationId'),
      caseManagerId: (assignment.caseWorker as Json | null)?.ref,
      since: required(assignment.since, 'responsibility.since', 'assignment.since'),
      history,
    },
    potentialAssessments: assessments,
    integrationPlan: plan ? mapPlan(plan, org) : null,
    employment: employment
      ? {
          situation: employment.status === null ? null : code(codes.EMPLOYMENT, employment.status, 'employment.situation', 'employment.status').value,
          since: employment.since,
          workloadPercent: employment.workloadPercent,
        }
      : null,
    socialAssistance: social ? { receives: social.receiving, since: social.since } : null,
    journal,
    documents: ((n.documents as Json[] | null) ?? []).map((d, i) => {
      const kind = code(codes.DOCUMENT, d.category, `documents[${i}].kind`, `documents[${i}].category`);
      return {
        id: d.id,
        title: d.title,
        kind: kind.value,
        nativeCode: kind.nativeCode,
        mediaType: d.mediaType,
        sha256: typeof d.sha256 === 'string' ? d.sha256.toLowerCase() : d.sha256,
        size: d.sizeBytes,
        date: d.documentDate,
      };
    }),
    consents: ((n.consents as Json[] | null) ?? []).map((k, i) => ({
      id: k.id,
      kind: code(codes.SCOPE, k.scope, `consents[${i}].kind`, `consents[${i}].scope`).value,
      grantedOn: k.grantedOn,
      validUntil: k.validUntil,
      revokedOn: k.revokedOn,
      recipients: ((k.recipients as Json[] | null) ?? []).map((r, j) =>
        r.organisationId !== undefined && r.organisationId !== null
          ? org(r.organisationId, `consents[${i}].recipients[${j}]`, `consents[${i}].recipients[${j}].organisationId`)
          : code(codes.ORG_TYPE, r.organisationType, `consents[${i}].recipients[${j}]`, `consents[${i}].recipients[${j}].organisationType`).value,
      ),
      purposes: ((k.purposes as string[] | null) ?? []).map((p, j) => code(codes.PURPOSE, p, `consents[${i}].purposes[${j}]`, `consents[${i}].purposes[${j}]`).value),
      dataCategories: ((k.dataCategories as string[] | null) ?? []).map(
        (d, j) => code(codes.DATA_CATEGORY, d, `consents[${i}].dataCategories[${j}]`, `consents[${i}].dataCategories[${j}]`).value,
      ),
      documentId: k.signedFormDocumentId,
    })),
  };
  return compact(record) ?? {};
}

type OrgLookup = (id: unknown, field: string, nativeField: string) => string | undefined;

function mapAssessment(a: Json, i: number, org: OrgLookup): Json {
  const p = `potentialAssessments[${i}]`;
  const n = `assessments[${i}]`;
  const health = a.health as Json | null;
  return {
    id: a.id,
    date: a.assessedOn,
    institutionId: org(a.organisationId, `${p}.institutionId`, `${n}.organisationId`),
    languageSkills: ((a.languageSkills as Json[] | null) ?? []).map((s, j) => ({
      language: language(s.language, `${p}.languageSkills[${j}].language`, `${n}.languageSkills[${j}].language`),
      level: code(codes.CEFR, s.cefrLevel, `${p}.languageSkills[${j}].level`, `${n}.languageSkills[${j}].cefrLevel`).value,
      skill: code(codes.SKILL, s.skill, `${p}.languageSkills[${j}].skill`, `${n}.languageSkills[${j}].skill`).value,
      certified: s.certified,
      certificateDocumentId: s.certificateDocumentId,
    })),
    education: ((a.education as Json[] | null) ?? []).map((e, j) => ({
      level: code(codes.EDUCATION, e.level, `${p}.education[${j}].level`, `${n}.education[${j}].level`).value,
      country: e.countryCode,
      years: e.years,
      completed: e.completed,
      recognisedInSwitzerland: e.recognisedInSwitzerland,
    })),
    workExperience: ((a.workExperience as Json[] | null) ?? []).map((w) => ({
      occupation: w.occupation,
      iscoCode: w.isco08,
      years: w.years,
      country: w.countryCode,
    })),
    health: health ? { workCapacityPercent: health.workCapacityPercent, restrictions: health.restrictions } : null,
    orientation: code(codes.ORIENTATION, a.orientation, `${p}.orientation`, `${n}.orientation`).value,
    resources: a.resources,
    obstacles: a.obstacles,
    goals: a.goals,
  };
}

function mapPlan(plan: Json, org: OrgLookup): Json {
  return {
    id: plan.id,
    version: plan.version,
    establishedOn: plan.establishedOn,
    validatedBy: org(plan.validatedByOrganisationId, 'integrationPlan.validatedBy', 'integrationPlan.validatedByOrganisationId'),
    goals: ((plan.goals as Json[] | null) ?? []).map((g) => ({ id: g.id, text: g.text, targetDate: g.targetDate })),
    measures: ((plan.measures as Json[] | null) ?? []).map((m, i) => {
      const p = `integrationPlan.measures[${i}]`;
      const type = code(codes.MEASURE, m.category, `${p}.type`, `${p}.category`);
      const funding = m.funding === null || m.funding === undefined ? undefined : code(codes.FUNDING, m.funding, `${p}.financedBy`, `${p}.funding`);
      const provider = m.provider as Json | null;
      return {
        id: m.id,
        type: type.value,
        // One nativeCode per object: the measure's own type wins over its funding.
        nativeCode: type.nativeCode ?? funding?.nativeCode,
        title: m.title,
        providerId: provider ? org(provider.organisationId, `${p}.providerId`, `${p}.provider.organisationId`) : undefined,
        providerName: provider?.name,
        start: m.startDate,
        end: m.endDate,
        status: code(codes.MEASURE_STATUS, m.status, `${p}.status`, `${p}.status`).value,
        outcome: m.outcome === null || m.outcome === undefined ? undefined : code(codes.OUTCOME, m.outcome, `${p}.outcome`, `${p}.outcome`).value,
        note: m.note,
        financedBy: funding?.value,
        documentIds: m.documentIds,
      };
    }),
  };
}

/** Contract path of a schema failure → the NFAM field it came from (indices as in the contract). */
const NATIVE_PREFIXES: [RegExp, string][] = [
  [/^person\.vn/, 'person.ahvn13'],
  [/^person\.zemisId/, 'person.zemisNumber'],
  [/^person\.officialName/, 'person.familyName'],
  [/^person\.firstName/, 'person.givenNames'],
  [/^person\.dateOfBirth/, 'person.birthDate'],
  [/^person\.nationality/, 'person.citizenship'],
  [/^person\.arrivalDate/, 'person.entryDate'],
  [/^residence\.statusHistory\[(\d+)\]\.from/, 'permits[$1].validFrom'],
  [/^residence\.statusHistory\[(\d+)\]\.to/, 'permits[$1].validUntil'],
  [/^residence\.statusHistory/, 'permits'],
  [/^residence\.asylumDecisionDate/, 'asylumDecisionDate'],
  [/^responsibility\.history/, 'assignment.previous'],
  [/^responsibility/, 'assignment'],
  [/^potentialAssessments/, 'assessments'],
  [/^documents\[(\d+)\]\.size/, 'documents[$1].sizeBytes'],
  [/^documents\[(\d+)\]\.date/, 'documents[$1].documentDate'],
  [/^journal\[(\d+)\]\.at/, 'journal[$1].occurredAt'],
];

function nativeFieldOf(contractPath: string): string {
  for (const [pattern, native] of NATIVE_PREFIXES) {
    const match = pattern.exec(contractPath);
    if (match) return native.replace('$1', match[1] ?? '');
  }
  return contractPath;
}
