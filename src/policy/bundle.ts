import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { ajv } from '../contract/validate.js';
import { ConfigError } from '../errors.js';
import { CategoryMap } from './categories.js';
import { isPermit, type CategoryMapFile, type DisclosureRule, type Institution, type RouteRule } from './types.js';

const CONTRACTS = fileURLToPath(new URL('../../contracts/policy/', import.meta.url));
const SHIPPED_CATEGORIES = fileURLToPath(new URL('../../policies/categories.yaml', import.meta.url));

export interface PolicyBundle {
  dir: string;
  /** `sha256:` over institutions.yaml, routes.yaml and disclosure.yaml, in that order. */
  version: string;
  institutions: Institution[];
  routes: RouteRule[];
  disclosure: DisclosureRule[];
  categoryMap: CategoryMap;
  institution(id: string): Institution | undefined;
}

const validators = new Map<string, ValidateFunction>();
function validator(name: string): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    v = ajv.compile(JSON.parse(readFileSync(path.join(CONTRACTS, `${name}.schema.json`), 'utf8')) as object);
    validators.set(name, v);
  }
  return v;
}

interface Parsed<T> {
  file: string;
  bytes: Buffer;
  value: T;
  /** Line of the node at a path, and the id of the rule that holds it. */
  where(pathParts: readonly (string | number)[]): { line: number; rule?: string };
}

function parseFile<T>(file: string, schemaName: string, display: string): Parsed<T> {
  if (!existsSync(file)) {
    throw new ConfigError('policy.not-found', `${display}: missing; a policy bundle has institutions.yaml, routes.yaml and disclosure.yaml`, {
      file: display,
    });
  }
  const bytes = readFileSync(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(bytes.toString('utf8'), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = lineCounter.linePos(firstError.pos[0]).line;
    throw new ConfigError('policy.invalid', `${display}:${line}: not valid YAML (${firstError.code})`, { file: display, line });
  }
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const where = (parts: readonly (string | number)[]): { line: number; rule?: string } => locate(doc, lineCounter, parts);
  const validate = validator(schemaName);
  if (!validate(value)) {
    const error = pickError(validate.errors ?? []);
    const parts = pointerParts(error.instancePath);
    const at = where(parts);
    const field = parts.slice(1).join('.') || '(top level)';
    throw new ConfigError(
      'policy.invalid',
      `${display}:${at.line}:${at.rule ? ` rule "${at.rule}":` : ''} ${field} ${describe(error)}`,
      { file: display, line: at.line, ...(at.rule ? { rule: at.rule } : {}), field },
    );
  }
  return { file: display, bytes, value: value as T, where };
}

function locate(doc: Document, lineCounter: LineCounter, parts: readonly (string | number)[]): { line: number; rule?: string } {
  let node: unknown = doc.contents;
  let offset = 0;
  let rule: string | undefined;
  for (const [i, part] of parts.entries()) {
    if (isSeq(node) || isMap(node)) {
      const next: unknown = node.get(part, true);
      if (next === undefined) break;
      node = next;
      const range = (node as { range?: [number, number, number] }).range;
      if (range) offset = range[0];
      if (i === 0 && isMap(node)) {
        const id = node.get('id');
        if (typeof id === 'string') rule = id;
      }
    } else {
      break;
    }
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (range) offset = range[0];
  return { line: lineCounter.linePos(offset).line, ...(rule ? { rule } : {}) };
}

function pointerParts(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/** The most telling of ajv's errors: one about a field beats one about a whole branch. */
function pickError(errors: readonly ErrorObject[]): ErrorObject {
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length || rank(a) - rank(b))[0]!;
}
function rank(e: ErrorObject): number {
  return e.keyword === 'oneOf' || e.keyword === 'not' || e.keyword === 'anyOf' ? 1 : 0;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `needs "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `has an unknown field "${String(params.additionalProperty)}"`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'oneOf':
    case 'not':
      return 'must be either a permit rule (permit, purposes, legalBasis) or a deny rule (deny), and target one of institution, byMunicipalityOf, fromEvent';
    default:
      return error.message ?? 'is invalid';
  }
}

function fail(parsed: Parsed<unknown>, parts: (string | number)[], message: string): never {
  const at = parsed.where(parts);
  throw new ConfigError('policy.invalid', `${parsed.file}:${at.line}:${at.rule ? ` rule "${at.rule}":` : ''} ${message}`, {
    file: parsed.file,
    line: at.line,
    ...(at.rule ? { rule: at.rule } : {}),
  });
}

function uniqueIds(parsed: Parsed<{ id: string }[]>, what: string): void {
  const seen = new Set<string>();
  for (const [i, item] of parsed.value.entries()) {
    if (seen.has(item.id)) fail(parsed, [i, 'id'], `${what} id "${item.id}" appears twice`);
    seen.add(item.id);
  }
}

/**
 * Loads and checks a policy bundle. Anything wrong stops the start with a message that
 * names the file, the line and the rule.
 */
export async function loadPolicyBundle(dir: string): Promise<PolicyBundle> {
  const show = (name: string): string => path.join(path.relative(process.cwd(), dir) || '.', name);
  const institutions = parseFile<Institution[]>(path.join(dir, 'institutions.yaml'), 'institutions', show('institutions.yaml'));
  const routes = parseFile<RouteRule[]>(path.join(dir, 'routes.yaml'), 'routes', show('routes.yaml'));
  const disclosure = parseFile<DisclosureRule[]>(path.join(dir, 'disclosure.yaml'), 'disclosure', show('disclosure.yaml'));
  const ownCategories = path.join(dir, 'categories.yaml');
  const categoriesFile = existsSync(ownCategories) ? ownCategories : SHIPPED_CATEGORIES;
  const categories = parseFile<CategoryMapFile>(categoriesFile, 'categories', existsSync(ownCategories) ? show('categories.yaml') : 'policies/categories.yaml');

  for (const inst of institutions.value) inst.installation ??= inst.id;
  uniqueIds(institutions, 'institution');
  uniqueIds(routes, 'route');
  uniqueIds(disclosure, 'rule');
  const byId = new Map(institutions.value.map((i) => [i.id, i]));
  const communeOf = new Map<number, string>();
  for (const [i, inst] of institutions.value.entries()) {
    if (inst.type !== 'commune') continue;
    for (const bfs of inst.municipalities) {
      const other = communeOf.get(bfs);
      if (other) fail(institutions, [i, 'municipalities'], `municipality ${bfs} is claimed by the communes "${other}" and "${inst.id}"`);
      communeOf.set(bfs, inst.id);
    }
  }
  for (const [i, route] of routes.value.entries()) {
    if ('institution' in route.target && !byId.has(route.target.institution)) {
      fail(routes, [i, 'target', 'institution'], `target.institution "${route.target.institution}" is not in institutions.yaml`);
    }
  }
  for (const [i, rule] of disclosure.value.entries()) {
    for (const [j, id] of (rule.recipients.institutions ?? []).entries()) {
      if (!byId.has(id)) fail(disclosure, [i, 'recipients', 'institutions', j], `recipient "${id}" is not in institutions.yaml`);
    }
    if (isPermit(rule)) {
      for (const [j, c] of (rule.consentRequiredFor ?? []).entries()) {
        if (!rule.permit.includes(c)) fail(disclosure, [i, 'consentRequiredFor', j], `consentRequiredFor names "${c}", which the rule does not permit`);
      }
    }
  }

  const version =
    'sha256:' + createHash('sha256').update(institutions.bytes).update(routes.bytes).update(disclosure.bytes).digest('hex');
  return {
    dir,
    version,
    institutions: institutions.value,
    routes: routes.value,
    disclosure: disclosure.value,
    categoryMap: new CategoryMap(categories.value),
    institution: (id) => byId.get(id),
  };
}
