import { contractValues, loadCodeLists } from '../../src/adapters/sdk.js';

// The data file carries contract codes (FORMAT quirk 8); the lists, in codes.yaml, say
// which values it may carry as they are and which fall back to `other`.

export const {
  SEX, STATUS, MEASURE_TYPE, FINANCED_BY, DOCUMENT_KIND, PHASE, ORIENTATION, CEFR, SKILL, EDUCATION, MEASURE_STATUS, OUTCOME, SITUATION, JOURNAL,
  CONSENT_KIND, PURPOSE, DATA_CATEGORY, CANTON,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url), { cefr: 'CefrLevel', situation: 'EmploymentSituation' });

export const CANTONS = contractValues('CantonCode');

/** eCH-0058 `action` codes this adapter reads and writes. */
export const ACTIONS = {
  '1': 'new',
  '3': 'recall',
  '4': 'correction',
  '5': 'request',
  '6': 'response',
  '8': 'negative-report',
  '9': 'positive-report',
  '10': 'forward',
  '12': 'reminder',
} as const;
export type SedexAction = (typeof ACTIONS)[keyof typeof ACTIONS];
