import type { ErrorObject } from 'ajv/dist/2020.js';
import { ContractError } from '../errors.js';
import type { Hint } from './hints.js';

export interface ErrorContext {
  /** Names what was checked at the start of each message (`record`, `event`); none for a nested value. */
  label?: string;
  /** Contract path the value sits at, prefixed to every field (`consent` for a request's consent). */
  base?: string;
  hint?: Hint;
}

const FORMAT_PHRASES: Record<string, string> = {
  date: 'is not a real calendar date',
  'date-time': 'is not a valid timestamp',
  ahv13: 'is not a valid AHV number (wrong EAN-13 check digit)',
  uuid: 'is not a UUID',
};

const ARTICLE: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  integer: 'an integer',
};

/** `/residence/statusHistory/0/from` → `residence.statusHistory[0].from`. */
export function contractPath(pointer: string, extra?: string): string {
  const parts = pointer === '' ? [] : pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}


const withHint = (phrase: string, hint: string | undefined): string => (hint ? `${phrase} (expected: ${hint})` : phrase);

function typePhrase(type: unknown): string {
  const first = String(type).split(',')[0] ?? 'value';
  return `must be ${ARTICLE[first] ?? `a ${first}`}`;
}

/** One fault, never quoting the value (it may be personal data). */
function describe(error: ErrorObject, branches: readonly ErrorObject[], hintAt: Hint = () => undefined): { code: string; phrase: string; extra?: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { code: 'contract.required', phrase: 'is missing; the contract requires it', extra: String(params.missingProperty) };
    case 'additionalProperties': {
      // The name of an unknown field is the caller's text: it is never repeated.
      if (String(params.additionalProperty) === 'nativeCode') {
        return {
          code: 'contract.unknown-field',
          phrase: 'is not allowed here: nativeCode belongs only on residence.statusHistory[], integrationPlan.measures[] and documents[]',
          extra: 'nativeCode',
        };
      }
      return { code: 'contract.unknown-field', phrase: 'holds a field the contract does not know; remove it' };
    }
    case 'enum':
      return { code: 'contract.enum', phrase: `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'const':
      return { code: 'contract.enum', phrase: `must be ${String(params.allowedValue)}` };
    case 'format': {
      const format = String(params.format);
      return { code: 'contract.format', phrase: withHint(FORMAT_PHRASES[format] ?? `is not a valid ${format}`, hintAt(error.instancePath, error.keyword)) };
    }
    case 'pattern':
      return { code: 'contract.pattern', phrase: withHint('does not have the required form', hintAt(error.instancePath, error.keyword) ?? `a match of ${String(params.pattern)}`) };
    case 'type':
      return { code: 'contract.type', phrase: typePhrase(params.type) };
    case 'anyOf':
    case 'oneOf': {
      const hint = hintAt(error.instancePath, error.keyword);
      const firstType = branches.find((b) => b.keyword === 'type');
      if (branches.length > 0 && branches.every((b) => b.keyword === 'type')) return { code: 'contract.type', phrase: typePhrase(firstType?.params.type) };
      const format = branches.find((b) => b.keyword === 'format');
      if (format) return { code: 'contract.format', phrase: withHint(FORMAT_PHRASES[String(format.params.format)] ?? 'is not valid', hint) };
      if (branches.some((b) => b.keyword === 'pattern')) return { code: 'contract.pattern', phrase: withHint('does not have the required form', hint) };
      return { code: 'contract.invalid', phrase: withHint('matches none of the forms the contract allows', hint) };
    }
    case 'minLength':
      return { code: 'contract.invalid', phrase: 'must not be empty' };
    case 'minItems':
      return { code: 'contract.invalid', phrase: `must hold at least ${String(params.limit)} ${params.limit === 1 ? 'entry' : 'entries'}` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { code: 'contract.invalid', phrase: `must be ${error.keyword === 'minimum' ? 'at least' : 'more than'} ${String(params.limit)}` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { code: 'contract.invalid', phrase: `must be ${error.keyword === 'maximum' ? 'at most' : 'less than'} ${String(params.limit)}` };
    default:
      // ajv's own messages name the rule, never the value.
      return { code: 'contract.invalid', phrase: error.message ?? 'breaks the contract' };
  }
}

const isCompound = (e: ErrorObject): boolean => e.keyword === 'anyOf' || e.keyword === 'oneOf';

/**
 * ajv's errors for one value → one ContractError per field, in ajv's order. The branch
 * errors of an `anyOf` fold into one; `if` only repeats its `then` and is dropped.
 */
export function toContractErrors(errors: readonly ErrorObject[], context: ErrorContext): ContractError[] {
  const compounds = errors.filter(isCompound);
  const branchesOf = new Map<ErrorObject, ErrorObject[]>(compounds.map((c) => [c, []]));
  const kept: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    const parent = compounds.find(
      (c) => c !== error && error.schemaPath.startsWith(`${c.schemaPath}/`) && error.instancePath.startsWith(c.instancePath),
    );
    if (parent) branchesOf.get(parent)?.push(error);
    else kept.push(error);
  }
  const seen = new Set<string>();
  const out: ContractError[] = [];
  for (const error of kept) {
    const { code, phrase, extra } = describe(error, branchesOf.get(error) ?? [], context.hint);
    const field = contractPath(error.instancePath, extra);
    const full = [context.base, field].filter(Boolean).join(field.startsWith('[') ? '' : '.');
    if (seen.has(full)) continue;
    seen.add(full);
    const subject = full ? (context.label ? `${context.label}: ${full}` : full) : context.label ? `${context.label}:` : 'the value';
    out.push(new ContractError(code, `${subject} ${phrase}`, full ? { field: full } : {}));
  }
  return out;
}
