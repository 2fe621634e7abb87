import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toContract } from './to-contract.js';
import { ctx, edit, input, richAndPlain } from './test-support.js';
import { expectRejected, invalidInputRules, itEachRule } from '../../src/adapters/testing.js';

// FORMAT.md, "Invalid input": the rules in invalid-input.yaml, each an edit of Klient 104233.
const RULES = path.join(import.meta.dirname, 'invalid-input.yaml');

describe('Tutoris → contract, invalid input (FORMAT.md): the Klient is rejected, the others go on', () => {
  itEachRule(invalidInputRules(RULES, 'klient'), ({ edit: change, code, field, nativeField, bad }) => {
    const result = toContract([input(change(richAndPlain()))], ctx);
    expectRejected(result, { nativeId: '104233', code, field, nativeField, hidden: ['Tesfamariam', 'Selam', bad], kept: ['104512'], keyOf: (r) => r.source.localPersonId });
  });

  it('a Klient without @PersonNr is rejected by its position in the file', () => {
    const result = toContract([input(edit(richAndPlain(), '<Klient PersonNr="104233">', '<Klient>'))], ctx);
    expect(result.records.map((r) => r.source.localPersonId)).toEqual(['104512']);
    expect(result.rejections.map((r) => [r.nativeId, r.error.code, r.error.details.field, r.error.details.nativeField])).toEqual([
      ['Klient[0]', 'mapping.required', 'source.localPersonId', '@PersonNr'],
    ]);
  });

  it('a rejected Klient of one file does not stop the Klienten of the next', () => {
    const bad = input(edit(richAndPlain(), '<Geschlecht>W</Geschlecht>', '<Geschlecht>Q</Geschlecht>'), 'TUT_AIS_SH-KSA_20260401_061500.xml');
    const good = input(richAndPlain(), 'TUT_AIS_SH-KSA_20260401_063000.xml');
    const result = toContract([bad, good], ctx);
    expect(result.records.map((r) => r.source.localPersonId)).toEqual(['104512', '104233', '104512']);
    expect(result.rejections.map((r) => r.nativeId)).toEqual(['104233']);
  });
});
