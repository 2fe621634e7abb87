import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toContract } from './to-contract.js';
import { ctx, edit, HOUSEHOLD, inputs, richTwice, sample } from './test-support.js';
import { expectRejected, invalidInputRules, itEachRule } from '../../src/adapters/testing.js';

// FORMAT.md, "Invalid input": the rules in invalid-input.yaml, each an edit of the first case.
const RULES = path.join(import.meta.dirname, 'invalid-input.yaml');

describe('sedex → contract, invalid input (FORMAT.md)', () => {
  itEachRule(
    invalidInputRules(RULES, 'case'),
    ({ edit: change, code, field, nativeField, bad }) => {
      const m = richTwice();
      const result = toContract(inputs({ ...m, data: change(m.data) }), ctx);
      expectRejected(result, { nativeId: 'CT.LU:88231', code, field, nativeField, hidden: ['Ghebremeskel', bad], kept: ['CT.LU:88232'], keyOf: (r) => r.source.localPersonId });
    },
    '%s rejects that case only, naming both sides',
  );

  it('a case without localPersonId is reported by its position', () => {
    const m = richTwice();
    const data = edit(m.data, /<eCH-0044:localPersonId>[\s\S]*?<\/eCH-0044:localPersonId>/, '');
    const result = toContract(inputs({ ...m, data }), ctx);
    expect(result.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.field, r.error.details.nativeField])).toEqual([
      ['ct:case[0]', 'mapping.required', 'source.localPersonId', 'eCH-0044:localPersonId/eCH-0044:personIdCategory'],
    ]);
    expect(result.records).toHaveLength(1);
  });

  it('one rejected member of a household message does not stop the others', () => {
    const m = sample(HOUSEHOLD);
    const data = edit(m.data, '<eCH-0044:sex>2</eCH-0044:sex>', '<eCH-0044:sex>9</eCH-0044:sex>');
    const result = toContract(inputs({ ...m, data }), ctx);
    expect(result.rejections.map((r) => r.nativeId)).toEqual(['CT.NE:700231']);
    expect(result.records.map((r) => r.source.localPersonId)).toEqual(['CT.NE:700232', 'CT.NE:700233']);
  });

  it('a value the contract schema refuses is named on both sides too', () => {
    const m = richTwice();
    const data = edit(m.data, '<eCH-0044:officialName>Ghebremeskel<', `<eCH-0044:officialName>${'Gh'.repeat(101)}<`);
    const [rejection] = toContract(inputs({ ...m, data }), ctx).rejections;
    expect(rejection!.error.code).toMatch(/^contract\./);
    expect(rejection!.error.details).toMatchObject({ field: 'person.officialName', nativeField: 'eCH-0044:officialName', nativeId: 'CT.LU:88231' });
    expect(rejection!.error.message).not.toContain('GhGh');
  });

  it('a media type that is none is named on both sides', () => {
    const m = richTwice();
    const data = edit(m.data, 'mediaType="application/pdf"', 'mediaType="pdf"');
    const [rejection] = toContract(inputs({ ...m, data }), ctx).rejections;
    expect(rejection!.error.details).toMatchObject({ field: 'documents[0].mediaType', nativeField: 'ct:document[0]/@mediaType' });
  });
});
