import { sampleContext } from '../../src/adapters/testing.js';

/** The sample configuration of CaseNet's FORMAT.md: CaseNet institution codes → registry ids. */
export const SAMPLE_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url));

export const SAMPLE_SETTINGS = SAMPLE_CONTEXT.settings;
