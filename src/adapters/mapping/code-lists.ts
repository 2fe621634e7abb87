import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type * as Contract from '../../contract/types.js';
import { ConfigError } from '../../errors.js';
import { CodeList, type CodeListDefinition } from './codes.js';

// An adapter's code tables are data (`adapters/<id>/codes.yaml`), so that an installation
// adapts them by editing a file, not code. Each top-level key is one list, holding the
// fields of a `CodeListDefinition` (`codes`, `asIs`, `fallback`, `meansOther`,
// `ignoreCase`, `write`). The file is read once, at module load, and checked against the
// contract's own enums (`$defs` of contracts/case-record.schema.json): a table that names
// a value the contract does not know fails the adapter at start, naming file, list and value.
//
// The file is read with YAML's failsafe schema: every scalar is text, so a native code
// `01`, `NO` or `1e3` stays as written (and `fallback: true` is read as a flag here). As in
// a TypeScript literal, codes that are whole numbers (`10`, `100000001`) iterate in numeric
// order: for a value several of them map to, the lowest is written unless `write` says.

/** The contract's enums by their `$defs` name, with their TypeScript types. */
export interface ContractEnums {
  SystemId: Contract.SystemId;
  CantonCode: Contract.CantonCode;
  Phase: Contract.Phase;
  ResidenceStatus: Contract.ResidenceStatus;
  InstitutionType: Contract.InstitutionType;
  Purpose: Contract.Purpose;
  DataCategory: Contract.DataCategory;
  Sex: Contract.Sex;
  CefrLevel: Contract.CefrLevel;
  LanguageSkillKind: Contract.LanguageSkillKind;
  EducationLevel: Contract.EducationLevel;
  Orientation: Contract.Orientation;
  MeasureType: Contract.MeasureType;
  MeasureStatus: Contract.MeasureStatus;
  MeasureOutcome: Contract.MeasureOutcome;
  FinancedBy: Contract.FinancedBy;
  EmploymentSituation: Contract.EmploymentSituation;
  JournalCategory: Contract.JournalCategory;
  DocumentKind: Contract.DocumentKind;
  ConsentKind: Contract.ConsentKind;
}

/**
 * What a list's values are: a contract enum by name, the values of a list of the adapter's
 * own (`['day', 'month', 'year']`), or any text (`'string'`: media types, ISO codes).
 */
export type CodeTarget = keyof ContractEnums | 'string' | readonly string[];

export type TargetValue<T> = T extends keyof ContractEnums ? ContractEnums[T] : T extends readonly (infer E extends string)[] ? E : string;

const SCHEMA = fileURLToPath(new URL('../../../contracts/case-record.schema.json', import.meta.url));
let enums: Readonly<Record<string, readonly string[]>> | undefined;

function enumsOfContract(): Readonly<Record<string, readonly string[]>> {
  if (!enums) {
    const defs = (JSON.parse(readFileSync(SCHEMA, 'utf8')) as { $defs: Record<string, { enum?: string[] }> }).$defs;
    enums = Object.fromEntries(Object.entries(defs).flatMap(([name, def]) => (def.enum ? [[name, def.enum]] : [])));
  }
  return enums;
}

/** The values of a contract enum, in the schema's order (`contractValues('InstitutionType')`). */
export function contractValues<K extends keyof ContractEnums>(name: K): readonly ContractEnums[K][] {
  const values = enumsOfContract()[name];
  if (!values) throw new Error(`contracts/case-record.schema.json has no enum ${name}`);
  return values as readonly ContractEnums[K][];
}

const FIELDS: readonly string[] = ['codes', 'asIs', 'fallback', 'meansOther', 'ignoreCase', 'write'];

/**
 * The lists named after a contract field hold that field's values (`measureType` →
 * `MeasureType`), so an adapter declares only the lists it names otherwise (`gender`,
 * `permit`) or whose values are not a contract enum (`country: 'string'`).
 */
export const CONVENTIONAL_TARGETS = {
  sex: 'Sex',
  status: 'ResidenceStatus',
  phase: 'Phase',
  employment: 'EmploymentSituation',
  orientation: 'Orientation',
  level: 'CefrLevel',
  skill: 'LanguageSkillKind',
  education: 'EducationLevel',
  measureType: 'MeasureType',
  measureStatus: 'MeasureStatus',
  outcome: 'MeasureOutcome',
  financedBy: 'FinancedBy',
  journal: 'JournalCategory',
  documentKind: 'DocumentKind',
  consentKind: 'ConsentKind',
  recipientType: 'InstitutionType',
  purpose: 'Purpose',
  category: 'DataCategory',
  dataCategory: 'DataCategory',
  canton: 'CantonCode',
} as const satisfies Readonly<Record<string, keyof ContractEnums>>;

type Conventional = typeof CONVENTIONAL_TARGETS;

/** `measureType` → `MEASURE_TYPE`: the name of a list's constant in the adapter's codes.ts. */
export type ConstantCase<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? Uppercase<H> : `_${H}`}${ConstantCase<T>}` : '';
const constantCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

export type CodeLists<S> = {
  readonly [K in keyof Conventional | keyof S as ConstantCase<K & string>]: CodeList<TargetValue<K extends keyof S ? S[K] : K extends keyof Conventional ? Conventional[K] : never>>;
};

/**
 * The code lists of a data file, by constant name: `export const { SEX, GENDER } =
 * loadCodeLists(new URL('./codes.yaml', import.meta.url), { gender: 'Sex' })`. Reading a
 * conventional list the file does not hold fails at once (at the module's load), naming it.
 */
export function loadCodeLists<const S extends Readonly<Record<string, CodeTarget>> = Record<never, CodeTarget>>(file: URL, targets?: S): CodeLists<S> {
  const path = fileURLToPath(file);
  const name = path.split(/[\\/]/).slice(-2).join('/');
  const fail = (what: string, list?: string): never => {
    throw new ConfigError('adapter.code-list-invalid', `${name}${list === undefined ? '' : `, list ${list}`}: ${what}`, { field: list ?? name });
  };
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'), { schema: 'failsafe' });
  } catch (error) {
    fail(`is not readable YAML (${error instanceof Error ? error.message.split('\n')[0] : 'unknown error'})`);
  }
  if (!isMapping(data)) return fail('is not a mapping of lists');
  const declared: Readonly<Record<string, CodeTarget>> = { ...CONVENTIONAL_TARGETS, ...targets };
  const out: Record<string, CodeList<string>> = {};
  for (const [list, raw] of Object.entries(data)) {
    const target = declared[list];
    if (target === undefined) return fail('is no list the adapter reads', list);
    out[constantCase(list)] = new CodeList(definitionOf(raw, allowedOf(target), (what) => fail(what, list)));
  }
  for (const list of Object.keys(targets ?? {})) if (!(list in data)) fail('is missing', list);
  for (const list of Object.keys(CONVENTIONAL_TARGETS)) {
    if (list in data) continue;
    Object.defineProperty(out, constantCase(list), { get: () => fail('is missing', list), enumerable: false });
  }
  return out as CodeLists<S>;
}

function allowedOf(target: CodeTarget): ReadonlySet<string> | undefined {
  if (target === 'string') return undefined;
  if (typeof target === 'string') return new Set(contractValues(target));
  return new Set(target);
}

function definitionOf(raw: unknown, allowed: ReadonlySet<string> | undefined, fail: (what: string) => never): CodeListDefinition<string> {
  if (!isMapping(raw)) return fail('is not a mapping of codes, asIs, fallback, meansOther, ignoreCase, write');
  for (const field of Object.keys(raw)) if (!FIELDS.includes(field)) fail(`has an unknown field ${field}`);
  const value = (v: unknown, where: string): string => {
    if (typeof v !== 'string' || v === '') return fail(`${where} is not a value`);
    if (allowed && !allowed.has(v)) fail(`${where} is ${JSON.stringify(v)}, which is not a value of the contract's list`);
    return v;
  };
  const codes = raw.codes === undefined || raw.codes === '' ? {} : raw.codes;
  if (!isMapping(codes)) return fail('codes is not a mapping of native code → value');
  const definition: CodeListDefinition<string> = { codes: Object.fromEntries(Object.entries(codes).map(([native, v]) => [native, value(v, `the code ${JSON.stringify(native)}`)])) };
  if (raw.asIs !== undefined) definition.asIs = texts(raw.asIs, 'asIs', fail).map((v) => value(v, 'asIs'));
  if (raw.meansOther !== undefined) definition.meansOther = texts(raw.meansOther, 'meansOther', fail);
  if (raw.fallback !== undefined) definition.fallback = flag(raw.fallback, 'fallback', fail);
  if (raw.ignoreCase !== undefined) definition.ignoreCase = flag(raw.ignoreCase, 'ignoreCase', fail);
  if (raw.write !== undefined) {
    if (!isMapping(raw.write)) return fail('write is not a mapping of value → native code');
    definition.write = Object.fromEntries(Object.entries(raw.write).map(([v, native]) => [value(v, 'write'), texts([native], 'write', fail)[0]!]));
  }
  // A fallback yields `other`, a meansOther code means it: the target must have it.
  if ((definition.fallback || definition.meansOther?.length) && allowed && !allowed.has('other')) fail("falls back to other, which the contract's list does not have");
  return definition;
}

function texts(raw: unknown, field: string, fail: (what: string) => never): string[] {
  if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string' || v === '')) return fail(`${field} is not a list of codes`);
  return raw as string[];
}

function flag(raw: unknown, field: string, fail: (what: string) => never): boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return fail(`${field} is neither true nor false`);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
