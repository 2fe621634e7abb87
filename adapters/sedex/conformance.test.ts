import { existsSync } from 'node:fs';
import path from 'node:path';
import { describeConformance } from '../../src/adapters/conformance.js';
import { adapter } from './index.js';
import { SAMPLE_CONTEXT, sampleInputs } from './testing.js';

// The repository is cloned with shared/ beside it; the fixtures are a copy of its samples.
const shared = path.resolve(import.meta.dirname, '../../../shared/systems/sedex');
const systemDir = existsSync(shared) ? shared : path.resolve(import.meta.dirname, 'fixtures');

describeConformance(adapter, { systemDir, context: SAMPLE_CONTEXT, inputs: sampleInputs });
