import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeConformance } from '../../src/adapters/conformance.js';
import { adapter } from './index.js';
import { SAMPLE_CONTEXT } from './testing.js';

// The repository is cloned with shared/ beside it; the fixtures are a copy of its samples.
const shared = path.resolve(import.meta.dirname, '../../../shared/systems/excel-sh');
const systemDir = existsSync(shared) ? shared : path.resolve(import.meta.dirname, 'fixtures');

describeConformance(adapter, { systemDir, context: SAMPLE_CONTEXT });

describe('excel-sh sample configuration', () => {
  it('registers the samples’ source institution with exactly the sample settings', () => {
    const entries = parse(readFileSync(path.resolve(import.meta.dirname, 'sample-institutions.yaml'), 'utf8')) as { id: string; canton: string; system: string; settings: unknown }[];
    expect(entries.map((e) => [e.id, e.canton, e.system, e.settings])).toEqual([[SAMPLE_CONTEXT.institutionId, SAMPLE_CONTEXT.canton, 'excel-sh', SAMPLE_CONTEXT.settings]]);
  });

  it('keeps the fixtures a byte-for-byte copy of the samples', () => {
    if (!existsSync(shared)) return;
    for (const file of ['minimal', 'edge', 'rich'].flatMap((n) => [`${n}.xlsx`, `${n}.expected.json`])) {
      expect(readFileSync(path.join(import.meta.dirname, 'fixtures', file)).equals(readFileSync(path.join(shared, 'samples', file))), file).toBe(true);
    }
  });
});
