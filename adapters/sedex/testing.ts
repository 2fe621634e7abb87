import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NativeInput } from '../../src/adapters/sdk.js';
import { sampleContext } from '../../src/adapters/testing.js';

/** FORMAT.md "Sample configuration": reading uses the participants table only; writing addresses `lu-daf` (2-LU-4). */
export const SAMPLE_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url), 'lu-daf');

function samplesDir(dir: string): string {
  const nested = path.join(dir, 'samples');
  return existsSync(nested) ? nested : dir;
}

/** A sample's message as the inbox holds it: `envl_<id>.xml`, then `data_<id>.xml` (NAME is `data_<id>`). */
export function sampleInputs(systemDir: string, name: string): NativeInput[] {
  const folder = samplesDir(systemDir);
  const id = name.replace(/^data_/, '');
  return [`envl_${id}.xml`, `data_${id}.xml`].map((file) => ({ name: file, content: new Uint8Array(readFileSync(path.join(folder, file))) }));
}
