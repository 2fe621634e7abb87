import { loadCodeLists } from '../../src/adapters/sdk.js';

// The label tables of FORMAT.md ("Mapping") are data, in codes.yaml: CM-T writes German
// labels from its drop-down lists; an installation with other labels edits that file.

export const {
  SEX, STATUS, PHASE, COUNTRY, LANGUAGE, EMPLOYMENT, ORIENTATION, LEVEL, EDUCATION, MEASURE_TYPE, MEASURE_STATUS, OUTCOME, FINANCED_BY, JOURNAL,
  DOCUMENT_KIND, MEDIA_TYPE, CONSENT_KIND, RECIPIENT_TYPE, PURPOSE, CATEGORY,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url), { country: 'string', language: 'string', mediaType: 'string' });

/** Gemeinde name → BFS number (the canton's three communes since 2011). */
export const MUNICIPALITY: Readonly<Record<string, number>> = { Glarus: 1632, 'Glarus Nord': 1630, 'Glarus Süd': 1631 };

export const YES = ['ja'] as const;
export const NO = ['nein'] as const;
