import { expect } from 'vitest';
import type { ReceiptReader } from '../port.js';

/** A receipt reader takes its system's answer files (wherever they lie) and nothing else of the folder. */
export function expectMatchesOnly(reader: Pick<ReceiptReader, 'matches'>, answers: readonly string[], others: readonly string[]): void {
  expect(answers.filter((name) => !reader.matches(name))).toEqual([]);
  expect(others.filter((name) => reader.matches(name))).toEqual([]);
}
