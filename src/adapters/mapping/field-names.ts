import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ConfigError } from '../../errors.js';
import type { FieldNames } from './reading.js';

// An adapter's `fields.yaml`: the FORMAT's names of the contract's fields, as a tree shaped
// like the record (`person.languages.code: code`). Checked at load against the contract's
// schema, so that a misspelt field fails the adapter at start instead of reading nothing.

const SCHEMA = fileURLToPath(new URL('../../../contracts/case-record.schema.json', import.meta.url));
/** Keys of a names object that are no contract fields: where it is, how its list is ordered, its reader. */
const OWN_KEYS = ['native', 'newestFirst', 'read', 'own'];

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
}

let schema: { properties: Record<string, SchemaNode>; $defs: Record<string, SchemaNode> } | undefined;

function definitions(): NonNullable<typeof schema> {
  schema ??= JSON.parse(readFileSync(SCHEMA, 'utf8')) as NonNullable<typeof schema>;
  return schema;
}

/** The object a schema node describes (through `$ref` and `items`), or undefined for a value. */
function objectOf(node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  for (let depth = 0; n && depth < 4; depth += 1) {
    if (n.$ref) n = definitions().$defs[n.$ref.split('/').pop()!];
    else if (n.items) n = n.items;
    else return n.properties ? n : undefined;
  }
  return undefined;
}

export function loadFieldNames(file: URL): FieldNames {
  const path = fileURLToPath(file);
  const name = path.split(/[\\/]/).slice(-2).join('/');
  const fail = (where: string, what: string): never => {
    throw new ConfigError('adapter.field-names-invalid', `${name}, ${where || 'the file'}: ${what}`, { field: where || name });
  };
  const data = parse(readFileSync(path, 'utf8'), { schema: 'failsafe' }) as unknown;
  const check = (value: unknown, node: SchemaNode | undefined, where: string): FieldNames => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(where, 'is not a mapping of contract fields');
    const out: Record<string, string | boolean | FieldNames> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const at = where ? `${where}.${key}` : key;
      if (key === 'newestFirst' || key === 'own') {
        if (v !== 'true' && v !== 'false') fail(at, 'is neither true nor false');
        out[key] = v === 'true';
      } else if (OWN_KEYS.includes(key)) {
        if (typeof v !== 'string' || v === '') fail(at, 'is not a native name');
        out[key] = v as string;
      } else {
        const field = node?.properties?.[key];
        if (!field) fail(at, 'is no field of the contract');
        const inner = objectOf(field);
        if (typeof v === 'string') out[key] = v;
        else out[key] = check(v, inner, at);
      }
    }
    return out;
  };
  return check(data, { properties: definitions().properties }, '');
}
