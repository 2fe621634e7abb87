import { describe, expect, it } from 'vitest';
import { ContractError } from '../errors.js';
import { sampleEvent, sampleRecord, type Json } from '../../tests/contract/samples.js';
import { checkCaseEvent, checkCaseRecord, getSchemaValidator, validateCaseEvent, validateCaseRecord, validateConsent } from './validate.js';

const rich = (): Json => sampleRecord('nfam/rich.expected.json');
const event = (): Json => sampleEvent('nfam/rich.expected-event.json');

function refusal(check: (v: unknown) => { ok: true } | { ok: false; errors: ContractError[] }, value: unknown): ContractError {
  const result = check(value);
  if (result.ok) throw new Error('expected the value to be refused');
  expect(result.errors).toHaveLength(1);
  return result.errors[0]!;
}

type Case = [what: string, change: (r: Json) => unknown, code: string, field: string | undefined];

describe('validateCaseRecord', () => {
  it('returns a valid record as it is', () => {
    const record = rich();
    expect(validateCaseRecord(record)).toBe(record);
  });

  it('does not check again a record the check of a mapping passed (its last step), and checks any other', () => {
    const record = rich();
    expect(checkCaseRecord(record).ok).toBe(true);
    // Once checked, the record is handed on as is: the engine's check at the edge takes it.
    record.person.vn = '7563817462958';
    expect(validateCaseRecord(record)).toBe(record);
    expect(() => validateCaseRecord(structuredClone(record))).toThrow(expect.objectContaining({ code: 'contract.format', field: 'person.vn' }));
  });

  it('throws a ContractError (422) naming the field', () => {
    const record = rich();
    record.person.vn = '7563817462958';
    expect(() => validateCaseRecord(record)).toThrow(ContractError);
    expect(() => validateCaseRecord(record)).toThrow(expect.objectContaining({ status: 422, code: 'contract.format', field: 'person.vn' }));
  });

  // Each change sets a value; the error names its path and never quotes the value.
  const cases: Case[] = [
    ['a wrong AHV check digit', (r) => (r.person.vn = '7563817462958'), 'contract.format', 'person.vn'],
    ['an AHV number of 12 digits', (r) => (r.person.vn = '756381746295'), 'contract.pattern', 'person.vn'],
    ['an AHV number with dots', (r) => (r.person.vn = '756.3817.4629.57'), 'contract.pattern', 'person.vn'],
    ['an impossible date', (r) => (r.residence.statusHistory[0].from = '2025-02-30'), 'contract.format', 'residence.statusHistory[0].from'],
    ['a date in another form', (r) => (r.person.arrivalDate = '11.10.2022'), 'contract.pattern', 'person.arrivalDate'],
    ['a birth month 13', (r) => (r.person.dateOfBirth = '1995-13'), 'contract.pattern', 'person.dateOfBirth'],
    ['an impossible date of birth', (r) => (r.person.dateOfBirth = '1995-02-30'), 'contract.format', 'person.dateOfBirth'],
    ['a date of birth as a number', (r) => (r.person.dateOfBirth = 1995), 'contract.type', 'person.dateOfBirth'],
    ['a timestamp without offset', (r) => (r.journal[0].at = '2024-10-25T14:30:00'), 'contract.pattern', 'journal[0].at'],
    ['an impossible timestamp', (r) => (r.journal[0].at = '2024-10-25T25:30:00+01:00'), 'contract.format', 'journal[0].at'],
    ['an unknown property', (r) => (r.person.nickname = 'Zaza'), 'contract.unknown-field', 'person'],
    ['an unknown top-level property', (r) => (r.notes = 'free text'), 'contract.unknown-field', undefined],
    ['a missing officialName', (r) => delete r.person.officialName, 'contract.required', 'person.officialName'],
    ['a missing extractedAt', (r) => delete r.source.extractedAt, 'contract.required', 'source.extractedAt'],
    ['a missing residence', (r) => delete r.residence, 'contract.required', 'residence'],
    ['a sex code outside the list', (r) => (r.person.sex = 'diverse'), 'contract.enum', 'person.sex'],
    ['an unknown status', (r) => (r.residence.statusHistory[2].status = 'Ci'), 'contract.enum', 'residence.statusHistory[2].status'],
    ['another contract version', (r) => (r.contractVersion = '1.1'), 'contract.enum', 'contractVersion'],
    ['an unknown system', (r) => (r.source.system = 'excel-zh'), 'contract.enum', 'source.system'],
    ['a canton in lower case', (r) => (r.source.canton = 'be'), 'contract.enum', 'source.canton'],
    ['nativeCode on a journal entry', (r) => (r.journal[0].nativeCode = 'SMS'), 'contract.unknown-field', 'journal[0].nativeCode'],
    ['nativeCode on the person', (r) => (r.person.nativeCode = 'X'), 'contract.unknown-field', 'person.nativeCode'],
    ['nativeCode on a consent', (r) => (r.consents[0].nativeCode = 'X'), 'contract.unknown-field', 'consents[0].nativeCode'],
    ['a record id that is not UUID v5', (r) => (r.recordId = '3d72075d-e567-4aed-845b-79c9eb858417'), 'contract.pattern', 'recordId'],
    ['a record id in upper case', (r) => (r.recordId = r.recordId.toUpperCase()), 'contract.pattern', 'recordId'],
    ['a ZEMIS number with dots', (r) => (r.person.zemisId = '28.491.736'), 'contract.pattern', 'person.zemisId'],
    ['a country in lower case', (r) => (r.person.nationality = 'af'), 'contract.pattern', 'person.nationality'],
    ['a language name', (r) => (r.person.languages[0].code = 'Dari'), 'contract.pattern', 'person.languages[0].code'],
    ['a BFS number of 0', (r) => (r.person.municipality.bfsNumber = 0), 'contract.invalid', 'person.municipality.bfsNumber'],
    ['a BFS number as text', (r) => (r.person.municipality.bfsNumber = '355'), 'contract.type', 'person.municipality.bfsNumber'],
    ['a fractional BFS number', (r) => (r.person.municipality.bfsNumber = 355.5), 'contract.type', 'person.municipality.bfsNumber'],
    ['an empty status history', (r) => (r.residence.statusHistory = []), 'contract.invalid', 'residence.statusHistory'],
    ['an empty first name', (r) => (r.person.firstName = ''), 'contract.invalid', 'person.firstName'],
    ['a workload of 0', (r) => (r.employment.workloadPercent = 0), 'contract.invalid', 'employment.workloadPercent'],
    ['a work capacity over 100', (r) => (r.potentialAssessments[0].health = { workCapacityPercent: 120 }), 'contract.invalid', 'potentialAssessments[0].health.workCapacityPercent'],
    ['a CEFR level in lower case', (r) => (r.potentialAssessments[0].languageSkills[0].level = 'a2'), 'contract.enum', 'potentialAssessments[0].languageSkills[0].level'],
    ['an upper-case sha256', (r) => (r.documents[0].sha256 = r.documents[0].sha256.toUpperCase()), 'contract.pattern', 'documents[0].sha256'],
    ['a plan version 0', (r) => (r.integrationPlan.version = 0), 'contract.invalid', 'integrationPlan.version'],
    ['an unknown purpose in a consent', (r) => (r.consents[0].purposes = ['research']), 'contract.enum', 'consents[0].purposes[0]'],
  ];

  it.each(cases)('refuses %s', (_what, change, code, field) => {
    const record = rich();
    const injected = change(record);
    const error = refusal(checkCaseRecord, record);
    expect({ code: error.code, field: error.details.field }).toEqual({ code, field });
    if (typeof injected === 'string' && injected.length >= 3) expect(error.message).not.toContain(injected);
  });

  it.each([[[]], [null], ['text']])('refuses %j as a record, naming no field', (value) => {
    const error = refusal(checkCaseRecord, value);
    expect(error).toMatchObject({ code: 'contract.type', message: 'record: must be an object' });
    expect(error.details.field).toBeUndefined();
  });

  it('allows nativeCode where the contract names it', () => {
    const record = rich();
    record.residence.statusHistory[0].nativeCode = 'NEE';
    record.integrationPlan.measures[0].nativeCode = 'AKTIV-PLUS';
    record.documents[0].nativeCode = 'SCAN';
    expect(checkCaseRecord(record)).toMatchObject({ ok: true });
  });

  it('accepts a date of birth of YYYY, YYYY-MM or YYYY-MM-DD', () => {
    const record = rich();
    for (const dateOfBirth of ['1995', '1995-11', '1995-11-23', '2000-02-29']) {
      record.person.dateOfBirth = dateOfBirth;
      expect(checkCaseRecord(record)).toMatchObject({ ok: true });
    }
  });

  it('accepts timestamps in UTC and with fractions', () => {
    const record = rich();
    for (const at of ['2024-10-25T13:30:00Z', '2024-10-25T14:30:00.250+01:00']) {
      record.journal[0].at = at;
      expect(checkCaseRecord(record)).toMatchObject({ ok: true });
    }
  });

  it('says what it expected, in words a person can act on', () => {
    const message = (change: (r: Json) => void): string => {
      const record = rich();
      change(record);
      return refusal(checkCaseRecord, record).message;
    };
    expect(message((r) => (r.person.vn = '7563817462958'))).toBe(
      'record: person.vn is not a valid AHV number (wrong EAN-13 check digit) (expected: AHV/AVS number: 13 digits without dots, starts 756, valid EAN-13 check digit)',
    );
    expect(message((r) => (r.residence.statusHistory[0].from = '2025-02-30'))).toBe(
      'record: residence.statusHistory[0].from is not a real calendar date (expected: calendar date YYYY-MM-DD, years 1900-2200)',
    );
    expect(message((r) => (r.person.dateOfBirth = '1995-13'))).toContain('YYYY-MM');
    expect(message((r) => (r.journal[0].at = '2024-10-25T14:30:00'))).toContain('RFC 3339 timestamp with offset');
    expect(message((r) => delete r.person.officialName)).toBe('record: person.officialName is missing; the contract requires it');
    expect(message((r) => (r.person.sex = 'diverse'))).toBe('record: person.sex must be one of male, female, other, unknown');
    expect(message((r) => (r.journal[0].nativeCode = 'SMS'))).toContain('only on residence.statusHistory[], integrationPlan.measures[] and documents[]');
    expect(message((r) => (r.person.zemisId = '28.491.736'))).toContain('digits only');
  });

  it('keeps a long unknown property name short in the error', () => {
    const record = rich();
    record.person['x'.repeat(500)] = 1;
    const error = refusal(checkCaseRecord, record);
    expect(error.details.field!.length).toBeLessThan(100);
  });
});

describe('validateCaseEvent', () => {
  it('accepts the NFAM sample event', () => {
    expect(validateCaseEvent(event()).type).toBe('case.phase-changed');
  });

  it('accepts a consent event without a change, and an update without one', () => {
    const { change: _c, ...rest } = event();
    expect(checkCaseEvent({ ...rest, type: 'consent.granted', consentId: 'c-17' })).toMatchObject({ ok: true });
    expect(checkCaseEvent({ ...rest, type: 'case.updated' })).toMatchObject({ ok: true });
  });

  const cases: Case[] = [
    ['a *-changed event without its change', (e) => delete e.change, 'contract.required', 'change'],
    ['a change without effectiveDate', (e) => delete e.change.effectiveDate, 'contract.required', 'change.effectiveDate'],
    ['an impossible effective date', (e) => (e.change.effectiveDate = '2025-02-30'), 'contract.format', 'change.effectiveDate'],
    ['a consent event without consentId', (e) => (e.type = 'consent.revoked'), 'contract.required', 'consentId'],
    ['an event id that is not a UUID', (e) => (e.eventId = 'evt-1'), 'contract.pattern', 'eventId'],
    ['an event id in upper case', (e) => (e.eventId = e.eventId.toUpperCase()), 'contract.pattern', 'eventId'],
    ['an unknown type', (e) => (e.type = 'case.moved'), 'contract.enum', 'type'],
    ['an unknown system', (e) => (e.source.system = 'nfam2'), 'contract.enum', 'source.system'],
    ['a wrong AHV number', (e) => (e.case.vn = '7563817462958'), 'contract.format', 'case.vn'],
    ['occurredAt without offset', (e) => (e.occurredAt = '2025-03-03T09:15:22'), 'contract.pattern', 'occurredAt'],
    ['an unknown property', (e) => (e.person = { officialName: 'Ahmadi' }), 'contract.unknown-field', undefined],
    ['a missing localPersonId', (e) => delete e.case.localPersonId, 'contract.required', 'case.localPersonId'],
  ];

  it.each(cases)('refuses %s', (_what, change, code, field) => {
    const value = event();
    const replaced = change(value);
    const error = refusal(checkCaseEvent, value);
    expect({ code: error.code, field: error.details.field }).toEqual({ code, field });
    expect(error.message.startsWith('event: ')).toBe(true);
    if (typeof replaced === 'string' && replaced.length >= 3) expect(error.message).not.toContain(replaced);
  });
});

describe('validateConsent', () => {
  const consent = (): Json => structuredClone(rich().consents[0]);

  it('accepts a consent of the contract', () => {
    expect(validateConsent(consent()).kind).toBe('general');
  });

  it('names fields under the consent', () => {
    expect(() => validateConsent({ ...consent(), grantedOn: '2025-02-30' })).toThrow(
      expect.objectContaining({ code: 'contract.format', field: 'consent.grantedOn', message: expect.stringContaining('calendar date') }),
    );
    expect(() => validateConsent({ ...consent(), recipients: [''] })).toThrow(expect.objectContaining({ code: 'contract.invalid', field: 'consent.recipients[0]' }));
    const { kind: _k, ...withoutKind } = consent();
    expect(() => validateConsent(withoutKind, 'body.consent')).toThrow(expect.objectContaining({ code: 'contract.required', field: 'body.consent.kind' }));
  });
});

describe('getSchemaValidator', () => {
  it('gives the compiled validator of a schema in contracts/', () => {
    const validate = getSchemaValidator('case-record.schema.json#/$defs/CantonCode');
    expect([validate('BE'), validate('XX')]).toEqual([true, false]);
  });

  it('refuses a schema that is not there', () => {
    expect(() => getSchemaValidator('nothing.schema.json')).toThrow(/no schema/);
  });
});
