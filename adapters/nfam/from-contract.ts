import type { CaseRecord, MapContext, MeasureStatus, MeasureType, NativeInput, Orientation, Person, Residence, Responsibility } from '../../src/adapters/sdk.js';
import { MappingError } from '../../src/adapters/sdk.js';
import * as codes from './codes.js';
import { reverseOrganisationMap, type NfamCase } from './types.js';

type Json = Record<string, unknown>;

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** `2024-10-25T14:30:00+02:00` → `2024-10-25T12:30:00.000Z` (NFAM keeps UTC with ms). */
function utc(timestamp: string): string {
  return new Date(timestamp).toISOString();
}

function birthDate(value: string): { year: number; month: number | null; day: number | null } {
  const [y, m, d] = value.split('-').map(Number);
  return { year: y!, month: m ?? null, day: d ?? null };
}

/**
 * A contract record → an NFAM Case, every property present (unknown is null, no items
 * `[]`). What NFAM cannot carry (householdId; a nativeCode that is no NFAM enum) is
 * written as NFAM can; an institution absent from the organisation map is refused.
 *
 * A delivered record lacks every category the policy withheld, even parts the contract
 * requires of a source. What NFAM allows to be `null` or `[]` (FORMAT.md "Native
 * structure": `?`, lists) is written so; what it requires is never filled in: a record
 * without `person` (or its `officialName`, `firstName`, `sex`, `dateOfBirth`), `residence`
 * (`permits`, none is invalid), `responsibility` (`assignment`), an assessment's
 * `orientation`, or a measure's `type`, `title`, `status` (the plan withheld, its notes
 * disclosed) fails the write before anything is sent (`needed`).
 */
export function caseFromRecord(record: CaseRecord, ctx: MapContext): NfamCase {
  const orgs = reverseOrganisationMap(ctx.settings);
  const org = (institutionId: string | undefined, field: string): string | null => {
    if (institutionId === undefined) return null;
    const id = orgs[institutionId];
    if (!id) {
      throw new MappingError('mapping.unknown-organisation', `${field}: institution "${institutionId}" has no NFAM organisation id in the settings`, {
        field,
        nativeField: 'organisationId',
        nativeId: record.source.localCaseId,
      });
    }
    return id;
  };
  /** A value NFAM requires (not `?`): without it the write fails naming the path and NFAM's field, never a value. */
  const needed = <T>(value: T | undefined, field: string, nativeField: string): T => {
    if (value === undefined) {
      throw new MappingError('mapping.required', `${record.source.localCaseId}: ${nativeField} is required by NFAM, and the record has none: withheld or unknown (${field})`, {
        field,
        nativeField,
        nativeId: record.source.localCaseId,
      });
    }
    return value;
  };
  const types = new Set(codes.ORG_TYPE.values);
  // With identity withheld but languages disclosed, the person holds only its languages.
  const p: Partial<Person> = needed<Person>(record.person, 'person', 'person');
  const familyName = needed(p.officialName, 'person.officialName', 'person.familyName');
  const givenNames = needed(p.firstName, 'person.firstName', 'person.givenNames');
  const sex = needed(p.sex, 'person.sex', 'person.sex');
  const dateOfBirth = needed(p.dateOfBirth, 'person.dateOfBirth', 'person.birthDate');
  const residence = needed<Residence>(record.residence, 'residence', 'permits');
  const responsibility = needed<Responsibility>(record.responsibility, 'responsibility', 'assignment');
  const plan = record.integrationPlan;
  return {
    id: null,
    caseNumber: record.source.localCaseId,
    version: null,
    createdAt: null,
    updatedAt: null,
    person: {
      id: record.source.localPersonId,
      ahvn13: orNull(p.vn),
      zemisNumber: orNull(p.zemisId),
      familyName,
      givenNames,
      sex: codes.encode(codes.SEX, sex),
      birthDate: birthDate(dateOfBirth),
      citizenship: p.nationality === undefined ? null : p.nationality === 'XX' ? { countryCode: null, stateless: true } : { countryCode: p.nationality, stateless: false },
      languages: (p.languages ?? []).map((l) => ({ tag: l.code === 'prs' ? 'fa-AF' : l.code, firstLanguage: l.isFirstLanguage })),
      municipality: p.municipality ? { bfsId: p.municipality.bfsNumber, name: p.municipality.name } : null,
      entryDate: orNull(p.arrivalDate),
    },
    permits: residence.statusHistory.map((s) => ({
      type: codes.encode(codes.PERMIT, s.status, s.nativeCode),
      validFrom: s.from,
      validUntil: orNull(s.to),
      zemisCode: null,
    })),
    asylumDecisionDate: orNull(residence.asylumDecisionDate),
    assignment: {
      stage: codes.encode(codes.STAGE, responsibility.phase),
      organisationId: org(responsibility.institutionId, 'responsibility.institutionId'),
      caseWorker: responsibility.caseManagerId ? { ref: responsibility.caseManagerId } : null,
      since: responsibility.since,
      previous: (responsibility.history ?? []).map((h, i) => ({
        stage: codes.encode(codes.STAGE, h.phase),
        organisationId: org(h.institutionId, `responsibility.history[${i}].institutionId`),
        from: h.from,
        to: h.to,
      })),
    },
    // NFAM lists assessments and journal newest first (FORMAT quirk 8).
    assessments: (record.potentialAssessments ?? []).map((a, i) => ({
      id: a.id,
      assessedOn: a.date,
      organisationId: org(a.institutionId, 'potentialAssessments[].institutionId'),
      languageSkills: (a.languageSkills ?? []).map((s) => ({
        language: s.language,
        cefrLevel: codes.encode(codes.CEFR, s.level),
        skill: codes.encode(codes.SKILL, s.skill),
        certified: s.certified,
        certificateDocumentId: orNull(s.certificateDocumentId),
      })),
      education: (a.education ?? []).map((e) => ({
        level: codes.encode(codes.EDUCATION, e.level),
        countryCode: orNull(e.country),
        years: orNull(e.years),
        completed: e.completed,
        recognisedInSwitzerland: orNull(e.recognisedInSwitzerland),
      })),
      workExperience: (a.workExperience ?? []).map((w) => ({ occupation: w.occupation, isco08: orNull(w.iscoCode), years: w.years, countryCode: orNull(w.country) })),
      health: a.health ? { workCapacityPercent: orNull(a.health.workCapacityPercent), restrictions: orNull(a.health.restrictions) } : null,
      // Absent when education and work are withheld (the assessment then holds its language skills or notes).
      orientation: codes.encode(codes.ORIENTATION, needed<Orientation>(a.orientation, `potentialAssessments[${i}].orientation`, 'assessments.orientation')),
      resources: orNull(a.resources),
      obstacles: orNull(a.obstacles),
      goals: orNull(a.goals),
    })).reverse(),
    integrationPlan: plan
      ? {
          id: plan.id,
          version: plan.version,
          establishedOn: plan.establishedOn,
          validatedByOrganisationId: org(plan.validatedBy, 'integrationPlan.validatedBy'),
          goals: (plan.goals ?? []).map((g) => ({ id: g.id, text: g.text, targetDate: orNull(g.targetDate) })),
          measures: (plan.measures ?? []).map((m, i) => {
            // The object's one nativeCode belongs to its type when the type fell back.
            const typeCode = m.type === 'other' ? m.nativeCode : undefined;
            const fundingCode = m.type !== 'other' && m.financedBy === 'other' ? m.nativeCode : undefined;
            const f = `integrationPlan.measures[${i}]`;
            // With the plan withheld but its notes disclosed, a measure holds only its id and note.
            const type = needed<MeasureType>(m.type, `${f}.type`, 'integrationPlan.measures.category');
            const title = needed<string>(m.title, `${f}.title`, 'integrationPlan.measures.title');
            const status = needed<MeasureStatus>(m.status, `${f}.status`, 'integrationPlan.measures.status');
            return {
              id: m.id,
              category: codes.encode(codes.MEASURE, type, typeCode),
              title,
              provider: m.providerId || m.providerName ? { organisationId: org(m.providerId, `integrationPlan.measures[${i}].providerId`), name: orNull(m.providerName) } : null,
              startDate: orNull(m.start),
              endDate: orNull(m.end),
              status: codes.encode(codes.MEASURE_STATUS, status),
              outcome: m.outcome ? codes.encode(codes.OUTCOME, m.outcome) : null,
              note: orNull(m.note),
              funding: m.financedBy ? codes.encode(codes.FUNDING, m.financedBy, fundingCode) : null,
              documentIds: m.documentIds ?? [],
              costChf: null,
            };
          }),
        }
      : null,
    employment: record.employment
      ? { status: codes.encode(codes.EMPLOYMENT, record.employment.situation), since: orNull(record.employment.since), workloadPercent: orNull(record.employment.workloadPercent) }
      : null,
    socialAssistance: record.socialAssistance ? { receiving: record.socialAssistance.receives, since: orNull(record.socialAssistance.since) } : null,
    journal: [...(record.journal ?? [])].reverse().map((j) => ({
      id: j.id,
      occurredAt: utc(j.at),
      organisationId: org(j.institutionId, 'journal[].institutionId'),
      type: codes.encode(codes.JOURNAL, j.category),
      text: j.text,
      authorRef: null,
    })),
    documents: (record.documents ?? []).map((d) => ({
      id: d.id,
      title: d.title,
      category: codes.encode(codes.DOCUMENT, d.kind, d.nativeCode),
      mediaType: d.mediaType,
      sha256: d.sha256.toUpperCase(),
      sizeBytes: d.size,
      documentDate: d.date,
      fileName: null,
    })),
    consents: (record.consents ?? []).map((k, i) => ({
      id: k.id,
      scope: codes.encode(codes.SCOPE, k.kind),
      grantedOn: k.grantedOn,
      validUntil: orNull(k.validUntil),
      revokedOn: orNull(k.revokedOn),
      recipients: k.recipients.map((r) =>
        types.has(r) ? { organisationType: codes.encode(codes.ORG_TYPE, r) } : { organisationId: org(r, `consents[${i}].recipients`) },
      ),
      purposes: k.purposes.map((x) => codes.encode(codes.PURPOSE, x)),
      dataCategories: k.dataCategories.map((x) => codes.encode(codes.DATA_CATEGORY, x)),
      signedFormDocumentId: orNull(k.documentId),
    })),
  } satisfies Json;
}

export function fromContract(records: readonly CaseRecord[], ctx: MapContext): NativeInput[] {
  const encoder = new TextEncoder();
  return records.map((record) => ({
    name: `${record.source.localCaseId}.case.json`,
    content: encoder.encode(JSON.stringify(caseFromRecord(record, ctx), null, 2) + '\n'),
  }));
}
