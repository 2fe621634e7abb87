import { describe, expect, it } from 'vitest';
import { Reject } from '../mapping/reject.js';
import { thrown } from '../testing.js';
import { odataBoolean, odataLocalDate, odataNumber, odataText, odataTimestamp, odataWhole } from './odata-values.js';

const here = { field: 'person.arrivalDate', nativeField: 'smig_dateentreesuisse' };
const code = (fn: () => unknown): string => thrown(Reject, fn).code;

describe('OData JSON values', () => {
  it('reads text, a number as its text; blank and other types are absent', () => {
    expect(odataText(' Ünal ')).toBe(' Ünal ');
    expect(odataText(42)).toBe('42');
    expect(odataText('  ')).toBeUndefined();
    expect(odataText(true)).toBeUndefined();
  });

  it('reads instants as Zurich timestamps', () => {
    expect(odataTimestamp('2024-06-30T22:00:00Z', here)).toBe('2024-07-01T00:00:00+02:00');
    expect(odataTimestamp(null, here)).toBeUndefined();
    expect(code(() => odataTimestamp(20240701, here))).toBe('mapping.invalid-date');
  });

  it('reads a date stored as its Zurich midnight, refusing any other instant', () => {
    expect(odataLocalDate('2022-05-29T22:00:00Z', here)).toBe('2022-05-30');
    expect(odataLocalDate('2022-01-23T23:00:00Z', here)).toBe('2022-01-24');
    expect(odataLocalDate('', here)).toBeUndefined();
    expect(code(() => odataLocalDate('2022-01-24T08:00:00Z', here))).toBe('mapping.invalid-date');
    expect(code(() => odataLocalDate(5, here))).toBe('mapping.invalid-date');
  });

  it('reads booleans, whole numbers (Int64 as text too) and decimals by JSON type', () => {
    expect(odataBoolean(false, here)).toBe(false);
    expect(code(() => odataBoolean('true', here))).toBe('mapping.invalid-boolean');
    expect(odataWhole('1048576', here)).toBe(1048576);
    expect(odataWhole(3, here, { min: 0 })).toBe(3);
    expect(code(() => odataWhole({}, here))).toBe('mapping.invalid-number');
    expect(code(() => odataWhole(1.5, here))).toBe('mapping.invalid-number');
    expect(odataNumber(0.6, here)).toBe(0.6);
    expect(code(() => odataNumber([], here))).toBe('mapping.invalid-number');
  });
});
