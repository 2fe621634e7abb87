import type { CaseRecord, Consent, PotentialAssessment } from '../contract/types.js';
import { countryName, formatAhv, languageName, number, swissDate, swissDateTime } from '../web/format.js';
import { facts, table, type Block, type Section } from '../web/document.js';
import { fill, messages, term, type Messages } from '../web/i18n.js';
import { planSections } from './case-plan.js';
import { period, type CaseContext } from './case-text.js';

export { period, type CaseContext } from './case-text.js';

/** What the gateway knows of the delivery beside the record: who sent it, when, why, what was withheld, the seal. */
export interface DeliveryFacts {
  transferId: string;
  sourceInstitution: string;
  purpose: string;
  deliveredAt: string;
  legalBases: string[];
  withheld: readonly { category?: string; path?: string; reason: string }[];
}


/** The record as a person reads it: every code in words, every date Swiss, in the page's language. */
export function caseSections(record: Partial<CaseRecord> & Pick<CaseRecord, 'person'>, delivery: DeliveryFacts, ctx: CaseContext): Section[] {
  const m = messages(ctx.lang);
  const s = m.inbox.sections;
  const sections: Section[] = [{ id: 'person', title: s.person, blocks: [personFacts(record, ctx, m)] }];
  const residence = record.residence;
  if (residence) {
    const blocks: Block[] = [
      table(s.residence, [m.inbox.status, m.inbox.period], residence.statusHistory.map((e) => [term(m.statuses, e.status), period(m, e.from, e.to)])),
      facts([
        [m.fields['residence.asylumApplicationDate'], swissDate(residence.asylumApplicationDate)],
        [m.fields['residence.asylumDecisionDate'], swissDate(residence.asylumDecisionDate)],
      ]),
    ];
    sections.push({ id: 'residence', title: s.residence, blocks });
  }
  const responsibility = record.responsibility;
  if (responsibility) {
    const blocks: Block[] = [
      facts([
        [m.fields['responsibility.phase'], term(m.phases, responsibility.phase)],
        [m.fields['responsibility.institutionId'], ctx.institutionName(responsibility.institutionId)],
        [m.fields['responsibility.since'], swissDate(responsibility.since)],
        [m.fields['responsibility.caseManagerId'], responsibility.caseManagerId],
      ]),
    ];
    if (responsibility.history?.length) {
      blocks.push(
        table(s.responsibilityHistory, [m.inbox.phase, m.inbox.institution, m.inbox.period], responsibility.history.map((h) => [term(m.phases, h.phase), ctx.institutionName(h.institutionId), period(m, h.from, h.to)])),
      );
    }
    sections.push({ id: 'responsibility', title: s.responsibility, blocks });
  }
  const languages = languageBlocks(record, ctx, m);
  if (languages.length) sections.push({ id: 'languages', title: s.languages, blocks: languages });
  const work = workBlocks(record.potentialAssessments ?? [], ctx, m);
  if (work.length) sections.push({ id: 'education-work', title: s.assessments, blocks: work });
  sections.push(...planSections(record, ctx, m));
  if (record.consents?.length) sections.push({ id: 'consents', title: s.consents, blocks: [consentTable(record.consents, ctx, m)] });
  sections.push(withheldSection(delivery, m), originSection(record, delivery, ctx, m));
  return sections;
}

function personFacts(record: Pick<CaseRecord, 'person'>, ctx: CaseContext, m: Messages): Block {
  const p = record.person;
  const f = m.fields;
  return facts([
    [f['person.officialName'], p.officialName],
    [f['person.firstName'], p.firstName],
    [f['person.sex'], term(m.sex, p.sex)],
    [f['person.dateOfBirth'], swissDate(p.dateOfBirth)],
    [f['person.vn'], formatAhv(p.vn)],
    [f['person.zemisId'], p.zemisId],
    [f['person.nationality'], countryName(ctx.lang, p.nationality)],
    [f['person.municipality.name'], p.municipality ? `${p.municipality.name} (${m.fields['person.municipality.bfsNumber']} ${p.municipality.bfsNumber})` : undefined],
    [f['person.arrivalDate'], swissDate(p.arrivalDate)],
    [f['person.householdId'], p.householdId],
  ]);
}

function languageBlocks(record: Partial<CaseRecord> & Pick<CaseRecord, 'person'>, ctx: CaseContext, m: Messages): Block[] {
  const blocks: Block[] = [];
  const spoken = record.person.languages ?? [];
  if (spoken.length) {
    blocks.push(facts([[m.fields['person.languages[].code'], spoken.map((l) => languageName(ctx.lang, l.code) + (l.isFirstLanguage ? ` (${m.inbox.firstLanguage})` : '')).join(', ')]]));
  }
  const rows = (record.potentialAssessments ?? []).flatMap((a) =>
    (a.languageSkills ?? []).map((k) => [languageName(ctx.lang, k.language), term(m.skills, k.skill), k.level, k.certified ? m.inbox.certified : m.inbox.notCertified, swissDate(a.date)]),
  );
  if (rows.length) blocks.push(table(m.inbox.sections.languageSkills, [m.inbox.language, m.inbox.skill, m.inbox.level, m.fields['potentialAssessments[].languageSkills[].certified'], m.console.date], rows));
  return blocks;
}

function workBlocks(assessments: readonly PotentialAssessment[], ctx: CaseContext, m: Messages): Block[] {
  const s = m.inbox.sections;
  return assessments.flatMap((a): Block[] => {
    const blocks: Block[] = [{ kind: 'subheading', text: fill(m.inbox.assessmentOf, { date: swissDate(a.date), institution: ctx.institutionName(a.institutionId) }) }];
    blocks.push(facts([[m.fields['potentialAssessments[].orientation'], term(m.orientations, a.orientation)]]));
    if (a.education?.length) {
      blocks.push(
        table(s.education, [m.inbox.level, m.inbox.country, m.inbox.duration, m.fields['potentialAssessments[].education[].completed']], a.education.map((e) => [
          term(m.educationLevels, e.level),
          countryName(ctx.lang, e.country),
          e.years === undefined ? '' : fill(m.inbox.yearsOf, { years: number(ctx.lang, e.years) }),
          [e.completed ? m.inbox.completed : m.inbox.notCompleted, e.recognisedInSwitzerland === undefined ? '' : e.recognisedInSwitzerland ? m.inbox.recognised : m.inbox.notRecognised].filter(Boolean).join(', '),
        ])),
      );
    }
    if (a.workExperience?.length) {
      blocks.push(
        table(s.work, [m.inbox.occupation, m.fields['potentialAssessments[].workExperience[].iscoCode'], m.inbox.duration, m.inbox.country], a.workExperience.map((w) => [
          w.occupation,
          w.iscoCode ?? '',
          fill(m.inbox.yearsOf, { years: number(ctx.lang, w.years) }),
          countryName(ctx.lang, w.country),
        ])),
      );
    }
    if (a.health) {
      blocks.push({ kind: 'subheading', text: s.health });
      blocks.push(facts([
        [m.fields['potentialAssessments[].health.workCapacityPercent'], a.health.workCapacityPercent === undefined ? undefined : `${a.health.workCapacityPercent} %`],
        [m.fields['potentialAssessments[].health.restrictions'], a.health.restrictions],
      ]));
    }
    const notes = facts([
      [m.fields['potentialAssessments[].resources'], a.resources],
      [m.fields['potentialAssessments[].obstacles'], a.obstacles],
      [m.fields['potentialAssessments[].goals'], a.goals],
    ]);
    if (notes.kind === 'facts' && notes.rows.length) blocks.push({ kind: 'subheading', text: s.notes }, notes);
    return blocks.length > 2 ? blocks : [];
  });
}

function consentTable(consents: readonly Consent[], ctx: CaseContext, m: Messages): Block {
  const i = m.inbox;
  return table(m.inbox.sections.consents, [m.console.consent, i.consentKind, i.grantedOn, i.validUntil, i.revokedOn, i.consentRecipients, i.consentPurposes, i.consentCategories], consents.map((c) => [
    c.id,
    term(m.consentKinds, c.kind),
    swissDate(c.grantedOn),
    swissDate(c.validUntil),
    swissDate(c.revokedOn),
    c.recipients.map((r) => (Object.hasOwn(m.institutionTypes, r) ? term(m.institutionTypes, r) : ctx.institutionName(r))).join(', '),
    c.purposes.map((p) => term(m.purposes, p)).join(', '),
    c.dataCategories.map((d) => term(m.categories, d)).join(', '),
  ]));
}

function withheldSection(delivery: DeliveryFacts, m: Messages): Section {
  const rows = delivery.withheld.map((w) => [w.category ? term(m.categories, w.category) : (w.path ?? ''), term(m.reasons, w.reason)]);
  return {
    id: 'withheld',
    title: m.inbox.withheldTitle,
    blocks: rows.length ? [{ kind: 'text', text: m.inbox.withheldIntro }, table(m.inbox.withheldTitle, [m.console.category, m.console.reason], rows)] : [{ kind: 'text', text: m.inbox.nothingWithheld }],
  };
}

function originSection(record: Partial<CaseRecord>, delivery: DeliveryFacts, ctx: CaseContext, m: Messages): Section {
  const i = m.inbox;
  return {
    id: 'origin',
    title: i.origin,
    blocks: [
      facts([
        [i.sourceInstitution, delivery.sourceInstitution],
        [i.sourceSystem, record.source?.system],
        [i.caseNumber, record.source?.localCaseId],
        [i.extractedAt, swissDateTime(record.source?.extractedAt)],
        [i.deliveredAt, swissDateTime(delivery.deliveredAt)],
        [i.purpose, term(m.purposes, delivery.purpose)],
        [i.legalBasis, delivery.legalBases.map((b) => term(m.legalBases, b)).join(' · ')],
        [i.transferId, delivery.transferId],
      ]),
    ],
  };
}


/** "Zahra Ahmadi": how a case is named in lists and titles. */
export function personName(record: Pick<CaseRecord, 'person'>): string {
  return `${record.person.firstName} ${record.person.officialName}`;
}
