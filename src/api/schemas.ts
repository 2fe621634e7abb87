import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { toContractErrors } from '../contract/ajv-errors.js';
import { ajv, CONTRACTS_BASE } from '../contract/validate.js';
import { InputError } from '../errors.js';

// Request bodies are checked at the edge against the components of contracts/openapi.yaml,
// by the same ajv as the record, so the API says exactly what the document says.
const ID = `${CONTRACTS_BASE}openapi-components.json`;
const openapi = parse(readFileSync(fileURLToPath(new URL('../../contracts/openapi.yaml', import.meta.url)), 'utf8')) as {
  components: { schemas: Record<string, unknown> };
};
ajv.addSchema({ $id: ID, $defs: JSON.parse(JSON.stringify(openapi.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/')) as object });

const compiled = new Map<string, ValidateFunction>();

/** The validator of one schema of contracts/openapi.yaml's components. */
export function componentValidator(component: string): ValidateFunction {
  let validate = compiled.get(component);
  if (!validate) {
    validate = ajv.getSchema(`${ID}#/$defs/${component}`);
    if (!validate) throw new Error(`no component ${component} in contracts/openapi.yaml`);
    compiled.set(component, validate);
  }
  return validate;
}

/** The body as the named component, or a 422 naming the first field at fault (never its value). */
export function checkBody<T>(component: string, value: unknown): T {
  const validate = componentValidator(component);
  if (validate(value)) return value as T;
  const [first] = toContractErrors(validate.errors ?? [], { label: 'body' });
  throw new InputError('request.invalid', first?.message ?? 'the body does not match its schema', { ...(first?.details.field ? { field: first.details.field } : {}) }, 422);
}
