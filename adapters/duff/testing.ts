import { jsonInput, sampleContext, writerSample } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { fixture } from './test-support.js';
import { toContract } from './to-contract.js';

/** The sample configuration of DuFF's FORMAT.md: organisation codes → registry ids. */
export const SAMPLE_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url));

/** The webhook test secret of the FORMAT's sample configuration (tests only). */
export const SAMPLE_WEBHOOK_SECRET = 'duff-testgeheimnis-ag-2025';

/** The rich dossier for the writer's tests; a delivery's first body is POST /uebergaben's. */
export const RICH = writerSample({ mapper: { toContract, fromContract }, context: SAMPLE_CONTEXT, at: '2025-02-14T06:00:00Z', transferId: '0b6a9c1e-4f7d-4a57-9d2e-3c5b7a9e1f20', inputs: () => [jsonInput('d', fixture('rich.dossier.json'))] });
