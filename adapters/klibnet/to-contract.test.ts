import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLUE, fixtureText, mapText, swap } from './test-kit.js';
import { expectAllRejected, expectRejected, invalidInputRules, itEachRule } from '../../src/adapters/testing.js';

// FORMAT.md, "Invalid input" (the rules in invalid-input.yaml): each rule rejects the person
// (or, for a UE's own fields, every member) naming the native field and the contract path;
// the others go on.

const HAIDARI = '2021.0113/30117';
const flue = (): string => fixtureText(FLUE);

const RULES = path.join(import.meta.dirname, 'invalid-input.yaml');

describe('KLIBnet → contract: a person is rejected, the other members go on', () => {
  // `routed`: a note or document routed to Haidari alone rejects him alone.
  itEachRule([...invalidInputRules(RULES, 'person'), ...invalidInputRules(RULES, 'routed')], ({ edit, code, field, nativeField, bad }) => {
    const result = mapText(edit(flue()));
    expectRejected(result, { nativeId: HAIDARI, code, field, nativeField, hidden: ['Haidari', bad], kept: ['FLUE-30118'], keyOf: (r) => r.source.localPersonId });
  });
});

describe('KLIBnet → contract: a fault of the UE rejects every member', () => {
  // The UE's own fields are copied to every member: a fault there rejects all of them.
  itEachRule(invalidInputRules(RULES, 'ue'), ({ edit, code, field, nativeField }) => {
    const idOf = (id: string): string | undefined => id.split('/')[1];
    expectAllRejected(mapText(edit(flue())), { nativeIds: ['30117', '30118'], idOf, code, field, nativeField, hidden: /Haidari|Rahimi/ });
  });

  it('PersNr missing rejects that person, named by position', () => {
    const result = mapText(swap(flue(), '<PersNr>30118</PersNr>', '<PersNr/>'));
    expect(result.records.map((r) => r.source.localPersonId)).toEqual(['FLUE-30117']);
    expect(result.rejections.map((r) => r.nativeId)).toEqual(['2021.0113/?']);
    expect(result.rejections[0]!.error).toMatchObject({ code: 'mapping.required', details: { field: 'source.localPersonId', nativeField: 'PersNr' } });
  });

  it('a rejected UE does not stop the next UE of the file', () => {
    const xml = flue();
    const ue = /<UE>[\s\S]*<\/UE>/.exec(xml)![0];
    const second = ue.replace('<UENr>2021.0113</UENr>', '<UENr>2021.0999</UENr>').replace('<PhaseCd>30</PhaseCd>', '<PhaseCd>35</PhaseCd>');
    const both = swap(xml, ue, `${ue}\r\n\t${second}`).replace('<AnzahlUE>1</AnzahlUE>', '<AnzahlUE>2</AnzahlUE>');
    const result = mapText(both);
    expect(result.records.map((r) => r.source.localCaseId)).toEqual(['FLUE-2021.0113', 'FLUE-2021.0113']);
    expect(result.rejections.map((r) => r.nativeId)).toEqual(['2021.0999/30117', '2021.0999/30118']);
  });
});
