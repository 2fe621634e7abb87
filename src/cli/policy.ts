import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checkSettings } from '../adapters/settings/check.js';
import { defaultRegistry } from '../composition.js';
import { loadConfig } from '../config.js';
import { checkCaseRecord } from '../contract/validate.js';
import { InputError } from '../errors.js';
import { loadPolicyBundle, type PolicyBundle } from '../policy/bundle.js';
import { decide } from '../policy/engine.js';
import { explainDecision } from '../policy/explain.js';
import { startOfZurichDay } from '../time.js';
import { nearest, shown, type RunContext } from './framework.js';

/** The purposes of the contract (`case-record.schema.json#/$defs/Purpose`). */
export const PURPOSES: readonly string[] = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../contracts/case-record.schema.json', import.meta.url)), 'utf8')) as { $defs: { Purpose: { enum: string[] } } }
).$defs.Purpose.enum;

const listed = (items: readonly string[], max = 40): string => (items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more (passerelle institutions list)`);

/** An id the bundle does not know, refused with the ones it does, the nearest first. */
export function unknownChoice(code: string, field: string, what: string, given: string, valid: readonly string[]): InputError {
  const name = shown(given);
  const guess = name ? nearest(name, valid) : undefined;
  return new InputError(code, `${name ? `"${name}" is not ${what}` : `that is not ${what}`}${guess ? `; did you mean ${guess}?` : ''} (valid: ${listed(valid)})`, { field });
}

export async function explain(ctx: RunContext): Promise<number> {
  const { values, io } = ctx;
  const purpose = String(values.purpose);
  if (!PURPOSES.includes(purpose)) throw unknownChoice('policy.unknown-purpose', 'purpose', 'a purpose of the contract', purpose, PURPOSES);
  const at = parseAt(values.at as string | undefined);
  const bundle = await loadPolicyBundle(loadConfig().policiesDir);
  const to = String(values.to);
  const recipient = bundle.institution(to);
  if (!recipient) throw unknownChoice('institution.unknown', 'to', 'an institution of the registry', to, bundle.institutions.map((i) => i.id));
  const file = String(values.record);
  const text = await readFile(file, 'utf8').catch(() => {
    throw new InputError('cli.file-not-found', `cannot read ${shown(file) ?? 'the record file'}`, { field: 'record' });
  });
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new InputError('cli.invalid-file', 'the record file is not JSON (one contract record)', { field: 'record' });
  }
  const parsed = checkCaseRecord(json);
  if (!parsed.ok) throw parsed.errors[0]!;
  const decision = decide({ record: parsed.record, recipient, purpose, at, bundle });
  io.out(JSON.stringify(decision, null, 2));
  if (values.text) for (const line of explainDecision(decision)) io.err(line);
  return 0;
}

/** `--at` is an RFC 3339 timestamp, or a date meaning the start of that day in Zurich. */
export function parseAt(value: string | undefined): Date {
  if (value === undefined) return new Date();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return startOfZurichDay(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value);
  throw new InputError('cli.invalid-option', '--at takes an RFC 3339 timestamp or a date YYYY-MM-DD', { field: 'at' });
}

/** Checks a bundle as the start would (schemas, references, each institution's adapter settings) without starting. */
export async function check(ctx: RunContext): Promise<number> {
  const dir = ctx.positionals[0] ?? loadConfig().policiesDir;
  const bundle: PolicyBundle = await loadPolicyBundle(dir);
  const registry = defaultRegistry();
  for (const institution of bundle.institutions) checkSettings(registry.get(institution.system), institution);
  const summary = { ok: true, version: bundle.version, institutions: bundle.institutions.length, routes: bundle.routes.length, rules: bundle.disclosure.length };
  ctx.io.out(JSON.stringify(summary));
  if (ctx.io.tty) ctx.io.err(ctx.io.style.green(`the bundle is valid: ${summary.institutions} institutions, ${summary.routes} routes, ${summary.rules} disclosure rules`));
  return 0;
}
