import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './paths.js';

type Json = Record<string, any>;

/**
 * The personal values of the fixture persons: names, AHV and ZEMIS numbers, and the free
 * text of their files (journal, assessment notes, measure notes, goals, document titles).
 * None of them may ever appear in a log line, in Redis or in the audit log.
 */
export function fixturePersonalValues(adapters: readonly string[] = ['nfam'], only?: (file: string) => boolean): string[] {
  const values = new Set<string>();
  const add = (value: unknown, min: number): void => {
    if (typeof value === 'string' && value.length >= min) values.add(value);
  };
  for (const adapter of adapters) {
    const dir = path.join(REPO, 'adapters', adapter, 'fixtures');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.expected.json') && (only?.(f) ?? true))) {
      for (const record of JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Json[]) {
        for (const key of ['officialName', 'firstName', 'vn', 'zemisId']) add(record.person[key], 4);
        // Free text: long enough that a match is the text itself, not a common word.
        for (const j of record.journal ?? []) add(j.text, 16);
        for (const a of record.potentialAssessments ?? []) for (const v of [a.resources, a.obstacles, a.goals, a.health?.restrictions]) add(v, 16);
        for (const m of record.integrationPlan?.measures ?? []) add(m.note, 16);
        for (const g of record.integrationPlan?.goals ?? []) add(g.text, 16);
        for (const d of record.documents ?? []) add(d.title, 16);
      }
    }
  }
  return [...values];
}

/** Every adapter that has fixture persons (a `fixtures/*.expected.json`). */
export function adaptersWithFixtures(): string[] {
  return readdirSync(path.join(REPO, 'adapters')).filter((a) => {
    try {
      return readdirSync(path.join(REPO, 'adapters', a, 'fixtures')).some((f) => f.endsWith('.expected.json'));
    } catch {
      return false;
    }
  });
}

/**
 * The values that appear in `text`. A number (an AHV or ZEMIS number) counts only as a
 * number of its own, not as digits inside a longer one: 28491736 is in no timestamp.
 */
export function findPersonalValues(text: string, values: readonly string[]): string[] {
  return values.filter((v) => (/^\d+$/.test(v) ? new RegExp(`(?<!\\d)${v}(?!\\d)`).test(text) : text.includes(v)));
}
