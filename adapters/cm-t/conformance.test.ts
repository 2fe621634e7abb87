import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeConformance } from '../../src/adapters/conformance.js';
import { adapter } from './index.js';
import { SAMPLE_CONTEXT } from './testing.js';

// fixtures/ is a byte-for-byte copy of shared/systems/cm-t/samples: the project passes from a clone alone.
describeConformance(adapter, { systemDir: path.resolve(import.meta.dirname, 'fixtures'), context: SAMPLE_CONTEXT });

describe('sample-institutions.yaml', () => {
  it('declares the settings SAMPLE_CONTEXT holds', () => {
    const [entry] = parse(readFileSync(path.resolve(import.meta.dirname, 'sample-institutions.yaml'), 'utf8')) as { id: string; canton: string; system: string; settings: unknown }[];
    const { id, canton, system, settings } = entry!;
    expect({ id, canton, system, settings }).toEqual({ id: SAMPLE_CONTEXT.institutionId, canton: SAMPLE_CONTEXT.canton, system: 'cm-t', settings: SAMPLE_CONTEXT.settings });
  });
});
