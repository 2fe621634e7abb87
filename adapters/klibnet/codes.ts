import { loadCodeLists } from '../../src/adapters/sdk.js';

// KLIBnet's code tables (FORMAT.md, "Mapping") are data, in codes.yaml: an installation
// with other codes edits that file; each value is checked against the contract at load.

export const {
  SEX, LANGUAGE, STATUS, PERMIT, PHASE, EMPLOYMENT, ORIENTATION, LEVEL, SKILL, EDUCATION, MEASURE_TYPE, MEASURE_STATUS, OUTCOME, FINANCED_BY, JOURNAL,
  DOCUMENT_KIND, MEDIA_TYPE, CONSENT_KIND, RECIPIENT_TYPE, PURPOSE, DATA_CATEGORY,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url), { language: 'string', permit: 'ResidenceStatus', mediaType: 'string' });

/** What KLIBnet is sent for a status `other` that came from elsewhere. */
export const STATUS_OTHER = '99';

/** `StaatCd`/`LandCd` values that mean stateless (`XS`) or unknown (`XU`): the contract's `XX`. */
export const NO_STATE = ['XS', 'XU'];
/** What `XX` is written as. */
export const NO_STATE_WRITTEN = 'XU';
