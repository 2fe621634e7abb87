import { describe, expect, it } from 'vitest';
import { isValidAhv13 } from '../../contract/ahv.js';
import { seededRandom, syntheticAhv } from './random.js';

describe('synthetic data', () => {
  it('draws the same sequence for the same seed, in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const drawn = Array.from({ length: 100 }, () => a());
    expect(drawn).toEqual(Array.from({ length: 100 }, () => b()));
    expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(drawn[0]);
  });

  it('makes AHV numbers with a valid check digit', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 50; i += 1) {
      const vn = syntheticAhv(random);
      expect(vn).toMatch(/^756\d{10}$/);
      expect(isValidAhv13(vn)).toBe(true);
    }
  });
});
