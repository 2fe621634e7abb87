import path from 'node:path';
import { answeredBodies, asJson } from '../../src/adapters/testing.js';
import { SAMPLE_CONTEXT } from './testing.js';

// Test support: a sample's answers as JSON bodies to edit in memory, then as inputs again.

export type Json = Record<string, unknown>;
export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2026-01-15T10:00:00Z') };

/** The bodies of a sample, by file name, in the order of its `requests.md`. */
export const bodies = (sample: string): Map<string, Json> => answeredBodies<Json>(FIXTURES, sample);

/** Row `i` of a table answer (`value[i]`), or the entity itself. */
export function row(set: Map<string, Json>, file: string, i = 0): Json {
  const body = set.get(file);
  if (!body) throw new Error(`no ${file}`);
  return Array.isArray(body.value) ? asJson(body.value[i]) : body;
}
