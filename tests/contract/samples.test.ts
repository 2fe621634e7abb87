import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordIdFor } from '../../src/contract/ids.js';
import { checkCaseEvent, checkCaseRecord } from '../../src/contract/validate.js';
import { expectedEvents, expectedRecords, SYSTEMS } from './samples.js';

const problems = (result: { ok: true } | { ok: false; errors: { code: string; details: { field?: string } }[] }): string[] =>
  result.ok ? [] : result.errors.map((e) => `${e.code} ${e.details.field ?? ''}`);

describe("the systems' expected records are valid contract records", () => {
  it('covers all fourteen systems when the reference samples are there', () => {
    const systems = new Set(expectedRecords().map(([name]) => name.split('/')[0]));
    expect(systems.size).toBe(existsSync(SYSTEMS) ? 14 : systems.size);
  });

  it.each(expectedRecords())('%s', (_name, record) => {
    expect(problems(checkCaseRecord(record))).toEqual([]);
    expect(record.recordId).toBe(recordIdFor(record.source.system, record.source.localPersonId));
  });
});

describe("the systems' expected events are valid contract events", () => {
  it('include the NFAM rich event', () => {
    expect(expectedEvents().map(([name]) => name)).toContain('nfam/rich.expected-event.json');
  });

  it.each(expectedEvents())('%s', (_name, event) => {
    expect(problems(checkCaseEvent(event))).toEqual([]);
  });
});
