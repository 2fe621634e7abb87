import { describe, expect, it } from 'vitest';
import { dmySortKey, instantKey, ordered, sortKey, SORTING } from './order.js';
import { invalid, Reject, type At } from './reject.js';

const base: At = { field: 'residence.statusHistory', nativeField: 'statuts' };
const entries = [
  { id: 'c', from: '2023-01-01' },
  { id: 'b', from: '2021-06-01' },
  { id: 'a', from: '2021-06-01' },
];

describe('ordered', () => {
  it('keeps the native order without a key, with both indices in the place', () => {
    const placed = ordered(['x', 'y'], base);
    expect(placed.map((p) => [p.value, p.where.field, p.where.nativeField, p.nativeIndex])).toEqual([
      ['x', 'residence.statusHistory[0]', 'statuts[0]', 0],
      ['y', 'residence.statusHistory[1]', 'statuts[1]', 1],
    ]);
  });

  it('sorts by key, stably, keeping native indices', () => {
    const placed = ordered(entries, base, { keyOf: (e) => e.from });
    expect(placed.map((p) => [p.value.id, p.where.field, p.where.nativeField])).toEqual([
      ['b', 'residence.statusHistory[0]', 'statuts[1]'],
      ['a', 'residence.statusHistory[1]', 'statuts[2]'],
      ['c', 'residence.statusHistory[2]', 'statuts[0]'],
    ]);
  });

  it('reads a newest-first list backwards, so entries of one key keep the writer’s order', () => {
    expect(ordered(entries, base, { keyOf: (e) => e.from, newestFirst: true }).map((p) => p.value.id)).toEqual(['a', 'b', 'c']);
  });

  it('leaves out what `keep` refuses, without counting it', () => {
    const placed = ordered(entries, base, { keep: (e) => e.id !== 'b' });
    expect(placed.map((p) => [p.value.id, p.where.field, p.where.nativeField])).toEqual([
      ['c', 'residence.statusHistory[0]', 'statuts[0]'],
      ['a', 'residence.statusHistory[1]', 'statuts[2]'],
    ]);
  });

  it('rejects an unreadable key by default, naming the entry by its native position', () => {
    const keyOf = (e: { id: string }, where: At): string => {
      if (e.id === 'b') throw invalid('mapping.invalid-date', { field: `${where.field}.from`, nativeField: `${where.nativeField}.du` }, 'is not a date');
      return e.id;
    };
    try {
      ordered(entries, base, { keyOf });
      throw new Error('expected a rejection');
    } catch (error) {
      expect(error).toBeInstanceOf(Reject);
      expect((error as Reject).nativeField).toBe('statuts[1].du');
    }
  });

  it('sorts an unreadable key first with `unreadable: first`, for the entry’s mapping to reject', () => {
    const keyOf = (e: { id: string; from: string }): string => {
      if (e.id === 'c') throw invalid('mapping.invalid-date', SORTING, 'is not a date');
      return e.from;
    };
    expect(ordered(entries, base, { keyOf, unreadable: 'first' }).map((p) => p.value.id)).toEqual(['c', 'b', 'a']);
  });

  it('lets anything but a Reject through (a bug)', () => {
    const keyOf = (): string => {
      throw new TypeError('bug');
    };
    expect(() => ordered(entries, base, { keyOf, unreadable: 'first' })).toThrow(TypeError);
  });
});

describe('sort keys', () => {
  it('compares timestamps by instant across the Zurich offsets', () => {
    const winter = '2024-03-31T01:30:00+01:00';
    const summer = '2024-03-31T03:10:00+02:00';
    expect(instantKey(summer)! > instantKey(winter)!).toBe(true);
    expect(instantKey(undefined)).toBeUndefined();
  });

  it('reads a key part leniently: blank for a Reject', () => {
    expect(sortKey(() => '2024')).toBe('2024');
    expect(sortKey(() => undefined)).toBe('');
    expect(
      sortKey(() => {
        throw invalid('mapping.invalid-date', SORTING, 'is not a date');
      }),
    ).toBe('');
  });
});

describe('dmySortKey', () => {
  it('sorts dd.mm.yyyy by date, and leaves anything else as it is', () => {
    expect(dmySortKey('03.11.2022')).toBe('20221103');
    expect(dmySortKey('2022-11-03')).toBe('2022-11-03');
    expect(dmySortKey(undefined)).toBe('');
  });
});
