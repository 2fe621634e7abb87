import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// contracts/openapi.yaml with the record and event schemas folded into its components:
// one document whose every reference resolves inside it. It is what /openapi.json serves
// (no network needed to read it) and what the TypeScript types are generated from, so
// each `$defs` entry becomes one named type.

const CONTRACTS = new URL('../../contracts/', import.meta.url);
const SCHEMA_FILES: Readonly<Record<string, string>> = { 'case-record.schema.json': 'CaseRecord', 'case-event.schema.json': 'CaseEvent' };

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);
const fileOf = (doc: string): string => doc.replace(/^\.\//, '').split('/').pop() ?? '';

function componentRef(ref: string): string {
  const [doc = '', pointer = ''] = ref.split('#');
  if (pointer.startsWith('/$defs/')) return `#/components/schemas/${pointer.slice('/$defs/'.length)}`;
  const whole = SCHEMA_FILES[fileOf(doc)];
  if (whole && pointer === '') return `#/components/schemas/${whole}`;
  return ref;
}

/** Points every $ref into the components of the one folded document. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === '$id') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = componentRef(value);
    else if (key === 'allOf' && Array.isArray(value)) {
      // if/then has no TypeScript shape; left in, it only adds `& unknown`.
      const shaped = value.filter((s) => !(isNode(s) && 'if' in s && Object.keys(s).every((k) => ['if', 'then', 'else'].includes(k))));
      if (shaped.length > 0) out.allOf = rewriteRefs(shaped);
    } else out[key] = rewriteRefs(value);
  }
  return out;
}

function readContract(name: string): Node {
  return JSON.parse(readFileSync(new URL(name, CONTRACTS), 'utf8')) as Node;
}

/** The folded document; a clash of names is an error, never a silent overwrite. */
export function bundledOpenApi(options: { keepConditionals?: boolean } = {}): Node {
  const openapi = parse(readFileSync(new URL('openapi.yaml', CONTRACTS), 'utf8')) as Node & { components?: { schemas?: Node } };
  const declared = openapi.components?.schemas ?? {};
  const rewrite = options.keepConditionals ? rewriteKeeping : rewriteRefs;
  const schemas = rewrite(declared) as Node;
  const folded = new Set<string>();
  const put = (name: string, schema: unknown, origin: string): void => {
    const existing = declared[name];
    const aliasOfSame = isNode(existing) && typeof existing.$ref === 'string' && componentRef(existing.$ref) === `#/components/schemas/${name}`;
    if ((existing && !aliasOfSame) || folded.has(name)) throw new Error(`schema name "${name}" of ${origin} is already taken in contracts/`);
    folded.add(name);
    schemas[name] = schema;
  };
  for (const [file, name] of Object.entries(SCHEMA_FILES)) {
    const { $defs = {}, ...schema } = readContract(file) as Node & { $defs?: Node };
    for (const [defName, def] of Object.entries($defs)) put(defName, rewrite(def), file);
    put(name, rewrite(schema), file);
  }
  for (const [name, schema] of Object.entries(schemas)) {
    if (isNode(schema) && schema.$ref === `#/components/schemas/${name}`) throw new Error(`components.schemas.${name} points at a $defs entry that does not exist`);
  }
  const rest = rewrite(openapi) as Node & { components?: Node };
  return { ...rest, components: { ...(rest.components ?? {}), schemas } };
}

/** As rewriteRefs, but keeps `if`/`then` (the served document keeps every rule). */
function rewriteKeeping(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteKeeping);
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === '$id') continue;
    out[key] = key === '$ref' && typeof value === 'string' ? componentRef(value) : rewriteKeeping(value);
  }
  return out;
}

export const CONTRACTS_DIR = fileURLToPath(CONTRACTS);
