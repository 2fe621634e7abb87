import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { parse } from 'yaml';
import { replaceOnce } from './fixtures.js';

// An adapter's "Invalid input" rules (FORMAT.md) as data: each an edit of a fixture's native
// text and what the mapping must then say, one table per key of a YAML file beside the
// tests. The file is read with YAML's failsafe schema: every value is text as written.
//
//   member:
//     - rule: prenom missing
//       edit: { drop: '<prenom>Omar</prenom>' }
//       code: mapping.required
//       field: person.firstName
//       nativeField: prenom
//     - rule: a noAVS of 12 digits
//       edit: { replace: '756.6400.2118.71', by: '756.6400.2118.7' }
//       …
//       bad: 756.6400.2118.7
//
// An edit is `{ replace, by }` (the first occurrence, `by` empty when left out), `{ drop }`
// (the same with nothing), `{ pattern, by }` (the first match of a regular expression, `$1`
// and the like taking its groups), or a list of them, made in order. Each fails loudly when
// the fixture no longer holds what it edits: an edit that changes nothing proves nothing.

export interface InvalidInputRule {
  /** What the rule breaks: the test's name. */
  rule: string;
  code: string;
  /** The contract path the error names. */
  field: string;
  /** The native field the error names. */
  nativeField: string;
  /** The bad value, which the message must not hold. */
  bad?: string;
  /** The fixture's text as the rule changes it. */
  edit(text: string): string;
}

type Edit = (text: string) => string;

const RULE_KEYS = new Set(['rule', 'edit', 'code', 'field', 'nativeField', 'bad']);

function editOf(value: unknown, where: string): Edit {
  if (Array.isArray(value)) {
    const edits = value.map((v, i) => editOf(v, `${where}[${i}]`));
    return (text) => edits.reduce((t, e) => e(t), text);
  }
  if (value === null || typeof value !== 'object') throw new Error(`${where}: an edit is { replace, by }, { drop }, { pattern, by } or a list of them`);
  const e = value as Record<string, unknown>;
  const by = typeof e.by === 'string' ? e.by : '';
  if (typeof e.drop === 'string') return (text) => replaceOnce(text, e.drop as string, '');
  if (typeof e.replace === 'string') return (text) => replaceOnce(text, e.replace as string, by);
  if (typeof e.pattern === 'string') {
    const pattern = new RegExp(e.pattern);
    return (text) => {
      if (!pattern.test(text)) throw new Error(`fixture text not found: ${String(pattern)}`);
      return text.replace(pattern, by);
    };
  }
  throw new Error(`${where}: an edit is { replace, by }, { drop }, { pattern, by } or a list of them`);
}

function ruleOf(value: unknown, where: string): InvalidInputRule {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}: a rule is a mapping`);
  const r = value as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!RULE_KEYS.has(key)) throw new Error(`${where}: ${key} is no key of a rule (${[...RULE_KEYS].join(', ')})`);
  for (const key of ['rule', 'code', 'field', 'nativeField'] as const) if (typeof r[key] !== 'string' || r[key] === '') throw new Error(`${where}: ${key} is missing`);
  if (r.bad !== undefined && typeof r.bad !== 'string') throw new Error(`${where}: bad is not a text`);
  return {
    rule: r.rule as string,
    code: r.code as string,
    field: r.field as string,
    nativeField: r.nativeField as string,
    ...(typeof r.bad === 'string' ? { bad: r.bad } : {}),
    edit: editOf(r.edit, `${where}.edit`),
  };
}

/** The rules of one table (`table`, a top-level key) of an invalid-input file. */
export function invalidInputRules(file: string, table: string): InvalidInputRule[] {
  const data = parse(readFileSync(file, 'utf8'), { schema: 'failsafe' }) as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file}: is not a mapping of rule tables`);
  const rules = (data as Record<string, unknown>)[table];
  if (!Array.isArray(rules) || rules.length === 0) throw new Error(`${file}: ${table} is not a list of rules`);
  return rules.map((r, i) => ruleOf(r, `${file}, ${table}[${i}]`));
}

/** One test per rule, named by `title` (`%s`: the rule), each running `test`. */
export function itEachRule(rules: readonly InvalidInputRule[], test: (rule: InvalidInputRule) => void, title = '%s'): void {
  it.each(rules.map((r) => [r.rule, r] as const))(title, (_name, rule) => test(rule));
}
