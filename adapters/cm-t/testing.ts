import { sampleContext } from '../../src/adapters/testing.js';

/** The sample configuration of CM-T's FORMAT.md: Glarus' Integrationsstelle and its Stellen by name. */
export const SAMPLE_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url));
