import { loadCodeLists } from '../../src/adapters/sdk.js';

// The Excel tool's drop-down labels (FORMAT.md "Code lists") and the contract values they
// stand for are data, in codes.yaml: an installation with other labels edits that file.

export const {
  SEX, STATUS, PHASE, EMPLOYMENT, ORIENTATION, LEVEL, EDUCATION, MEASURE, MEASURE_STATUS, OUTCOME, FUNDING, JOURNAL, DOCUMENT, MEDIA_TYPE, CONSENT,
  RECIPIENT_TYPE, PURPOSE, CATEGORY,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url), {
  measure: 'MeasureType', funding: 'FinancedBy', document: 'DocumentKind', mediaType: 'string', consent: 'ConsentKind',
});

export const YES = ['ja'] as const;
export const NO = ['nein'] as const;
