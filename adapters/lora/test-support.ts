import path from 'node:path';
import { readJson } from '../../src/adapters/testing.js';

// For the tests: the fixtures, parsed, to edit in memory by path (`setPath`).

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');

export type Body = Record<string, unknown>;

export const fixture = (name: string): Body => readJson(FIXTURES, name);

// Records as a delivery gives them (withheld parts absent): the SDK's test kit.
export { WITHHOLDINGS, AI_BENEFIT_ASSESSMENT, ALL_WITHHELD, withheld, valuesAt, stringsOf, withheldStrings, shownIn, type Withholding } from '../../src/adapters/testing.js';
