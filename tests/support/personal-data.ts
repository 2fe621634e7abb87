import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './paths.js';

/**
 * The personal values of the fixture persons: names, AHV and ZEMIS numbers. None of them
 * may ever appear in a log line or in Redis.
 */
export function fixturePersonalValues(): string[] {
  const dir = path.join(REPO, 'adapters/nfam/fixtures');
  const values = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.expected.json'))) {
    const records = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { person: Record<string, unknown> }[];
    for (const { person } of records) {
      for (const key of ['officialName', 'firstName', 'vn', 'zemisId']) {
        const value = person[key];
        if (typeof value === 'string' && value.length >= 4) values.add(value);
      }
    }
  }
  return [...values];
}

export function findPersonalValues(text: string, values: readonly string[]): string[] {
  return values.filter((v) => text.includes(v));
}
