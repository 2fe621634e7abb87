import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ContractError } from '../errors.js';
import { isValidAhv13 } from './ahv.js';
import type { CaseEvent, CaseRecord, Consent } from './types.js';

const CONTRACTS = fileURLToPath(new URL('../../contracts/', import.meta.url));
const load = (name: string): object => JSON.parse(readFileSync(CONTRACTS + name, 'utf8')) as object;

// ajv-formats is CommonJS; its default export arrives one level down under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;

export const ajv = new Ajv2020({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
ajv.addFormat('ahv13', { type: 'string', validate: isValidAhv13 });
ajv.addSchema(load('case-record.schema.json'));
ajv.addSchema(load('case-event.schema.json'));

const recordValidator = ajv.getSchema('https://passerelle.example/contracts/case-record.schema.json') as ValidateFunction<CaseRecord>;
const eventValidator = ajv.getSchema('https://passerelle.example/contracts/case-event.schema.json') as ValidateFunction<CaseEvent>;

/** `/person/vn` → `person.vn`; `/residence/statusHistory/0/from` → `residence.statusHistory[0].from`. */
function dotted(pointer: string, extra?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

/** One ajv error → a ContractError naming the field, never quoting the value. */
export function toContractError(error: ErrorObject, what: string): ContractError {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const field = dotted(error.instancePath, String(params.missingProperty));
      return new ContractError('contract.required', `${what}: ${field} is required`, { field });
    }
    case 'additionalProperties': {
      const field = dotted(error.instancePath, String(params.additionalProperty));
      return new ContractError('contract.unknown-field', `${what}: ${field} is not a field of the contract`, { field });
    }
    case 'enum':
    case 'const': {
      const field = dotted(error.instancePath);
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
      return new ContractError('contract.enum', `${what}: ${field} must be one of ${allowed.join(', ')}`, { field });
    }
    case 'format': {
      const field = dotted(error.instancePath);
      const hint = params.format === 'ahv13' ? 'a 13-digit AHV number starting 756 with a valid check digit' : `a valid ${String(params.format)}`;
      return new ContractError('contract.format', `${what}: ${field} must be ${hint}`, { field });
    }
    case 'pattern':
    case 'anyOf': {
      const field = dotted(error.instancePath);
      return new ContractError('contract.pattern', `${what}: ${field} does not have the form the contract requires`, { field });
    }
    case 'type': {
      const field = dotted(error.instancePath);
      return new ContractError('contract.type', `${what}: ${field} must be of type ${String(params.type)}`, { field });
    }
    default: {
      const field = dotted(error.instancePath);
      return new ContractError('contract.invalid', `${what}: ${field || 'the document'} ${error.message ?? 'is invalid'}`, { field });
    }
  }
}

function check<T>(validator: ValidateFunction<T>, value: unknown, what: string): { ok: true; value: T } | { ok: false; errors: ContractError[] } {
  if (validator(value)) return { ok: true, value };
  // `if/then` failures repeat the inner error; keep the inner one.
  const errors = (validator.errors ?? []).filter((e) => e.keyword !== 'if');
  return { ok: false, errors: errors.map((e) => toContractError(e, what)) };
}

export function checkCaseRecord(value: unknown): { ok: true; record: CaseRecord } | { ok: false; errors: ContractError[] } {
  const result = check(recordValidator, value, 'record');
  return result.ok ? { ok: true, record: result.value } : result;
}

export function validateCaseRecord(value: unknown): CaseRecord {
  const result = check(recordValidator, value, 'record');
  if (!result.ok) throw result.errors[0]!;
  return result.value;
}

const consentValidator = ajv.getSchema('https://passerelle.example/contracts/case-record.schema.json#/$defs/Consent') as ValidateFunction<Consent>;

/** A consent as the contract defines it; errors name the field under `prefix`. */
export function validateConsent(value: unknown, prefix = 'consent'): Consent {
  const result = check(consentValidator, value, prefix);
  if (!result.ok) {
    const first = result.errors[0]!;
    const field = first.details.field ? `${prefix}.${first.details.field}` : prefix;
    throw new ContractError(first.code, first.message.replace(`${prefix}: `, `${field}: `), { field });
  }
  return result.value;
}

export function validateCaseEvent(value: unknown): CaseEvent {
  const result = check(eventValidator, value, 'event');
  if (!result.ok) throw result.errors[0]!;
  return result.value;
}
