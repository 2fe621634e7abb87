import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ContractError } from '../errors.js';
import { isValidAhv13 } from './ahv.js';
import { toContractErrors, type ErrorContext } from './ajv-errors.js';
import { schemaHints } from './hints.js';
import type { CaseEvent, CaseRecord, Consent } from './types.js';

export const CONTRACTS_BASE = 'https://passerelle.example/contracts/';
const RECORD_FILE = 'case-record.schema.json';
const EVENT_FILE = 'case-event.schema.json';
export const RECORD_SCHEMA_ID = CONTRACTS_BASE + RECORD_FILE;
export const EVENT_SCHEMA_ID = CONTRACTS_BASE + EVENT_FILE;

const CONTRACTS = fileURLToPath(new URL('../../contracts/', import.meta.url));
const documents = new Map<string, unknown>(
  [RECORD_FILE, EVENT_FILE].map((file) => [file, JSON.parse(readFileSync(CONTRACTS + file, 'utf8')) as unknown]),
);

// ajv-formats is CommonJS; under NodeNext its default export arrives one level down.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;

/**
 * The one ajv instance: strict, formats in full mode (2025-02-30 is no date), plus `ahv13`.
 * It stops at the first error: its input is untrusted, and allErrors costs time on big bodies.
 */
export const ajv = new Ajv2020({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
ajv.addFormat('ahv13', { type: 'string', validate: isValidAhv13 });
for (const schema of documents.values()) ajv.addSchema(schema as object);

/**
 * The compiled validator of a schema in contracts/: an absolute id, or one relative to
 * contracts/ (`case-record.schema.json#/$defs/Consent`). Compiled once, then cached by ajv.
 */
export function getSchemaValidator<T = unknown>(ref: string): ValidateFunction<T> {
  const validate = ajv.getSchema<T>(new URL(ref, CONTRACTS_BASE).href);
  if (!validate) throw new Error(`no schema ${ref} in contracts/`);
  return validate;
}

type Checked<T> = { ok: true; value: T } | { ok: false; errors: ContractError[] };

function checker<T>(file: string, pointer: string, context: Omit<ErrorContext, 'hint'>): (value: unknown) => Checked<T> {
  const validate = getSchemaValidator<T>(`${file}${pointer ? `#${pointer}` : ''}`);
  const full: ErrorContext = { ...context, hint: schemaHints(documents, file, pointer) };
  return (value) => (validate(value) ? { ok: true, value } : { ok: false, errors: toContractErrors(validate.errors ?? [], full) });
}

const checkRecord = checker<CaseRecord>(RECORD_FILE, '', { label: 'record' });
const checkEvent = checker<CaseEvent>(EVENT_FILE, '', { label: 'event' });
const consentCheckers = new Map<string, (value: unknown) => Checked<Consent>>();

function orThrow<T>(result: Checked<T>): T {
  if (!result.ok) throw result.errors[0] ?? new ContractError('contract.invalid', 'the value breaks the contract');
  return result.value;
}

// Records this validator passed, so the engine's check at the edge does not run it twice
// on what a mapper just checked (`mapRecords` checks as its last step, and hands on as is).
const checked = new WeakSet<object>();

/** Every fault found (ajv stops at the first, so in practice one), each naming its contract path. */
export function checkCaseRecord(value: unknown): { ok: true; record: CaseRecord } | { ok: false; errors: ContractError[] } {
  const result = checkRecord(value);
  if (!result.ok) return result;
  checked.add(result.value);
  return { ok: true, record: result.value };
}

export function checkCaseEvent(value: unknown): { ok: true; event: CaseEvent } | { ok: false; errors: ContractError[] } {
  const result = checkEvent(value);
  return result.ok ? { ok: true, event: result.value } : result;
}

/** The value as a CaseRecord, or a ContractError (`contract.*`, status 422) naming the field. */
export function validateCaseRecord(value: unknown): CaseRecord {
  if (typeof value === 'object' && value !== null && checked.has(value)) return value as CaseRecord;
  return orThrow(checkRecord(value));
}

export function validateCaseEvent(value: unknown): CaseEvent {
  return orThrow(checkEvent(value));
}

/** A consent as the contract defines it; fields are named under `base` (`consent.kind`). */
export function validateConsent(value: unknown, base = 'consent'): Consent {
  let check = consentCheckers.get(base);
  if (!check) {
    check = checker<Consent>(RECORD_FILE, '/$defs/Consent', { base });
    consentCheckers.set(base, check);
  }
  return orThrow(check(value));
}
