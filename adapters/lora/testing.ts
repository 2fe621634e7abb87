import { jsonInput, sampleContext, writerSample } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { fixture } from './test-support.js';
import { toContract } from './to-contract.js';

type Organised = { organisations: Record<string, string> };

/** The sample configuration of Lora's FORMAT.md: the instance VS, its service codes. */
export const SAMPLE_CONTEXT = sampleContext<Organised>(new URL('./sample-institutions.yaml', import.meta.url));

/** The instance JU (Lora 2.4). */
export const JU_CONTEXT = sampleContext<Organised>(new URL('./sample-institutions.yaml', import.meta.url), 'ju-ajam');

/** The rich page for the writer's tests; a delivery's first body is the POST of the person and its modules. */
export const RICH = writerSample({ mapper: { toContract, fromContract }, context: SAMPLE_CONTEXT, at: '2024-03-15T06:00:00Z', transferId: 'tr-4711', inputs: () => [jsonInput('p', fixture('rich.page1.json'))] });
