import { sampleContext } from '../../src/adapters/testing.js';

/**
 * The sample configuration of SharePoint-TI's FORMAT.md: the settings `ti-crs` declares in
 * the registry, read from `sample-institutions.yaml`.
 */
export const SAMPLE_CONTEXT = sampleContext(new URL('./sample-institutions.yaml', import.meta.url));
