import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isValidAhv13 } from '../contract/ahv.js';
import { toContractErrors } from '../contract/ajv-errors.js';
import { schemaHints } from '../contract/hints.js';
import { RECORD_SCHEMA_ID } from '../contract/validate.js';
import { InputError } from '../errors.js';
import { shown, type RunContext } from './framework.js';

const FILES = ['case-record.schema.json', 'case-event.schema.json'];
const CONTRACTS = fileURLToPath(new URL('../../contracts/', import.meta.url));
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

let cached: { validate: ValidateFunction; documents: Map<string, unknown> } | undefined;

/**
 * The contract with every fault reported: the gateway's own validator stops at the first
 * (its input is untrusted and big); a person checking a file wants them all at once.
 */
function validator(): { validate: ValidateFunction; documents: Map<string, unknown> } {
  if (cached) return cached;
  const documents = new Map<string, unknown>(FILES.map((f) => [f, JSON.parse(readFileSync(CONTRACTS + f, 'utf8')) as unknown]));
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addFormat('ahv13', { type: 'string', validate: isValidAhv13 });
  for (const schema of documents.values()) ajv.addSchema(schema as object);
  cached = { validate: ajv.getSchema(RECORD_SCHEMA_ID)!, documents };
  return cached;
}

/** The records of a file: NDJSON, a JSON array, or one record; each with where it stands. */
function recordsOf(text: string): { at: string; value: unknown }[] {
  const trimmed = text.trim();
  try {
    const whole = JSON.parse(trimmed) as unknown;
    return Array.isArray(whole) ? whole.map((value, i) => ({ at: `item ${i + 1}`, value })) : [{ at: 'record', value: whole }];
  } catch {
    return text.split('\n').flatMap((line, i) => {
      if (!line.trim()) return [];
      try {
        return [{ at: `line ${i + 1}`, value: JSON.parse(line) as unknown }];
      } catch {
        return [{ at: `line ${i + 1}`, value: Symbol.for('not-json') }];
      }
    });
  }
}

/** Every fault of every record: stdout a line per valid record, stderr a line per fault; exit 1 when there is one. */
export async function validate(ctx: RunContext): Promise<number> {
  const { io } = ctx;
  const { validate: check, documents } = validator();
  const hint = schemaHints(documents, FILES[0]!, '');
  let faults = 0;
  let records = 0;
  let invalid = 0;
  for (const file of ctx.positionals) {
    const text = await readFile(file, 'utf8').catch(() => {
      throw new InputError('cli.file-not-found', `cannot read ${shown(file) ?? 'a file given'}`, { field: 'files' });
    });
    for (const { at, value } of recordsOf(text)) {
      records += 1;
      const recordId = value && typeof value === 'object' && typeof (value as { recordId?: unknown }).recordId === 'string' ? shown((value as { recordId: string }).recordId) ?? null : null;
      const where = { file: shown(file) ?? null, at, recordId };
      if (value === Symbol.for('not-json')) {
        invalid += 1;
        faults += 1;
        io.err(JSON.stringify({ ...where, valid: false, code: 'contract.not-json', field: null, message: 'this line is not JSON' }));
        continue;
      }
      if (check(value)) {
        io.out(JSON.stringify({ recordId, valid: true }));
        continue;
      }
      invalid += 1;
      const errors = toContractErrors(check.errors ?? [], { label: 'record', hint });
      for (const error of errors) {
        faults += 1;
        io.err(JSON.stringify({ ...where, valid: false, code: error.code, field: error.details.field ?? null, message: error.message }));
      }
    }
  }
  if (io.tty) io.err((faults ? io.style.red : io.style.green)(`${records} record(s): ${records - invalid} valid, ${invalid} with ${faults} fault(s)`));
  return faults > 0 ? 1 : 0;
}
