import { contractValues, loadCodeLists } from '../../src/adapters/sdk.js';

// The option sets of FORMAT.md are data, in codes.yaml: an installation with other
// option values edits that file; each value is checked against the contract at load.

export const {
  GENDER, STATUS, PHASE, LEVEL, SKILL, EDUCATION, ORIENTATION, MEASURE_TYPE, MEASURE_STATUS, OUTCOME, FINANCING, EMPLOYMENT, CONSENT_KIND, RECIPIENT_TYPE,
  PURPOSE, DATA_CATEGORY, ACTIVITY, DOCUMENT_KIND,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url), { gender: 'Sex', financing: 'FinancedBy', activity: 'JournalCategory' });

export const INSTITUTION_TYPES = contractValues('InstitutionType');

/** `smig_precisiondatenaissance`: how much of `birthdate` is true. */
export const PRECISION = { full: 100000000, month: 100000001, year: 100000002 } as const;
