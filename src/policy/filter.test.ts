import { describe, expect, it } from 'vitest';
import type { CaseRecord, Decision } from '../contract/types.js';
import { CategoryMap } from './categories.js';
import { applyDecision } from './filter.js';

const map = new CategoryMap({
  envelope: ['contractVersion', 'recordId', 'source'],
  itemKeys: { 'potentialAssessments[]': ['id', 'date', 'institutionId'], integrationPlan: ['id', 'version', 'establishedOn'], 'integrationPlan.measures[]': ['id'] },
  categories: {
    identity: ['person'],
    language: ['person.languages', 'potentialAssessments[].languageSkills'],
    health: ['potentialAssessments[].health'],
    'education-work': ['potentialAssessments[].orientation'],
    plan: ['integrationPlan'],
    'assessment-notes': ['integrationPlan.measures[].note'],
    journal: ['journal'],
  },
});

const record = {
  contractVersion: '1.0',
  recordId: 'r',
  source: { system: 'nfam', institutionId: 's', canton: 'BE', localCaseId: 'c', localPersonId: 'p', extractedAt: 'x' },
  person: { officialName: 'A', firstName: 'B', sex: 'unknown', dateOfBirth: '1990', languages: [{ code: 'de', isFirstLanguage: true }] },
  potentialAssessments: [
    { id: 'a1', date: '2025-01-01', institutionId: 'i', orientation: 'labour-market', health: { workCapacityPercent: 50 } },
    { id: 'a2', date: '2025-02-01', institutionId: 'i', health: { workCapacityPercent: 80 } },
  ],
  integrationPlan: { id: 'p1', version: 2, establishedOn: '2025-01-01', goals: [{ id: 'g', text: 't' }], measures: [{ id: 'm1', type: 'other', title: 'x', status: 'planned', note: 'n' }] },
  journal: [{ id: 'j' }],
} as unknown as CaseRecord;

const decision = (categories: string[]): Decision =>
  ({ disclosed: categories.map((category) => ({ category, rule: 'r', legalBasis: 'l' })), withheld: [] }) as unknown as Decision;

describe('applying a decision', () => {
  it('removes withheld categories (absent, not blanked) and keeps the envelope', () => {
    const out = applyDecision(record, decision(['identity']), map) as Record<string, any>;
    expect(out.person).toEqual({ officialName: 'A', firstName: 'B', sex: 'unknown', dateOfBirth: '1990' });
    expect(out.source).toEqual(record.source);
    expect(out).not.toHaveProperty('journal');
    expect(out).not.toHaveProperty('potentialAssessments');
    expect(out).not.toHaveProperty('integrationPlan');
  });

  it('keeps identifying fields of an item whenever another of its fields goes, and drops items with nothing left', () => {
    const out = applyDecision(record, decision(['identity', 'education-work']), map) as Record<string, any>;
    expect(out.potentialAssessments).toEqual([{ id: 'a1', date: '2025-01-01', institutionId: 'i', orientation: 'labour-market' }]);
  });

  it('a measure note without the plan carries the plan and measure ids only', () => {
    const out = applyDecision(record, decision(['identity', 'assessment-notes']), map) as Record<string, any>;
    expect(out.integrationPlan).toEqual({ id: 'p1', version: 2, establishedOn: '2025-01-01', measures: [{ id: 'm1', note: 'n' }] });
  });

  it('does not change the record it is given', () => {
    const copy = structuredClone(record);
    applyDecision(record, decision([]), map);
    expect(record).toEqual(copy);
  });
});
