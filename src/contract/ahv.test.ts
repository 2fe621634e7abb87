import { describe, expect, it } from 'vitest';
import { isValidAhv13 } from './ahv.js';

describe('isValidAhv13', () => {
  // From the systems' expected records.
  it.each(['7563817462957', '7562145688305', '7561180065522', '7561184022361', '7562401977389'])('accepts %s', (vn) => {
    expect(isValidAhv13(vn)).toBe(true);
  });

  it('refuses every other check digit of a valid number', () => {
    const body = '756381746295';
    const wrong = [...'0123456789'].filter((d) => d !== '7').map((d) => body + d);
    expect(wrong.filter(isValidAhv13)).toEqual([]);
  });

  it.each([
    ['12 digits', '756381746295'],
    ['14 digits', '75638174629570'],
    ['a prefix other than 756', '1563817462957'],
    ['dots', '756.3817.4629.57'],
    ['a letter', '756381746295x'],
    ['spaces around', ' 7563817462957 '],
    ['nothing', ''],
  ])('refuses %s', (_what, vn) => {
    expect(isValidAhv13(vn)).toBe(false);
  });
});
