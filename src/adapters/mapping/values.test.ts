import { describe, expect, it } from 'vitest';
import { ahv13, eventIdFor, sha256Hex, zemis } from './identifiers.js';
import { decimal, integer, integerText, percent } from './numbers.js';
import { Reject } from './reject.js';
import { countryFromAlpha3, countryToAlpha3, languageAs, languageCode } from './standards.js';
import { compact, sortBy, text } from './shape.js';

const where = { field: 'person.vn', nativeField: 'AHVN13' };

describe('identifiers', () => {
  it('normalises AHV and ZEMIS numbers and checks the AHV check digit', () => {
    expect(ahv13('756.1234.5678.97', where)).toBe('7561234567897');
    expect(ahv13(7561234567897, where)).toBe('7561234567897');
    expect(ahv13('', where)).toBeUndefined();
    expect(() => ahv13('756.1234.5678.98', where)).toThrow(Reject);
    expect(zemis('2218.4406', where)).toBe('22184406');
    expect(zemis('2190 5534', where)).toBe('21905534');
    expect(() => zemis('21a', where)).toThrow(Reject);
  });

  it('derives stable event ids', () => {
    expect(eventIdFor('tutoris', 'SH-KSA', 'M1')).toBe(eventIdFor('tutoris', 'SH-KSA', 'M1'));
    expect(eventIdFor('tutoris', 'SH-KSA', 'M1')).not.toBe(eventIdFor('tutoris', 'SH-KSA', 'M2'));
    expect(eventIdFor('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5/);
  });

  it('reads hashes in every form', () => {
    const hex = 'a'.repeat(64);
    expect(sha256Hex('A'.repeat(64), where)).toBe(hex);
    expect(sha256Hex(`sha256:${hex}`, where)).toBe(hex);
    expect(sha256Hex(`sha256-${Buffer.from(hex, 'hex').toString('base64')}`, where)).toBe(hex);
    expect(() => sha256Hex('abc', where)).toThrow(Reject);
  });
});

describe('numbers', () => {
  it('reads Swiss integers, decimals and percentages', () => {
    expect(integer("1'254'880", where)).toBe(1254880);
    expect(() => integer('1.5', where)).toThrow(Reject);
    expect(decimal('1,5', where)).toBe(1.5);
    expect(percent('60%', where)).toBe(60);
    expect(percent(0.8, where, { fraction: true })).toBe(80);
    expect(() => percent(0.575, where, { fraction: true })).toThrow(Reject);
    expect(() => percent('120', where)).toThrow(Reject);
    expect(integerText(105999)).toBe('105999');
    expect(integerText(7561234567897)).toBe('7561234567897');
  });
});

describe('standards', () => {
  it('maps countries and languages', () => {
    expect(countryFromAlpha3('ERI', where)).toBe('ER');
    expect(countryFromAlpha3('XXA', where)).toBe('XX');
    expect(() => countryFromAlpha3('QQQ', where)).toThrow(Reject);
    expect(countryToAlpha3('UA')).toBe('UKR');
    expect(languageCode('ger', where)).toBe('de');
    expect(languageCode('tir', where)).toBe('ti');
    expect(languageCode('per', where)).toBe('fa');
    expect(languageCode('PRS', where)).toBe('prs');
    expect(languageAs('de', 'B')).toBe('ger');
    expect(languageAs('prs', '3')).toBe('prs');
  });
});

describe('shape', () => {
  it('leaves out what is unknown', () => {
    expect(compact({ a: '', b: [], c: {}, d: { e: undefined }, f: 0, g: false, h: ['x', ''] })).toEqual({ f: 0, g: false, h: ['x'] });
  });
  it('sorts stably and trims only the ends of free text', () => {
    expect(sortBy([{ k: 'b' }, { k: 'a' }, { k: 'b', n: 2 }], (x) => x.k)).toEqual([{ k: 'a' }, { k: 'b' }, { k: 'b', n: 2 }]);
    expect(text('\n  line one\r\n  line two  \n')).toBe('line one\n  line two');
  });
});
