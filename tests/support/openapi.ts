import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { ajv } from '../../src/contract/validate.js';
import { REPO } from './paths.js';

const ID = 'https://passerelle.example/contracts/openapi-components.json';

/** Rewrites OpenAPI's `#/components/schemas/X` to the `$defs` of one JSON Schema document. */
function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/') ? v.replace('#/components/schemas/', '#/$defs/') : rewrite(v),
    ]),
  );
}

let registered = false;

/** A validator for one schema of contracts/openapi.yaml, so tests hold responses to the contract. */
export function openApiSchema(name: string): ValidateFunction {
  if (!registered) {
    const doc = parse(readFileSync(path.join(REPO, 'contracts/openapi.yaml'), 'utf8')) as { components: { schemas: Record<string, unknown> } };
    ajv.addSchema({ $id: ID, $defs: rewrite(doc.components.schemas) as Record<string, unknown> });
    registered = true;
  }
  const validate = ajv.getSchema(`${ID}#/$defs/${name}`);
  if (!validate) throw new Error(`no schema ${name} in contracts/openapi.yaml`);
  return validate;
}

export function schemaErrors(name: string, value: unknown): string[] {
  const validate = openApiSchema(name);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
