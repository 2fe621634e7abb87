import { describe, expect, it } from 'vitest';
import { countryOf, languageOf } from './native.js';
import { FINANCED_BY, MEASURE_TYPE, STATUS, niveau, niveauCode } from './codes.js';

const where = { field: 'f', nativeField: 'n' };

describe('the code tables of FORMAT.md', () => {
  it('maps the countries of the table, XXA and XXX to XX', () => {
    const table = { ERI: 'ER', ETH: 'ET', AFG: 'AF', SYR: 'SY', IRQ: 'IQ', IRN: 'IR', TUR: 'TR', SOM: 'SO', UKR: 'UA', LKA: 'LK', CHE: 'CH', XXA: 'XX', XXX: 'XX' };
    for (const [native, contract] of Object.entries(table)) expect(countryOf(native, where)).toBe(contract);
  });

  it('maps the languages of the table and keeps other ISO 639-3 codes', () => {
    const table = { tir: 'ti', ara: 'ar', per: 'fa', pus: 'ps', kur: 'ku', tur: 'tr', som: 'so', ukr: 'uk', rus: 'ru', tam: 'ta', amh: 'am', ger: 'de', fre: 'fr', ita: 'it', eng: 'en', prs: 'prs' };
    for (const [native, contract] of Object.entries(table)) expect(languageOf(native, where)).toBe(contract);
    expect(() => languageOf('qqx', where)).toThrow(/language code/);
  });

  it('maps statuses, writing B, C, S and L as they are', () => {
    const table = { AS: 'N', VA: 'F', VAFL: 'F-refugee', FL: 'B-refugee', FLC: 'C', B: 'B', C: 'C', S: 'S', L: 'L' };
    for (const [native, contract] of Object.entries(table)) expect(STATUS.decode(native, where)).toEqual({ value: contract });
    expect(STATUS.decode('NEE', where)).toEqual({ value: 'other', nativeCode: 'NEE' });
    expect(STATUS.encode('other', 'KLIB-X', false)).toBe('UEB');
  });

  it('keeps the own "other" codes without nativeCode and writes foreign ones as them', () => {
    expect(MEASURE_TYPE.decode('ANDERE', where)).toEqual({ value: 'other' });
    expect(MEASURE_TYPE.encode('other', 'NFAM-X', false)).toBe('ANDERE');
    expect(FINANCED_BY.decode('DRITTE', where)).toEqual({ value: 'other', nativeCode: 'DRITTE' });
    expect(FINANCED_BY.encode('other', 'X', false)).toBe('DRITTE');
  });

  it('reads @Niveau A0 as pre-A1 and cuts sub-levels, and writes pre-A1 as A0', () => {
    expect(['A0', 'A1.1', 'a2.2', 'B1', 'C2'].map((n) => niveau(n, where))).toEqual(['pre-A1', 'A1', 'A2', 'B1', 'C2']);
    expect(() => niveau('B3', where)).toThrow();
    expect(niveauCode('pre-A1')).toBe('A0');
  });
});
