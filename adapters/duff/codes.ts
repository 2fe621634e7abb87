import { loadCodeLists } from '../../src/adapters/sdk.js';

// The code tables of FORMAT.md ("Mapping") are data, in codes.yaml: an installation with
// other codes edits that file; each value is checked against the contract at load.

export const {
  SEX, STATUS, PHASE, LEVEL, SKILL, EDUCATION, ORIENTATION, MEASURE_TYPE, MEASURE_STATUS, OUTCOME, FINANCED_BY, EMPLOYMENT, JOURNAL, DOCUMENT_KIND,
  CONSENT_KIND, RECIPIENT_TYPE, PURPOSE, DATA_CATEGORY,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url));
