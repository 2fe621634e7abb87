import { sampleContext } from '../../src/adapters/testing.js';

/** The sample configuration of DuFF's FORMAT.md: organisation codes → registry ids. */
export const SAMPLE_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url));

/** The webhook test secret of the FORMAT's sample configuration (tests only). */
export const SAMPLE_WEBHOOK_SECRET = 'duff-testgeheimnis-ag-2025';
