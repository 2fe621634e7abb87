import { sampleContext } from '../../src/adapters/testing.js';

/** The sample configuration of Tutoris' FORMAT.md: Mandant SH-KSA, the Stelle codes of the samples. */
export const SAMPLE_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url));
