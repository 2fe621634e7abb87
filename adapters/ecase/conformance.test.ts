import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeConformance } from '../../src/adapters/conformance.js';
import { adapter } from './index.js';
import { SAMPLE_CONTEXT, TG_CONTEXT } from './testing.js';

// fixtures/ is a byte-for-byte copy of shared/systems/ecase/samples: the project passes from a clone alone.
describeConformance(adapter, { systemDir: path.resolve(import.meta.dirname, 'fixtures'), context: SAMPLE_CONTEXT });

describe('sample-institutions.yaml', () => {
  it('declares the settings of the sample configurations (GR01, TG02)', () => {
    const entries = parse(readFileSync(path.resolve(import.meta.dirname, 'sample-institutions.yaml'), 'utf8')) as { id: string; canton: string; system: string; settings: unknown }[];
    expect(entries.map(({ id, canton, system, settings }) => ({ id, canton, system, settings }))).toEqual(
      [SAMPLE_CONTEXT, TG_CONTEXT].map((c) => ({ id: c.institutionId, canton: c.canton, system: 'ecase', settings: c.settings })),
    );
  });
});
