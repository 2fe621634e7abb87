import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// An adapter's sample configuration is written once, as the registry entries of its
// `sample-institutions.yaml` (what the lead adds to the demo bundle); the tests take their
// context from there, so the two cannot drift apart.

export interface SampleContext<S> {
  institutionId: string;
  canton: string;
  settings: S;
}

interface Entry {
  id?: unknown;
  canton?: unknown;
  system?: unknown;
  settings?: unknown;
}

/**
 * The context of one sample institution (the first when `institutionId` is not given) of a
 * `sample-institutions.yaml`. Its `system` must be the adapter's: the folder the file is in.
 * `S` is what the tests read of the settings; the file is not checked against it.
 */
export function sampleContext<S extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>>(file: URL, institutionId?: string): SampleContext<S> {
  const filePath = fileURLToPath(file);
  const entries = parse(readFileSync(filePath, 'utf8')) as unknown;
  if (!Array.isArray(entries)) throw new Error(`${filePath} is not a list of registry entries`);
  const entry = (institutionId === undefined ? entries[0] : entries.find((e: Entry) => e.id === institutionId)) as Entry | undefined;
  if (!entry || typeof entry.id !== 'string' || typeof entry.canton !== 'string') throw new Error(`${filePath} has no institution ${institutionId ?? ''}`.trim());
  const system = path.basename(path.dirname(filePath));
  if (entry.system !== system) throw new Error(`${filePath}: ${entry.id} is of system ${String(entry.system)}, not ${system}`);
  const settings = entry.settings ?? {};
  if (typeof settings !== 'object' || Array.isArray(settings)) throw new Error(`${filePath}: ${entry.id} has settings that are not a mapping`);
  return { institutionId: entry.id, canton: entry.canton, settings: settings as S };
}
