import type { InstitutionType } from '../../contract/types.js';
import type { XmlElement } from '../xml/element.js';
import type { CodeList } from './codes.js';
import { down, item, missing, required } from './reject.js';
import type { Entry, Reading } from './reading.js';

// The contract's objects, each read once for every system: which fields it has, which the
// contract requires, of which kind each is, in which order they are read (the first fault
// found is the one a rejection names) and how its lists are ordered. The system's side is
// its `Reading`: names, value kit and code lists. Options take what a FORMAT does its own way.

type Part = Record<string, unknown>;

export function statusHistory<N>(r: Reading<N>, residence: Entry<N>): Part[] {
  return r.list(residence, 'statusHistory', { sortBy: { field: 'from', kind: 'date' }, required: true }).map((s) => {
    const status = r.decode(s, 'status', r.codes.STATUS);
    return { status: status.value, nativeCode: status.nativeCode, from: r.need(s, 'from', 'date'), to: r.get(s, 'to', 'date') };
  });
}

export function residence<N>(r: Reading<N>, record: Entry<N>): Part {
  const res = r.object(record, 'residence');
  return {
    statusHistory: statusHistory(r, res),
    asylumApplicationDate: r.get(res, 'asylumApplicationDate', 'date'),
    asylumDecisionDate: r.get(res, 'asylumDecisionDate', 'date'),
  };
}

export function responsibility<N>(r: Reading<N>, record: Entry<N>): Part {
  const p = r.object(record, 'responsibility');
  return {
    phase: r.code(p, 'phase', r.codes.PHASE),
    institutionId: r.need(p, 'institutionId', 'institution'),
    // The staff member's id only: never a name.
    caseManagerId: r.get(p, 'caseManagerId', 'id'),
    since: r.need(p, 'since', 'date'),
    history: r.list(p, 'history', { sortBy: { field: 'from', kind: 'date' } }).map((h) => ({
      phase: r.code(h, 'phase', r.codes.PHASE),
      institutionId: r.need(h, 'institutionId', 'institution'),
      from: r.need(h, 'from', 'date'),
      to: r.need(h, 'to', 'date'),
    })),
  };
}

export interface PersonOptions<N> {
  /** Systems write dates of birth each their own way (partial, with a precision, in parts). */
  dateOfBirth: (person: Entry<N>) => unknown;
}

export function person<N>(r: Reading<N>, record: Entry<N>, options: PersonOptions<N>): Part {
  const p = r.object(record, 'person');
  const m = r.object(p, 'municipality');
  return {
    vn: r.get(p, 'vn', 'ahv'),
    zemisId: r.get(p, 'zemisId', 'zemis'),
    officialName: r.need(p, 'officialName', 'text'),
    firstName: r.need(p, 'firstName', 'text'),
    sex: r.code(p, 'sex', r.codes.SEX),
    dateOfBirth: options.dateOfBirth(p),
    nationality: r.get(p, 'nationality', 'country'),
    languages: r.list(p, 'languages').map((l) => ({ code: r.get(l, 'code', 'language'), isFirstLanguage: r.need(l, 'isFirstLanguage', 'boolean') })),
    municipality: m.node === undefined ? undefined : { bfsNumber: r.need(m, 'bfsNumber', 'integer', { min: 1 }), name: r.need(m, 'name', 'text') },
    arrivalDate: r.get(p, 'arrivalDate', 'date'),
    householdId: r.get(p, 'householdId', 'id'),
  };
}

export function employment<N>(r: Reading<N>, record: Entry<N>): Part | undefined {
  const e = r.object(record, 'employment');
  if (e.node === undefined || !r.codes.EMPLOYMENT) return undefined;
  return { situation: r.code(e, 'situation', r.codes.EMPLOYMENT), since: r.get(e, 'since', 'date'), workloadPercent: r.get(e, 'workloadPercent', 'integer', { min: 1, max: 100 }) };
}

export function socialAssistance<N>(r: Reading<N>, record: Entry<N>): Part | undefined {
  const a = r.object(record, 'socialAssistance');
  if (a.node === undefined) return undefined;
  return { receives: r.need(a, 'receives', 'boolean'), since: r.get(a, 'since', 'date') };
}

export function assessment<N>(r: Reading<N>, a: Entry<N>): Part {
  const health = r.object(a, 'health');
  return {
    id: r.need(a, 'id', 'id'),
    date: r.need(a, 'date', 'date'),
    institutionId: r.need(a, 'institutionId', 'institution'),
    languageSkills: r.list(a, 'languageSkills').map((l) => ({
      language: r.get(l, 'language', 'language'),
      level: r.code(l, 'level', r.codes.LEVEL),
      skill: r.code(l, 'skill', r.codes.SKILL),
      certified: r.need(l, 'certified', 'boolean'),
      certificateDocumentId: r.get(l, 'certificateDocumentId', 'documentRef'),
    })),
    education: r.list(a, 'education').map((x) => ({
      level: r.code(x, 'level', r.codes.EDUCATION),
      country: r.get(x, 'country', 'country'),
      years: r.get(x, 'years', 'number', { min: 0 }),
      completed: r.need(x, 'completed', 'boolean'),
      recognisedInSwitzerland: r.get(x, 'recognisedInSwitzerland', 'boolean'),
    })),
    workExperience: r.list(a, 'workExperience').map((x) => ({
      occupation: r.need(x, 'occupation', 'text'),
      iscoCode: r.get(x, 'iscoCode', 'isco'),
      years: r.need(x, 'years', 'number', { min: 0 }),
      country: r.get(x, 'country', 'country'),
    })),
    health: health.node === undefined ? undefined : { workCapacityPercent: r.get(health, 'workCapacityPercent', 'integer', { min: 0, max: 100 }), restrictions: r.get(health, 'restrictions', 'text') },
    orientation: r.code(a, 'orientation', r.codes.ORIENTATION),
    resources: r.get(a, 'resources', 'text'),
    obstacles: r.get(a, 'obstacles', 'text'),
    goals: r.get(a, 'goals', 'text'),
  };
}

/** `potentialAssessments[]`, by date. */
export function assessments<N>(r: Reading<N>, record: Entry<N>): Part[] {
  return r.list(record, 'potentialAssessments', { sortBy: { field: 'date', kind: 'date' } }).map((a) => assessment(r, a));
}

export interface PlanOptions<N> {
  /** A goal's id when the system numbers goals within their plan (`<plan id>/<no>`). */
  goalId?: (goal: Entry<N>, planId: string) => string;
  /** A measure's outcome when some native outcomes mean none (CaseNet's CII exit states). */
  outcome?: (measure: Entry<N>) => unknown;
  /** A measure's documents when the system lists them without checking them (blank ones drop out). */
  documentIds?: (measure: Entry<N>) => unknown[];
}

export function measure<N>(r: Reading<N>, m: Entry<N>, options: PlanOptions<N> = {}): Part {
  const type = r.decode(m, 'type', r.codes.MEASURE_TYPE);
  const payer = r.decodeOptional(m, 'financedBy', r.codes.FINANCED_BY);
  return {
    id: r.need(m, 'id', 'id'),
    type: type.value,
    // One nativeCode per object: a measure keeps its type's first.
    nativeCode: type.nativeCode ?? payer?.nativeCode,
    title: r.need(m, 'title', 'text'),
    providerId: r.get(m, 'providerId', 'provider'),
    providerName: r.get(m, 'providerName', 'text'),
    start: r.get(m, 'start', 'date'),
    end: r.get(m, 'end', 'date'),
    status: r.code(m, 'status', r.codes.MEASURE_STATUS),
    outcome: options.outcome ? options.outcome(m) : r.codeOptional(m, 'outcome', r.codes.OUTCOME),
    note: r.get(m, 'note', 'text'),
    financedBy: payer?.value,
    documentIds: options.documentIds ? options.documentIds(m) : r.values(m, 'documentIds', 'documentRef', (id, where) => required(id, where)),
  };
}

export function integrationPlan<N>(r: Reading<N>, record: Entry<N>, options: PlanOptions<N> = {}): Part | undefined {
  const p = r.object(record, 'integrationPlan');
  if (p.node === undefined) return undefined;
  const id = r.need(p, 'id', 'id') as string;
  return {
    id,
    version: r.need(p, 'version', 'integer', { min: 1 }),
    establishedOn: r.need(p, 'establishedOn', 'date'),
    validatedBy: r.get(p, 'validatedBy', 'institution'),
    goals: r.list(p, 'goals').map((g) => ({
      id: options.goalId ? options.goalId(g, id) : r.need(g, 'id', 'id'),
      text: r.need(g, 'text', 'text'),
      targetDate: r.get(g, 'targetDate', 'date'),
    })),
    measures: r.list(p, 'measures').map((m) => measure(r, m, options)),
  };
}

/** `institutionId`: who wrote the entries, for a system that does not say (the installation did). */
export function journalEntry<N>(r: Reading<N>, j: Entry<N>, options: { institutionId?: string } = {}): Part {
  return {
    id: r.need(j, 'id', 'id'),
    at: r.need(j, 'at', 'timestamp'),
    institutionId: options.institutionId ?? r.need(j, 'institutionId', 'institution'),
    category: r.code(j, 'category', r.codes.JOURNAL),
    text: r.need(j, 'text', 'text'),
  };
}

/** `journal[]`, by the instant of each entry; `keep` leaves out what the reading side may not see. */
export function journal<N>(r: Reading<N>, record: Entry<N>, options: { keep?: (raw: unknown) => boolean } = {}): Part[] {
  return r.list(record, 'journal', { sortBy: { field: 'at', kind: 'timestamp' }, ...options }).map((j) => journalEntry(r, j));
}

/** `documents[]` (metadata only), in the native order. */
export function documents<N>(r: Reading<N>, record: Entry<N>): Part[] {
  return r.list(record, 'documents').map((d) => documentRef(r, d));
}

export function documentRef<N>(r: Reading<N>, d: Entry<N>): Part {
  const kind = r.decode(d, 'kind', r.codes.DOCUMENT_KIND);
  return {
    id: r.need(d, 'id', 'id'),
    title: r.need(d, 'title', 'text'),
    kind: kind.value,
    nativeCode: kind.nativeCode,
    mediaType: r.get(d, 'mediaType', 'mediaType'),
    sha256: r.get(d, 'sha256', 'sha256'),
    size: r.need(d, 'size', 'integer', { min: 0 }),
    date: r.need(d, 'date', 'date'),
  };
}

export interface ConsentOptions<N> {
  /** The recipients: institution types and institutions, each system writing them its own way. */
  recipients: (consent: Entry<N>) => unknown[];
}

export function consent<N>(r: Reading<N>, c: Entry<N>, options: ConsentOptions<N>): Part {
  return {
    id: r.need(c, 'id', 'id'),
    kind: r.code(c, 'kind', r.codes.CONSENT_KIND),
    grantedOn: r.need(c, 'grantedOn', 'date'),
    validUntil: r.get(c, 'validUntil', 'date'),
    revokedOn: r.get(c, 'revokedOn', 'date'),
    recipients: options.recipients(c),
    purposes: r.values(c, 'purposes', 'code', (code, where) => r.codes.PURPOSE.value(code as string | undefined, where), { required: true }),
    dataCategories: r.values(c, 'dataCategories', 'code', (code, where) => r.codes.DATA_CATEGORY.value(code as string | undefined, where), { required: true }),
    documentId: r.get(c, 'documentId', 'documentRef'),
  };
}

/** `consents[]`, in the native order. */
export function consents<N>(r: Reading<N>, record: Entry<N>, options: ConsentOptions<N>): Part[] {
  return r.list(record, 'consents').map((c) => consent(r, c, options));
}

/**
 * Recipients written as child elements of two names interleaved (the Diartis systems):
 * institution types and institutions, kept in the order written, each named by its own
 * index among its kind; a consent without one is missing its `types` element.
 */
export function interleavedRecipients(r: Reading<XmlElement>, c: Entry<XmlElement>, names: { types: string; institutions: string }, types: CodeList<InstitutionType>): string[] {
  const counts = new Map([names.types, names.institutions].map((n) => [n, 0]));
  const recipients = (c.node?.children ?? [])
    .filter((e) => counts.has(e.local))
    .map((e, j) => {
      const n = counts.get(e.local)!;
      counts.set(e.local, n + 1);
      const where = item(down(c.where, 'recipients', e.local), j, n);
      return e.local === names.types ? types.value(e.text.trim(), where) : (required(r.kit.institution!(e.text, where), where) as string);
    });
  if (recipients.length === 0) throw missing(down(c.where, 'recipients', names.types));
  return recipients;
}
