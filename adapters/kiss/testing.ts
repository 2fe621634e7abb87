import { sampleContext } from '../../src/adapters/testing.js';

/** The sample configuration of KiSS's FORMAT.md: the Service social régional des Montagnes (NE). */
export const SAMPLE_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url));
