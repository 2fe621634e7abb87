import { sampleContext } from '../../src/adapters/testing.js';

/** The sample configuration of FORMAT.md: the Stelle labels of the tool's `L_Stelle` list and their registry ids. */
export const SAMPLE_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url));
