import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSamples, readSampleInputs } from '../../src/adapters/samples.js';
import { REPO } from '../support/paths.js';
import { passerelleAsync } from './support.js';

/** What a record is compared on: everything but the moment it was read. */
function comparable(record: { source: Record<string, unknown> }): unknown {
  const { extractedAt: _ignored, ...source } = record.source;
  return { ...record, source };
}

/**
 * `passerelle convert` on each sample of every system, as an operator types it: the sample's files in the order the system serves them, the institution and
 * canton the expectation names. It prints exactly the expected records.
 */
describe('passerelle convert on every sample', () => {
  const systems = ['casenet', 'centralis', 'cm-t', 'duff', 'ecase', 'excel-sh', 'kiss', 'klibnet', 'lora', 'navision', 'nfam', 'sedex', 'sharepoint-ti', 'tutoris'];
  for (const system of systems) {
    const dir = path.join(REPO, 'adapters', system, 'fixtures');
    for (const name of listSamples(dir)) {
      it(`${system} ${name}`, async () => {
        const expected = JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as { source: Record<string, unknown> }[];
        const first = expected[0]!.source;
        // A delivery of several files (Ecase) is a folder of its own; the others lie beside their expectation.
        const folder = existsSync(path.join(dir, name)) && statSync(path.join(dir, name)).isDirectory() ? path.join(dir, name) : dir;
        const files = readSampleInputs(dir, name).map((input) => path.join(folder, input.name));
        // A sedex message is its envelope, then its data file.
        if (system === 'sedex') files.unshift(path.join(dir, name.replace(/^data_/, 'envl_') + '.xml'));
        const run = await passerelleAsync(['convert', '--adapter', system, '--institution', String(first.institutionId), '--canton', String(first.canton), ...files], {
          PASSERELLE_POLICIES: path.join(REPO, 'policies'),
        });
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const printed = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { source: Record<string, unknown> });
        expect(printed.map(comparable)).toEqual(expected.map(comparable));
      }, 120_000);
    }
  }
});
