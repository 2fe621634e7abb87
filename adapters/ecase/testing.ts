import { sampleContext } from '../../src/adapters/testing.js';

/** The sample configuration of Ecase's FORMAT.md: Graubünden, Mandant GR01 (the samples' source). */
export const SAMPLE_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url));

/** Thurgau's deliveries (Mandant TG02), the second configuration of the FORMAT. */
export const TG_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url), 'tg-peregrina');
