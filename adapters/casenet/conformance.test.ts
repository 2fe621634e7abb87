import path from 'node:path';
import { describeConformance } from '../../src/adapters/conformance.js';
import { adapter } from './index.js';
import { SAMPLE_CONTEXT } from './testing.js';

// The fixtures hold a byte-for-byte copy of shared/systems/casenet/samples (and the requests.md
// written here, which give the order of a read's bodies).
describeConformance(adapter, { systemDir: path.resolve(import.meta.dirname, 'fixtures'), context: SAMPLE_CONTEXT });
