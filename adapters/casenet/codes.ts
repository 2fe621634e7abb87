import { loadCodeLists } from '../../src/adapters/sdk.js';

// The code tables of FORMAT.md ("Code lists") are data, in codes.yaml: an installation
// with other codes edits that file; each value is checked against the contract at load.

export const {
  SEX, PRECISION, COUNTRY, LANGUAGE, STATUS, PHASE, EMPLOYMENT, LEVEL, SKILL, EDUCATION, ORIENTATION, MEASURE_TYPE, MEASURE_STATUS, OUTCOME, FINANCED_BY,
  JOURNAL, DOCUMENT_KIND, CONSENT_KIND, RECIPIENT_TYPE, PURPOSE, DATA_CATEGORY,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url), { precision: ['year', 'month', 'day'], country: 'string', language: 'string' });

/** CII exit states that give no outcome (the measure is ANNULEE). */
export const NO_OUTCOME: ReadonlySet<string> = new Set(['CRITERES_NON_REMPLIS', 'HORS_RAYON']);
