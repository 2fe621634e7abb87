import { describe, expect, it } from 'vitest';
import type { CaseRecord, ResidenceStatus } from '../../contract/types.js';
import { currentStatus, domainOf, groupHouseholds, routeToMembers, sharedEntries } from './household.js';

// The system-neutral household logic (KLIBnet's UE, KiSS's UA).

const record = (id: string, householdId?: string, statuses: ResidenceStatus[] = ['N']): CaseRecord =>
  ({
    recordId: id,
    person: { householdId },
    residence: { statusHistory: statuses.map((status, i) => ({ status, from: `202${i}-01-01`, ...(i < statuses.length - 1 ? { to: `202${i}-12-31` } : {}) })) },
  }) as unknown as CaseRecord;

describe('routeToMembers', () => {
  const members = [['1', 'ext-a'], ['2'], ['3']];
  const refs = (item: { refs: string[] }) => item.refs;

  it('gives an item naming nobody to every member, one naming members to those, in native order', () => {
    const items = [{ id: 'a', refs: [] }, { id: 'b', refs: ['2'] }, { id: 'c', refs: ['ext-a', '3', '1'] }];
    const routed = routeToMembers(items, members, refs, () => new Error('stranger'));
    expect(routed.map((list) => list.map((i) => i.id))).toEqual([['a', 'c'], ['a', 'b'], ['a', 'c']]);
  });

  it('throws what the caller makes of a name that is no member’s', () => {
    expect(() => routeToMembers([{ refs: [] }, { refs: ['2', '9'] }], members, refs, (i, j) => new Error(`item ${i} ref ${j}`))).toThrow('item 1 ref 1');
  });
});

describe('groupHouseholds', () => {
  it('groups by householdId in the order of first appearance; without one a record is alone', () => {
    const groups = groupHouseholds([record('a', 'H1'), record('b'), record('c', 'H2'), record('d', 'H1'), record('e')]);
    expect(groups.map((g) => g.map((r) => r.recordId))).toEqual([['a', 'd'], ['b'], ['c'], ['e']]);
  });
});

describe('sharedEntries', () => {
  it('merges the members’ lists by value, saying who holds what', () => {
    const note = (id: string, text = 'x') => ({ id, text });
    const shared = sharedEntries([[note('1'), note('2')], [note('1'), note('3')], [note('1'), note('2', 'other text')], undefined]);
    expect(shared.map((s) => [s.entry.id, s.members, s.everyone])).toEqual([
      ['1', [0, 1, 2], false],
      ['2', [0], false],
      ['3', [1], false],
      ['2', [2], false],
    ]);
    expect(sharedEntries([[note('1')], [{ text: 'x', id: '1' }]])[0]!.everyone).toBe(true);
  });
});

describe('domains', () => {
  it('takes the current status: the entry without an end', () => {
    expect(currentStatus(record('a', undefined, ['N', 'F'])).status).toBe('F');
  });

  it.each([
    ['N', 'asylum'], ['F', 'asylum'], ['S', 'asylum'], ['other', 'asylum'],
    ['F-refugee', 'refugee'], ['B-refugee', 'refugee'],
    ['B', 'regular'], ['C', 'regular'], ['L', 'regular'],
  ] as const)('puts a household whose head is %s in the %s domain', (status, domain) => {
    expect(domainOf(record('a', 'H', ['N', status]))).toBe(domain);
  });
});
