import type { ValidateFunction } from 'ajv/dist/2020.js';
import { componentValidator } from '../../src/api/schemas.js';

/** A validator for one schema of contracts/openapi.yaml, so tests hold responses to the contract. */
export function openApiSchema(name: string): ValidateFunction {
  return componentValidator(name);
}

export function schemaErrors(name: string, value: unknown): string[] {
  const validate = openApiSchema(name);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
