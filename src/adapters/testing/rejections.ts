import { expect } from 'vitest';
import type { CaseRecord } from '../../contract/types.js';
import type { MapResult } from '../port.js';

// What every adapter asserts of an "Invalid input" rule of its FORMAT: that record alone is
// rejected, naming the native record, the contract path and the native field; the message
// holds no personal value and not the bad value; the other records of the input still map.

export interface ExpectedRejection {
  nativeId: string;
  code: string;
  field: string;
  nativeField: string;
  /** Values the message must not hold (names, the bad value); empty entries are skipped. */
  hidden?: readonly (string | false | null | undefined)[];
  /** The records of the same input that still map, by `keyOf` (their `localCaseId` unless said). */
  kept?: readonly string[];
  keyOf?: (record: CaseRecord) => string;
}

export function expectRejected(result: MapResult, expected: ExpectedRejection): void {
  expect(result.rejections.map((r) => r.nativeId)).toEqual([expected.nativeId]);
  const { error } = result.rejections[0]!;
  expect(error).toMatchObject({ code: expected.code, details: { field: expected.field, nativeField: expected.nativeField, nativeId: expected.nativeId } });
  for (const value of expected.hidden ?? []) if (value) expect(error.message).not.toContain(value);
  if (expected.kept) expect(result.records.map(expected.keyOf ?? ((r) => r.source.localCaseId))).toEqual(expected.kept);
}

/** Every record rejected (a fault of what they share, a household's), each naming the same fields. */
export interface ExpectedRejections {
  /** The records' native ids, as `idOf` gives them (the whole id unless said). */
  nativeIds: readonly string[];
  idOf?: (nativeId: string) => string | undefined;
  code: string;
  field: string;
  nativeField: string;
  /** What no message may hold (the members' names). */
  hidden?: RegExp;
}

export function expectAllRejected(result: MapResult, expected: ExpectedRejections): void {
  expect(result.records).toEqual([]);
  expect(result.rejections.map((r) => (expected.idOf ? expected.idOf(r.nativeId) : r.nativeId))).toEqual(expected.nativeIds);
  for (const { error } of result.rejections) {
    expect(error).toMatchObject({ code: expected.code, details: { field: expected.field, nativeField: expected.nativeField } });
    if (expected.hidden) expect(error.message).not.toMatch(expected.hidden);
  }
}

/** The records of a read that must reject nothing. */
export function recordsOf(result: MapResult): CaseRecord[] {
  expect(result.rejections).toEqual([]);
  return result.records;
}
