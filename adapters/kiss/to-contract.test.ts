import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COUPLE, fixtureText, mapText } from './test-kit.js';
import { expectAllRejected, expectRejected, invalidInputRules, itEachRule, replaceOnce } from '../../src/adapters/testing.js';

// FORMAT.md, "Invalid input" (the rules in invalid-input.yaml): each rule rejects the member
// (or, for the UA's own fields, every member) naming the native field and the contract
// path; the others go on.

const OMAR = '221045/48120';
const couple = (): string => fixtureText(COUPLE);

const RULES = path.join(import.meta.dirname, 'invalid-input.yaml');

describe('KiSS → contract: a member is rejected, the others go on', () => {
  itEachRule(invalidInputRules(RULES, 'member'), ({ edit, code, field, nativeField, bad }) => {
    const result = mapText(edit(couple()));
    expectRejected(result, { nativeId: OMAR, code, field, nativeField, hidden: ['Khalil', bad], kept: ['48121'], keyOf: (r) => r.source.localPersonId });
  });
});

describe('KiSS → contract: a fault of the UA rejects every member', () => {
  // The UA's own fields are copied to every member: a fault there rejects all of them.
  itEachRule(invalidInputRules(RULES, 'ua'), ({ edit, code, field, nativeField }) => {
    expectAllRejected(mapText(edit(couple())), { nativeIds: ['221045/48120', '221045/48121'], code, field, nativeField, hidden: /Khalil|Perrin/ });
  });

  it('names a member without @noPersonne by position, the other goes on', () => {
    const result = mapText(replaceOnce(couple(), 'noPersonne="48121"', 'noPersonne=""'));
    expect(result.records.map((r) => r.source.localPersonId)).toEqual(['48120']);
    expect(result.rejections[0]).toMatchObject({ nativeId: '221045/?', error: { details: { field: 'source.localPersonId', nativeField: '@noPersonne' } } });
  });
});
