import { loadCodeLists } from '../../src/adapters/sdk.js';

// The code tables of FORMAT.md ("Mapping") are data, in codes.yaml: an installation with
// other codes edits that file (README: "Adapting the code tables").

export const {
  SEX, STATUS, PHASE, EMPLOYMENT, ORIENTATION, LEVEL, SKILL, EDUCATION, MEASURE_TYPE, MEASURE_STATUS, OUTCOME, FINANCED_BY, JOURNAL, DOCUMENT_KIND,
  CONSENT_KIND, RECIPIENT_TYPE, PURPOSE, CATEGORY,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url));

/** J/N columns. */
export const YES = ['J'] as const;
export const NO = ['N'] as const;
