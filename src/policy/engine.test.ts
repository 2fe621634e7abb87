import { describe, expect, it } from 'vitest';
import type { CaseRecord, Consent, Decision } from '../contract/types.js';
import { CategoryMap } from './categories.js';
import { decide } from './engine.js';
import type { DisclosureRule, Institution } from './types.js';

const categoryMap = new CategoryMap({
  envelope: ['contractVersion', 'recordId', 'source'],
  itemKeys: { 'potentialAssessments[]': ['id', 'date', 'institutionId'], integrationPlan: ['id', 'version', 'establishedOn'] },
  categories: {
    identity: ['person'],
    residence: ['residence'],
    responsibility: ['responsibility'],
    language: ['person.languages', 'potentialAssessments[].languageSkills'],
    'education-work': ['potentialAssessments[].education', 'potentialAssessments[].workExperience', 'potentialAssessments[].orientation', 'employment'],
    health: ['potentialAssessments[].health'],
    'social-assistance': ['socialAssistance'],
    plan: ['integrationPlan'],
    'assessment-notes': ['potentialAssessments[].resources', 'potentialAssessments[].obstacles', 'potentialAssessments[].goals', 'integrationPlan.measures[].note'],
    journal: ['journal'],
    documents: ['documents'],
    consent: ['consents'],
  },
});

const commune: Institution = { id: 'c-town', name: 'Town', type: 'commune', canton: 'BE', municipalities: [1], system: 'inbox', settings: {}, installation: 'x' };
const orp: Institution = { id: 'orp-1', name: 'ORP', type: 'orp', canton: 'BE', municipalities: [], system: 'inbox', settings: {}, installation: 'x' };

function record(consents: Consent[] = [], extra: Partial<CaseRecord> = {}): CaseRecord {
  return {
    contractVersion: '1.0',
    recordId: '5e572358-47e7-5663-84e6-57bc34f22407',
    source: { system: 'nfam', institutionId: 'src', canton: 'BE', localCaseId: 'C-1', localPersonId: 'P-1', extractedAt: '2026-03-01T08:00:00+01:00' },
    person: { officialName: 'Test', firstName: 'Person', sex: 'unknown', dateOfBirth: '1990' },
    residence: { statusHistory: [{ status: 'F', from: '2020-01-01' }] },
    responsibility: { phase: 'communal', institutionId: 'c-town', since: '2025-01-01' },
    potentialAssessments: [{ id: 'a1', date: '2025-01-01', institutionId: 'x', orientation: 'labour-market', health: { workCapacityPercent: 50 } }],
    socialAssistance: { receives: true },
    journal: [{ id: 'j1', at: '2025-01-01T10:00:00+01:00', institutionId: 'x', category: 'note', text: 'note' }],
    ...(consents.length ? { consents } : {}),
    ...extra,
  };
}

const permitAll: DisclosureRule = {
  id: 'b-permit',
  recipients: { types: ['commune'] },
  purposes: ['case-transfer'],
  legalBasis: 'LB-B',
  permit: ['identity', 'residence', 'responsibility', 'education-work', 'health', 'social-assistance', 'journal', 'consent'],
  consentRequiredFor: ['education-work'],
};

const consent = (over: Partial<Consent> = {}): Consent => ({
  id: 'k1',
  kind: 'general',
  grantedOn: '2025-01-01',
  recipients: ['commune'],
  purposes: ['case-transfer'],
  dataCategories: ['health', 'social-assistance', 'journal', 'education-work'],
  ...over,
});

const AT = new Date('2026-03-15T12:00:00+01:00');

function run(rules: DisclosureRule[], r: CaseRecord, recipient = commune, purpose = 'case-transfer', at = AT): Decision {
  return decide({ record: r, recipient, purpose, at, bundle: { disclosure: rules, categoryMap, version: 'sha256:test' } });
}

function withheld(d: Decision, category: string): unknown {
  return d.withheld.find((w) => 'category' in w && w.category === category);
}
function disclosedRule(d: Decision, category: string): string | undefined {
  return d.disclosed.find((x) => x.category === category)?.rule;
}

describe('decision rules (policy.md)', () => {
  const cases: { name: string; rules: DisclosureRule[]; record: CaseRecord; category: string; expect: Record<string, unknown> | 'disclosed'; recipient?: Institution; purpose?: string; at?: Date }[] = [
    { name: 'a covering consent lets a sensitive category go', rules: [permitAll], record: record([consent()]), category: 'health', expect: 'disclosed' },
    { name: 'no rule permits → no-legal-basis', rules: [permitAll], record: record([consent()]), category: 'health', recipient: orp, expect: { reason: 'no-legal-basis' } },
    { name: 'another purpose → no-legal-basis', rules: [permitAll], record: record([consent()]), category: 'identity', purpose: 'statistics', expect: { reason: 'no-legal-basis' } },
    {
      name: 'deny wins over permit → denied',
      rules: [permitAll, { id: 'z-deny', recipients: { institutions: ['c-town'] }, deny: ['journal'] }],
      record: record([consent()]),
      category: 'journal',
      expect: { reason: 'denied', rule: 'z-deny' },
    },
    {
      name: 'a deny for another purpose does not deny',
      rules: [permitAll, { id: 'z-deny', recipients: { types: ['commune'] }, purposes: ['statistics'], deny: ['journal'] }],
      record: record([consent()]),
      category: 'journal',
      expect: 'disclosed',
    },
    { name: 'revoked on or before today → consent-revoked with its id', rules: [permitAll], record: record([consent({ revokedOn: '2026-03-15' })]), category: 'health', expect: { reason: 'consent-revoked', consentId: 'k1' } },
    { name: 'revoked after today → still valid today', rules: [permitAll], record: record([consent({ revokedOn: '2026-03-16' })]), category: 'health', expect: 'disclosed' },
    { name: 'validUntil before today → consent-expired', rules: [permitAll], record: record([consent({ validUntil: '2026-03-14' })]), category: 'health', expect: { reason: 'consent-expired', consentId: 'k1' } },
    { name: 'validUntil today covers the whole day', rules: [permitAll], record: record([consent({ validUntil: '2026-03-15' })]), category: 'health', expect: 'disclosed' },
    { name: 'a consent for another recipient → consent-out-of-scope', rules: [permitAll], record: record([consent({ recipients: ['orp'] })]), category: 'health', expect: { reason: 'consent-out-of-scope' } },
    { name: 'a consent for another purpose → consent-out-of-scope', rules: [permitAll], record: record([consent({ purposes: ['statistics'] })]), category: 'health', expect: { reason: 'consent-out-of-scope' } },
    { name: 'no consent at all → consent-missing', rules: [permitAll], record: record(), category: 'health', expect: { reason: 'consent-missing' } },
    { name: 'a consent not yet valid → consent-missing', rules: [permitAll], record: record([consent({ grantedOn: '2026-03-16' })]), category: 'health', expect: { reason: 'consent-missing' } },
    { name: 'a consent that does not name the category → consent-missing', rules: [permitAll], record: record([consent({ dataCategories: ['journal'] })]), category: 'health', expect: { reason: 'consent-missing' } },
    { name: 'consentRequiredFor makes a plain category need consent', rules: [permitAll], record: record(), category: 'education-work', expect: { reason: 'consent-missing' } },
    { name: 'the recipient id among the consent recipients covers', rules: [permitAll], record: record([consent({ recipients: ['c-town'] })]), category: 'journal', expect: 'disclosed' },
  ];

  it.each(cases)('$name', (c) => {
    const d = run(c.rules, c.record, c.recipient, c.purpose, c.at);
    if (c.expect === 'disclosed') expect(disclosedRule(d, c.category)).toBeDefined();
    else expect(withheld(d, c.category)).toEqual({ category: c.category, ...c.expect });
  });

  it('several permitting rules: the one with fewest conditions, then the smallest id; obligations of recorded rules only', () => {
    const a: DisclosureRule = { id: 'a-needs-consent', recipients: { types: ['commune'] }, purposes: ['case-transfer'], legalBasis: 'LB-A', permit: ['identity', 'education-work'], consentRequiredFor: ['education-work'], obligations: ['notify-person'] };
    const c: DisclosureRule = { id: 'c-plain', recipients: { types: ['commune'] }, purposes: ['case-transfer'], legalBasis: 'LB-C', permit: ['education-work'] };
    const b: DisclosureRule = { id: 'b-plain', recipients: { types: ['commune'] }, purposes: ['case-transfer'], legalBasis: 'LB-B', permit: ['identity'] };
    const d = run([a, b, c], record([consent()]));
    expect(disclosedRule(d, 'education-work')).toBe('c-plain');
    expect(disclosedRule(d, 'identity')).toBe('a-needs-consent');
    expect(d.obligations).toEqual(['notify-person']);
    const withoutA = run([b, c], record());
    expect(withoutA.obligations).toEqual([]);
  });

  it('for a sensitive category every rule needs consent, so the smallest id wins', () => {
    const x: DisclosureRule = { id: 'x-rule', recipients: { types: ['commune'] }, purposes: ['case-transfer'], legalBasis: 'LB-X', permit: ['identity', 'health'] };
    const w: DisclosureRule = { id: 'w-rule', recipients: { types: ['commune'] }, purposes: ['case-transfer'], legalBasis: 'LB-W', permit: ['health'], obligations: ['notify-person'] };
    const d = run([x, w], record([consent()]));
    expect(d.disclosed.find((e) => e.category === 'health')).toEqual({ category: 'health', rule: 'w-rule', legalBasis: 'LB-W' });
    expect(d.obligations).toEqual(['notify-person']);
  });

  it('does not depend on the order of the rules', () => {
    const rules: DisclosureRule[] = [
      permitAll,
      { id: 'a-other', recipients: { types: ['commune'] }, purposes: ['case-transfer'], legalBasis: 'LB-A', permit: ['identity', 'journal'] },
      { id: 'z-deny', recipients: { types: ['commune'] }, deny: ['social-assistance'] },
    ];
    const r = record([consent({ revokedOn: '2026-01-01', id: 'k9' }), consent({ id: 'k2', dataCategories: ['journal'] })]);
    const first = run(rules, r);
    for (const order of [[2, 1, 0], [1, 0, 2], [0, 2, 1]]) expect(run(order.map((i) => rules[i]!), r)).toEqual(first);
  });

  it('today is the Europe/Zurich date: 23:30 CEST on 31 March is still that day, 00:30 on 1 April is not', () => {
    const r = record([consent({ validUntil: '2026-03-31' })]);
    expect(disclosedRule(run([permitAll], r, commune, 'case-transfer', new Date('2026-03-31T23:30:00+02:00')), 'health')).toBe('b-permit');
    expect(withheld(run([permitAll], r, commune, 'case-transfer', new Date('2026-03-31T22:30:00Z')), 'health')).toEqual({ category: 'health', reason: 'consent-expired', consentId: 'k1' });
  });

  it('a record whose identity is withheld is rejected, with every category still listed', () => {
    const d = run([{ id: 'only-journal', recipients: { types: ['commune'] }, purposes: ['case-transfer'], legalBasis: 'LB', permit: ['residence'] }], record());
    expect(d.rejected).toBe(true);
    expect([...d.disclosed.map((x) => x.category), ...d.withheld.map((w) => ('category' in w ? w.category : w.path))].sort()).toEqual(
      ['education-work', 'health', 'identity', 'journal', 'residence', 'responsibility', 'social-assistance'],
    );
  });

  it('lists only the categories the record holds, and withholds unknown fields (fail closed)', () => {
    const r = record() as CaseRecord & { person: Record<string, unknown> };
    (r.person as Record<string, unknown>).nickname = 'x';
    const d = run([permitAll], r);
    const listed = [...d.disclosed.map((x) => x.category), ...d.withheld.flatMap((w) => ('category' in w ? [w.category] : []))];
    expect(listed).not.toContain('documents');
    expect(listed).not.toContain('plan');
    expect(d.withheld).not.toContainEqual({ path: 'person.nickname', reason: 'unknown-field' });
    const unknownMap = new CategoryMap({ envelope: ['contractVersion', 'recordId', 'source'], categories: { identity: ['person.officialName', 'person.firstName', 'person.sex', 'person.dateOfBirth'], residence: ['residence'], responsibility: ['responsibility'] } });
    const d2 = decide({ record: record(), recipient: commune, purpose: 'case-transfer', at: AT, bundle: { disclosure: [permitAll], categoryMap: unknownMap, version: 'v' } });
    expect(d2.withheld).toContainEqual({ path: 'journal[].text', reason: 'unknown-field' });
  });

  it('records the decision object of policy.md', () => {
    const d = run([permitAll], record([consent()]));
    expect(d).toMatchObject({ recipient: 'c-town', purpose: 'case-transfer', evaluatedAt: '2026-03-15T12:00:00+01:00', policyVersion: 'sha256:test', rejected: false, obligations: [] });
  });

  it("a revocation the record's installation reported wins over the record", () => {
    const d = decide({ record: record([consent()]), recipient: commune, purpose: 'case-transfer', at: AT, bundle: { disclosure: [permitAll], categoryMap, version: 'v' }, sourceRevocations: [{ consentId: 'k1', revokedOn: '2026-03-10' }] });
    expect(withheld(d, 'health')).toEqual({ category: 'health', reason: 'consent-revoked', consentId: 'k1' });
  });

  it('a gateway consent reusing a source id neither shadows nor revokes the source consent', () => {
    const shadow = { institutionId: 'other-commune', consent: consent({ revokedOn: '2026-03-10' }) };
    const d = decide({ record: record([consent()]), recipient: commune, purpose: 'case-transfer', at: AT, bundle: { disclosure: [permitAll], categoryMap, version: 'v' }, gatewayConsents: [shadow] });
    expect(withheld(d, 'health')).toBeUndefined();
    const alone = decide({ record: record([]), recipient: commune, purpose: 'case-transfer', at: AT, bundle: { disclosure: [permitAll], categoryMap, version: 'v' }, gatewayConsents: [shadow] });
    expect(withheld(alone, 'health')).toEqual({ category: 'health', reason: 'consent-revoked', consentId: 'other-commune/k1' });
  });
});
