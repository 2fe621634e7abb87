import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { booleanAt, codeAt, idAt, listAt, numberAt, objectAt, parseBody, stringAt, textAt } from './json.js';
import { Reject, type At } from './reject.js';
import { thrown } from '../testing.js';

const here: At = { field: 'person.sex', nativeField: 'beneficiaire.sexe' };
const rejects = (fn: () => unknown): Reject => thrown(Reject, fn);
const bytes = (text: string) => ({ name: 'dossier.json', content: new TextEncoder().encode(text) });

describe('JSON bodies', () => {
  it('parses UTF-8 JSON, a BOM tolerated', () => {
    expect(parseBody(bytes('\uFEFF{"a":1}'), 'x.malformed')).toEqual({ a: 1 });
  });

  it('refuses what is not UTF-8 or not JSON with the caller’s code, naming the input', () => {
    for (const input of [{ name: 'dossier.json', content: new Uint8Array([0xff, 0xfe, 0x00]) }, bytes('{')]) {
      try {
        parseBody(input, 'casenet.malformed-body');
        throw new Error('expected a refusal');
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).code).toBe('casenet.malformed-body');
        expect((error as InputError).message).toContain('dossier.json');
      }
    }
  });
});

describe('typed JSON values at their place', () => {
  it('takes null and absent as unknown', () => {
    for (const read of [stringAt, textAt, codeAt, idAt, booleanAt, numberAt, objectAt]) expect(read(null, here)).toBeUndefined();
    expect(listAt(undefined, here)).toEqual([]);
  });

  it('trims strings (blank is absent) but keeps inner line breaks of free text', () => {
    expect(stringAt('  H ', here)).toBe('H');
    expect(stringAt('   ', here)).toBeUndefined();
    expect(textAt(' a\r\nb ', here)).toBe('a\nb');
  });

  it('takes whole numbers as codes and ids, not fractions', () => {
    expect(codeAt(1, here)).toBe('1');
    expect(idAt(4711, here)).toBe('4711');
    expect(rejects(() => codeAt(1.5, here)).code).toBe('mapping.invalid-code');
    expect(rejects(() => idAt(1.5, here)).code).toBe('mapping.invalid-id');
  });

  it('rejects a value of the wrong JSON type naming both sides, never the value', () => {
    const r = rejects(() => stringAt(12345, here));
    expect([r.code, r.field, r.nativeField]).toEqual(['mapping.invalid-type', 'person.sex', 'beneficiaire.sexe']);
    expect(r.why).not.toContain('12345');
    expect(rejects(() => listAt({}, here)).code).toBe('mapping.invalid-type');
    expect(rejects(() => objectAt([], here)).code).toBe('mapping.invalid-type');
    expect(rejects(() => booleanAt('true', here)).code).toBe('mapping.invalid-boolean');
    expect(rejects(() => numberAt('3', here)).code).toBe('mapping.invalid-number');
  });

  it('takes an object of nulls and empty lists as absent', () => {
    expect(objectAt({ a: null, b: [] }, here)).toBeUndefined();
    expect(objectAt({ a: 1 }, here)).toEqual({ a: 1 });
  });

  it('checks numbers against their range', () => {
    expect(numberAt(60, here, { min: 0, max: 100, integer: true })).toBe(60);
    expect(rejects(() => numberAt(101, here, { max: 100 })).code).toBe('mapping.out-of-range');
    expect(rejects(() => numberAt(-1, here, { min: 0 })).code).toBe('mapping.out-of-range');
    expect(rejects(() => numberAt(0.5, here, { integer: true })).code).toBe('mapping.invalid-number');
  });
});
