import path from 'node:path';
import { describeConformance } from '../../src/adapters/conformance.js';
import { adapter } from './index.js';
import { SAMPLE_CONTEXT } from './testing.js';

// The fixtures are a byte-for-byte copy of shared/systems/lora/samples, plus a requests.md per
// sample (the transport conformance); the mapping reads the pages those list.
describeConformance(adapter, { systemDir: path.resolve(import.meta.dirname, 'fixtures'), context: SAMPLE_CONTEXT });
