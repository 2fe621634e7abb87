import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2025-03-03T08:15:23Z') };
type Json = Record<string, any>;

function minimal(): Json {
  return JSON.parse(readFileSync(path.join(FIXTURES, 'minimal.case.json'), 'utf8')) as Json;
}
function map(...cases: Json[]) {
  return toContract([{ name: 'page.json', content: new TextEncoder().encode(JSON.stringify({ data: cases, page: { limit: 50, nextCursor: null } })) }], ctx);
}

describe('NFAM → contract, invalid input (FORMAT.md)', () => {
  const cases: [string, (c: Json) => void, string, string, string][] = [
    ['familyName null', (c) => (c.person.familyName = null), 'mapping.required', 'person.officialName', 'person.familyName'],
    ['givenNames null', (c) => (c.person.givenNames = null), 'mapping.required', 'person.firstName', 'person.givenNames'],
    ['sex null', (c) => (c.person.sex = null), 'mapping.required', 'person.sex', 'person.sex'],
    ['an unknown sex code', (c) => (c.person.sex = 'NONBINARY'), 'mapping.unknown-code', 'person.sex', 'person.sex'],
    ['birthDate.year null', (c) => (c.person.birthDate.year = null), 'mapping.required', 'person.dateOfBirth', 'person.birthDate.year'],
    ['month 13', (c) => (c.person.birthDate.month = 13), 'mapping.invalid-date', 'person.dateOfBirth', 'person.birthDate'],
    ['a day without a month', (c) => Object.assign(c.person.birthDate, { month: null, day: 4 }), 'mapping.invalid-date', 'person.dateOfBirth', 'person.birthDate'],
    ['30 February', (c) => Object.assign(c.person.birthDate, { month: 2, day: 30 }), 'mapping.invalid-date', 'person.dateOfBirth', 'person.birthDate'],
    ['no permits', (c) => (c.permits = []), 'mapping.required', 'residence.statusHistory', 'permits'],
    ['a permit date of 2025-02-30', (c) => (c.permits[0].validFrom = '2025-02-30'), 'contract.format', 'residence.statusHistory[0].from', 'permits[0].validFrom'],
    ['stage null', (c) => (c.assignment.stage = null), 'mapping.required', 'responsibility.phase', 'assignment.stage'],
    ['an unknown stage', (c) => (c.assignment.stage = 'ORBIT'), 'mapping.unknown-code', 'responsibility.phase', 'assignment.stage'],
    ['since null', (c) => (c.assignment.since = null), 'mapping.required', 'responsibility.since', 'assignment.since'],
    ['a wrong AHV check digit', (c) => (c.person.ahvn13 = '7563817462958'), 'mapping.invalid-ahv', 'person.vn', 'person.ahvn13'],
    ['an AHV number not starting 756', (c) => (c.person.ahvn13 = '1234567890123'), 'mapping.invalid-ahv', 'person.vn', 'person.ahvn13'],
    ['a malformed language tag', (c) => (c.person.languages = [{ tag: 'de_CH!', firstLanguage: true }]), 'mapping.invalid-language', 'person.languages[0].code', 'person.languages[0].tag'],
    ['an organisation not in the map', (c) => (c.assignment.organisationId = 'ORG-9999'), 'mapping.unknown-organisation', 'responsibility.institutionId', 'assignment.organisationId'],
  ];

  it.each(cases)('%s rejects the record, naming the native field and the contract path', (_name, edit, code, field, nativeField) => {
    const bad = minimal();
    edit(bad);
    const result = map(bad);
    expect(result.records).toEqual([]);
    expect(result.rejections).toHaveLength(1);
    expect(result.rejections[0]!.nativeId).toBe('NFAM-2023-001842');
    expect(result.rejections[0]!.error).toMatchObject({ code, details: { field, nativeField, nativeId: 'NFAM-2023-001842' } });
    expect(result.rejections[0]!.error.message).not.toContain('Ghebremedhin');
  });

  it('one rejected case in a page does not stop the others', () => {
    const bad = minimal();
    bad.caseNumber = 'NFAM-BAD';
    bad.person.sex = null;
    const result = map(bad, minimal());
    expect(result.records.map((r) => r.source.localCaseId)).toEqual(['NFAM-2023-001842']);
    expect(result.rejections.map((r) => r.nativeId)).toEqual(['NFAM-BAD']);
  });

  it('maps DIVERSE to other and an unknown document category to other with its nativeCode', () => {
    const c = minimal();
    c.person.sex = 'DIVERSE';
    c.documents = [{ id: 'd', title: 't', category: 'SCAN', mediaType: 'application/pdf', sha256: 'AB'.repeat(32), sizeBytes: 1, documentDate: '2025-01-01', fileName: null }];
    const [record] = map(c).records;
    expect(record!.person.sex).toBe('other');
    expect(record!.documents).toEqual([{ id: 'd', title: 't', kind: 'other', nativeCode: 'SCAN', mediaType: 'application/pdf', sha256: 'ab'.repeat(32), size: 1, date: '2025-01-01' }]);
  });
});
