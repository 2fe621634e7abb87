import { sampleContext } from '../../src/adapters/testing.js';

type Organised = { organisations: Record<string, string> };

/** The sample configuration of Lora's FORMAT.md: the instance VS, its service codes. */
export const SAMPLE_CONTEXT = sampleContext<Organised>(new URL('./sample-institutions.yaml', import.meta.url));

/** The instance JU (Lora 2.4). */
export const JU_CONTEXT = sampleContext<Organised>(new URL('./sample-institutions.yaml', import.meta.url), 'ju-ajam');
