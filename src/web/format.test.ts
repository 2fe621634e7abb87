import { describe, expect, it } from 'vitest';
import { ahvDigits, countryName, formatAhv, languageName, swissDate, swissDateTime } from './format.js';

describe('Swiss formats', () => {
  it('writes dates and Zurich times the Swiss way', () => {
    expect(swissDate('2026-12-02')).toBe('02.12.2026');
    expect(swissDate('1995-11')).toBe('11.1995');
    expect(swissDate('1995')).toBe('1995');
    expect(swissDateTime('2026-12-02T16:13:25.978Z')).toBe('02.12.2026 17:13');
    expect(swissDateTime('2026-07-01T10:00:00Z')).toBe('01.07.2026 12:00');
  });

  it('reads AHV numbers with or without dots and spaces, and writes them with dots', () => {
    expect(ahvDigits('756.3817.4629.57')).toBe('7563817462957');
    expect(ahvDigits('756 3817 4629 57')).toBe('7563817462957');
    expect(ahvDigits('nfam:7563817462957')).toBeUndefined();
    expect(formatAhv('7563817462957')).toBe('756.3817.4629.57');
  });

  it('names countries and languages in the page’s language', () => {
    expect(countryName('de', 'CH')).toBe('Schweiz');
    expect(countryName('it', 'CH')).toBe('Svizzera');
    expect(languageName('fr', 'de')).toBe('allemand');
    expect(countryName('fr', 'XX')).toBe('XX');
  });
});
