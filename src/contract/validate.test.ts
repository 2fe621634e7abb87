import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidAhv13 } from './ahv.js';
import { recordIdFor } from './ids.js';
import { checkCaseRecord, validateCaseEvent, validateCaseRecord } from './validate.js';
import { ContractError } from '../errors.js';

const SYSTEMS = path.resolve(import.meta.dirname, '../../../shared/systems');
const FIXTURES = path.resolve(import.meta.dirname, '../../adapters/nfam/fixtures');

type Json = Record<string, any>;

function expectedRecords(): [string, Json][] {
  const out: [string, Json][] = [];
  const dirs = existsSync(SYSTEMS)
    ? readdirSync(SYSTEMS).map((s) => path.join(SYSTEMS, s, 'samples')).filter((d) => existsSync(d))
    : [FIXTURES];
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.expected.json'))) {
      for (const [i, record] of (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Json[]).entries()) {
        out.push([`${path.basename(path.dirname(dir))}/${file}#${i}`, { ...record, source: { ...record.source, extractedAt: '2025-03-03T09:15:22+01:00' } }]);
      }
    }
  }
  return out;
}

function richRecord(): Json {
  const [, record] = expectedRecords().find(([name]) => name.includes('nfam/rich'))!;
  return structuredClone(record);
}

function errorOf(value: unknown): ContractError {
  const result = checkCaseRecord(value);
  if (result.ok) throw new Error('expected the record to be refused');
  return result.errors[0]!;
}

describe('the AHV number', () => {
  it.each(['7563817462957', '7566048123772', '7569920314589', '7561184022361'])('accepts %s', (vn) => {
    expect(isValidAhv13(vn)).toBe(true);
  });
  it.each(['7563817462958', '756381746295', '1563817462957', '756381746295x', ''])('refuses %s', (vn) => {
    expect(isValidAhv13(vn)).toBe(false);
  });
});

describe('CaseRecord schema', () => {
  it.each(expectedRecords())('%s is a valid record with the contract record id', (_name, record) => {
    expect(validateCaseRecord(record)).toBe(record);
    expect(recordIdFor(record.source.system, record.source.localPersonId)).toBe(record.recordId);
  });

  it('names the field of a wrong AHV check digit, without its value', () => {
    const record = richRecord();
    record.person.vn = '7563817462958';
    const error = errorOf(record);
    expect(error).toMatchObject({ code: 'contract.format', status: 422 });
    expect(error.details.field).toBe('person.vn');
    expect(error.message).not.toContain('7563817462958');
  });

  it('refuses an impossible date', () => {
    const record = richRecord();
    record.residence.statusHistory[0].from = '2025-02-30';
    expect(errorOf(record)).toMatchObject({ code: 'contract.format', details: { field: 'residence.statusHistory[0].from' } });
  });

  it('refuses a partial date of birth with month 13, accepts YYYY and YYYY-MM', () => {
    const record = richRecord();
    record.person.dateOfBirth = '1995-13';
    expect(errorOf(record).details.field).toBe('person.dateOfBirth');
    for (const ok of ['1995', '1995-11', '1995-11-23']) {
      record.person.dateOfBirth = ok;
      expect(checkCaseRecord(record).ok).toBe(true);
    }
  });

  it('refuses an unknown property, naming it', () => {
    const record = richRecord();
    record.person.nickname = 'x';
    expect(errorOf(record)).toMatchObject({ code: 'contract.unknown-field', details: { field: 'person.nickname' } });
  });

  it('refuses a missing required field', () => {
    const record = richRecord();
    delete record.person.officialName;
    expect(errorOf(record)).toMatchObject({ code: 'contract.required', details: { field: 'person.officialName' } });
  });

  it('refuses a sex code outside its list', () => {
    const record = richRecord();
    record.person.sex = 'diverse';
    expect(errorOf(record)).toMatchObject({ code: 'contract.enum', details: { field: 'person.sex' } });
  });

  it('allows nativeCode only where the contract names it', () => {
    const record = richRecord();
    record.documents[0].nativeCode = 'SCAN';
    expect(checkCaseRecord(record).ok).toBe(true);
    record.journal[0].nativeCode = 'SMS';
    expect(errorOf(record)).toMatchObject({ code: 'contract.unknown-field', details: { field: 'journal[0].nativeCode' } });
  });

  it('requires an offset on timestamps', () => {
    const record = richRecord();
    record.journal[0].at = '2024-10-25T14:30:00';
    expect(errorOf(record).details.field).toBe('journal[0].at');
  });
});

describe('CaseEvent schema', () => {
  const event = (): Json => ({
    eventId: '3d72075d-e567-5aed-845b-79c9eb858417',
    type: 'case.phase-changed',
    occurredAt: '2025-03-03T09:15:22+01:00',
    source: { system: 'nfam', institutionId: 'be-asi' },
    case: { localCaseId: 'NFAM-2022-004127', localPersonId: 'p', vn: '7563817462957' },
    change: { from: 'cantonal', to: 'communal', effectiveDate: '2025-03-01' },
  });

  it('accepts a phase change', () => {
    expect(validateCaseEvent(event()).type).toBe('case.phase-changed');
  });
  it('requires the change of a *-changed event', () => {
    const e = event();
    delete e.change;
    expect(() => validateCaseEvent(e)).toThrow(expect.objectContaining({ code: 'contract.required', details: { field: 'change' } }));
  });
  it('requires the consent id of a consent event', () => {
    const e: Json = { ...event(), type: 'consent.revoked' };
    delete e.change;
    expect(() => validateCaseEvent(e)).toThrow(expect.objectContaining({ details: { field: 'consentId' } }));
  });
  it('refuses an event id that is not a UUID', () => {
    expect(() => validateCaseEvent({ ...event(), eventId: 'x' })).toThrow(expect.objectContaining({ code: 'contract.format', details: { field: 'eventId' } }));
  });
});
