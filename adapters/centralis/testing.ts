import { sampleContext } from '../../src/adapters/testing.js';

/**
 * The sample configuration of Centralis' FORMAT.md: the settings `ne-smig` declares in the
 * registry, read from `sample-institutions.yaml`.
 */
export const SAMPLE_CONTEXT = sampleContext<{ languageOptions: Record<string, string> }>(new URL('./sample-institutions.yaml', import.meta.url));
