import { loadCodeLists } from '../../src/adapters/sdk.js';

// KiSS (Romandie edition) code tables, FORMAT.md "Mapping", are data, in codes.yaml: an
// installation with other codes edits that file; each value is checked against the contract.

export const {
  SEX, LANGUAGE, STATUS, PHASE, EMPLOYMENT, ORIENTATION, LEVEL, SKILL, EDUCATION, MEASURE_TYPE, MEASURE_STATUS, OUTCOME, FINANCED_BY, JOURNAL, DOCUMENT_KIND,
  CONSENT_KIND, RECIPIENT_TYPE, PURPOSE, DATA_CATEGORY,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url), { language: 'string' });

/** What KiSS is sent for a status `other` that came from elsewhere. */
export const STATUS_OTHER = '99';

/** `nationalite/@code`, `@pays` values that mean stateless (`XS`) or unknown (`XU`): the contract's `XX`. */
export const NO_STATE = ['XS', 'XU'];
export const NO_STATE_WRITTEN = 'XU';
