import path from 'node:path';
import { describeConformance } from '../../src/adapters/conformance.js';
import { adapter } from './index.js';
import { SAMPLE_CONTEXT } from './testing.js';

// The fixtures are a byte-for-byte copy of shared/systems/duff/samples.
describeConformance(adapter, { systemDir: path.resolve(import.meta.dirname, 'fixtures'), context: SAMPLE_CONTEXT });
