import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CaseRecord } from '../contract/types.js';
import type { NativeInput } from './port.js';

/** Files of a sample that are not native input. */
const NOT_INPUT = ['.expected.json', '.requests.md', '.expected-event.json', '.webhook-delivery.json'];

/** The folder holding the samples: `<system>/samples`, or the folder itself. */
export function samplesDir(dir: string): string {
  const nested = path.join(dir, 'samples');
  return existsSync(nested) ? nested : dir;
}

/** Sample names of a system folder (or a samples folder): one per `NAME.expected.json`. */
export function listSamples(dir: string): string[] {
  return readdirSync(samplesDir(dir))
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => f.slice(0, -'.expected.json'.length))
    .sort();
}

/**
 * A sample's native input, as the system serves it: the response bodies its
 * `NAME.requests.md` lists ("answered by"), in that order; a folder `NAME/`, its files
 * by name; otherwise every `NAME.*` file that is not an expectation, in name order. Bytes stay bytes (XLSX).
 */
export function readSampleInputs(dir: string, name: string): NativeInput[] {
  const folder = samplesDir(dir);
  // A delivery of several files (Ecase) is a folder of its own: every file in it, by name.
  const delivery = path.join(folder, name);
  if (existsSync(delivery) && statSync(delivery).isDirectory()) {
    return readdirSync(delivery)
      .sort()
      .map((f) => ({ name: f, content: new Uint8Array(readFileSync(path.join(delivery, f))) }));
  }
  const requests = path.join(folder, `${name}.requests.md`);
  let files: string[];
  if (existsSync(requests)) {
    files = [...readFileSync(requests, 'utf8').matchAll(/answered by `([^`]+)`/g)].map((m) => m[1]!);
  } else {
    files = readdirSync(folder)
      .filter((f) => f.startsWith(`${name}.`) && !f.endsWith('.expected.json') && !NOT_INPUT.some((suffix) => f.endsWith(suffix)))
      .sort();
  }
  return files.map((f) => ({ name: f, content: new Uint8Array(readFileSync(path.join(folder, f))) }));
}

export function readExpected(dir: string, name: string): Omit<CaseRecord, 'source'>[] & { source: Omit<CaseRecord['source'], 'extractedAt'> }[] {
  return JSON.parse(readFileSync(path.join(samplesDir(dir), `${name}.expected.json`), 'utf8')) as never;
}
