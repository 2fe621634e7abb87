import type { CaseRecord } from '../contract/types.js';
import { facts, table, type Block, type Section } from '../web/document.js';
import { swissDate, swissDateTime } from '../web/format.js';
import { fill, term, type Messages } from '../web/i18n.js';
import { period, type CaseContext } from './case-text.js';

/** The integration plan and its measures, employment, social assistance, journal and documents. */
export function planSections(record: Partial<CaseRecord>, ctx: CaseContext, m: Messages): Section[] {
  const s = m.inbox.sections;
  const i = m.inbox;
  const sections: Section[] = [];
  const plan = record.integrationPlan;
  if (plan) {
    const blocks: Block[] = [
      { kind: 'text', text: [fill(i.planOf, { version: plan.version, date: swissDate(plan.establishedOn) }), plan.validatedBy ? fill(i.validatedBy, { institution: ctx.institutionName(plan.validatedBy) }) : ''].filter(Boolean).join(', ') },
    ];
    if (plan.goals?.length) blocks.push(table(s.goals, [i.goal, i.targetDate], plan.goals.map((g) => [g.text, swissDate(g.targetDate)])));
    if (plan.measures?.length) {
      blocks.push(
        table(s.measures, [i.measure, i.type, i.provider, i.period, i.status, i.outcome, i.financedBy, i.note], plan.measures.map((x) => [
          x.title,
          term(m.measureTypes, x.type),
          x.providerName ?? (x.providerId ? ctx.institutionName(x.providerId) : ''),
          x.start || x.end ? period(m, x.start, x.end).replace(` (${i.current})`, '') : '',
          term(m.measureStatuses, x.status),
          x.outcome ? term(m.measureOutcomes, x.outcome) : '',
          x.financedBy ? term(m.financedBy, x.financedBy) : '',
          x.note ?? '',
        ])),
      );
    }
    sections.push({ id: 'plan', title: s.plan, blocks });
  }
  const employment = record.employment;
  if (employment) {
    sections.push({
      id: 'employment',
      title: s.employment,
      blocks: [
        facts([
          [m.fields['employment.situation'], term(m.employmentSituations, employment.situation)],
          [m.fields['employment.since'], swissDate(employment.since)],
          [m.fields['employment.workloadPercent'], employment.workloadPercent === undefined ? undefined : `${employment.workloadPercent} %`],
        ]),
      ],
    });
  }
  const assistance = record.socialAssistance;
  if (assistance) {
    sections.push({
      id: 'social-assistance',
      title: s.socialAssistance,
      blocks: [{ kind: 'text', text: [assistance.receives ? i.receives : i.doesNotReceive, assistance.since ? fill(i.since, { date: swissDate(assistance.since) }) : ''].filter(Boolean).join(' ') }],
    });
  }
  if (record.journal?.length) {
    sections.push({
      id: 'journal',
      title: s.journal,
      blocks: [table(s.journal, [m.console.date, i.institution, i.type, i.note], record.journal.map((j) => [swissDateTime(j.at), ctx.institutionName(j.institutionId), term(m.journalCategories, j.category), j.text]))],
    });
  }
  if (record.documents?.length) {
    sections.push({
      id: 'documents',
      title: s.documents,
      blocks: [
        table(s.documents, [i.documentTitle, i.documentKind, i.documentDate, m.fields['documents[].mediaType'], m.fields['documents[].size']], record.documents.map((d) => [
          d.title,
          term(m.documentKinds, d.kind),
          swissDate(d.date),
          d.mediaType,
          `${Math.max(1, Math.round(d.size / 1024))} KB`,
        ])),
      ],
    });
  }
  return sections;
}
