import { sampleContext } from '../../src/adapters/testing.js';

/** The sample configuration of KLIBnet's FORMAT.md: the Sozialregion Olten's installation. */
export const SAMPLE_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url));
