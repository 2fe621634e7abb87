import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { MapContext, NativeInput } from '../adapters/port.js';
import type { AdapterRegistry } from '../adapters/registry.js';
import { listSamples, readSampleInputs } from '../adapters/samples.js';
import type { CaseRecord } from '../contract/types.js';
import { InputError } from '../errors.js';
import type { PolicyBundle } from '../policy/bundle.js';

export interface ConvertOptions {
  adapter: string;
  institution?: string;
  canton?: string;
  files: string[];
  now: () => Date;
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Native files → contract records as NDJSON on stdout; one JSON line per rejected record
 * on stderr. Returns the number of rejections (the CLI exits 1 when there are any).
 */
export async function convertToContract(
  registry: AdapterRegistry,
  bundle: PolicyBundle | undefined,
  options: ConvertOptions,
  io: Output,
): Promise<number> {
  const adapter = registry.get(options.adapter);
  if (!options.institution) throw new InputError('cli.missing-option', '--institution is required', { field: 'institution' });
  const ctx = mapContext(bundle, adapter.id, options.institution, options.canton, options.now);
  let rejected = 0;
  for (const inputs of await inputGroups(options.files)) {
    const result = adapter.mapper.toContract(inputs, ctx);
    for (const record of result.records) io.out(JSON.stringify(record));
    for (const rejection of result.rejections) {
      rejected += 1;
      io.err(
        JSON.stringify({
          nativeId: rejection.nativeId,
          code: rejection.error.code,
          field: rejection.error.details.field ?? null,
          nativeField: rejection.error.details.nativeField ?? null,
          message: rejection.error.message,
        }),
      );
    }
  }
  return rejected;
}

/** Contract NDJSON → native files of the adapter's system. */
export async function convertToNative(
  registry: AdapterRegistry,
  bundle: PolicyBundle | undefined,
  options: ConvertOptions & { outDir?: string },
  io: Output & { raw(bytes: Uint8Array): void },
): Promise<void> {
  const adapter = registry.get(options.adapter);
  const ctx = mapContext(bundle, adapter.id, options.institution ?? 'unknown', options.canton, options.now);
  const records: CaseRecord[] = [];
  for (const file of options.files) {
    const parsed = registry.get('inbox').mapper.toContract([await readInput(file)], ctx);
    const first = parsed.rejections[0];
    if (first) throw first.error;
    records.push(...parsed.records);
  }
  const outputs = adapter.mapper.fromContract(records, ctx);
  if (options.outDir) {
    await mkdir(options.outDir, { recursive: true });
    for (const output of outputs) await writeFile(path.join(options.outDir, path.basename(output.name)), output.content);
    for (const output of outputs) io.err(`wrote ${path.join(options.outDir, path.basename(output.name))}`);
    return;
  }
  if (outputs.length > 1) {
    throw new InputError('cli.needs-out-dir', `this gives ${outputs.length} native files; name a folder with --out`, { field: 'out' });
  }
  if (outputs[0]) io.raw(outputs[0].content);
}

function mapContext(bundle: PolicyBundle | undefined, system: string, institutionId: string, canton: string | undefined, now: () => Date): MapContext {
  const registered = bundle?.institution(institutionId);
  const institution = registered?.system === system ? registered : sampleInstitution(system, institutionId);
  const resolvedCanton = canton ?? institution?.canton;
  if (!resolvedCanton) {
    throw new InputError('cli.missing-option', `--canton is required: "${institutionId}" is not in the policy bundle`, { field: 'canton' });
  }
  if (!/^[A-Z]{2}$/.test(resolvedCanton)) throw new InputError('cli.invalid-option', '--canton is a two-letter canton code such as BE', { field: 'canton' });
  return { institutionId, canton: resolvedCanton, settings: institution?.settings ?? {}, now };
}

const ADAPTERS_DIR = fileURLToPath(new URL('../../adapters/', import.meta.url));

/**
 * An institution of the adapter's sample configuration (`adapters/<id>/sample-institutions.yaml`),
 * for trying the adapter on its samples with an institution the bundle does not hold (one id
 * can be the source of several systems' samples, and a bundle entry has one system).
 */
function sampleInstitution(system: string, institutionId: string): { canton?: string; settings?: Readonly<Record<string, unknown>> } | undefined {
  const file = path.join(ADAPTERS_DIR, system, 'sample-institutions.yaml');
  if (!/^[a-z0-9-]+$/.test(system) || !existsSync(file)) return undefined;
  const entries = parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(entries)) return undefined;
  const entry = entries.find((e: unknown) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === institutionId && (e as { system?: unknown }).system === system) as
    | { canton?: unknown; settings?: unknown }
    | undefined;
  if (!entry) return undefined;
  return {
    ...(typeof entry.canton === 'string' ? { canton: entry.canton } : {}),
    ...(entry.settings && typeof entry.settings === 'object' ? { settings: entry.settings as Record<string, unknown> } : {}),
  };
}

/**
 * A folder is a sample folder: each sample in it is one read. Files given one by one are
 * the response bodies (or export files) of one read, in the order given.
 */
async function inputGroups(files: readonly string[]): Promise<NativeInput[][]> {
  if (files.length === 0) throw new InputError('cli.missing-files', 'name at least one file or folder', { field: 'files' });
  const groups: NativeInput[][] = [];
  const single: NativeInput[] = [];
  for (const file of files) {
    const info = await stat(file).catch(() => undefined);
    if (!info) throw new InputError('cli.file-not-found', `no such file: ${file}`, { field: 'files' });
    if (info.isDirectory()) {
      const samplesDir = path.basename(file) === 'samples' ? path.dirname(file) : file;
      for (const name of listSamples(samplesDir)) groups.push(readSampleInputs(samplesDir, name));
    } else {
      single.push(await readInput(file));
    }
  }
  if (single.length) groups.push(single);
  return groups;
}

async function readInput(file: string): Promise<NativeInput> {
  try {
    return { name: path.basename(file), content: new Uint8Array(await readFile(file)) };
  } catch {
    throw new InputError('cli.file-not-found', `cannot read ${file}`, { field: 'files' });
  }
}
