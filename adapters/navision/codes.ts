import { loadCodeLists } from '../../src/adapters/sdk.js';

// The code tables of FORMAT.md ("Code lists") are data, in codes.yaml: an installation
// with other options edits that file. Options are keyed by their decoded name (`Aide
// sociale`, not `Aide_x0020_sociale`): the reader decodes NAV's `_xHHHH_` escapes first,
// the writer encodes them again.

export const {
  SEX, STATUS, PHASE, LANGUAGE, LEVEL, EDUCATION, ORIENTATION, MEASURE_TYPE, MEASURE_STATUS, OUTCOME, FINANCED_BY, EMPLOYMENT, JOURNAL_CATEGORY,
  DOCUMENT_KIND, MEDIA_TYPE, CONSENT_KIND, RECIPIENT_TYPE, PURPOSE, DATA_CATEGORY,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url), { language: 'string', journalCategory: 'JournalCategory', mediaType: 'string' });

export const OCTET_STREAM = 'application/octet-stream';

/** `Nationalite` values that are not ISO codes: both are the contract's `XX` (written `INCONNU`). */
export const NO_STATE = ['APATRIDE', 'INCONNU'] as const;
