import { contractValues, loadCodeLists } from '../../src/adapters/sdk.js';

// The code tables of FORMAT.md ("Code lists") are data, in codes.yaml: an installation
// with other codes edits that file; each value is checked against the contract at load.

export const {
  SEX, STATUS, PHASE, CONTRACT, WITHOUT_CONTRACT, AID, LEVEL, SKILL, EDUCATION, ORIENTATION, MEASURE_TYPE, MEASURE_STATUS, OUTCOME, FINANCED_BY, JOURNAL,
  DOCUMENT_KIND, CONSENT_KIND, PURPOSE, DATA_CATEGORY,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url), { contract: 'EmploymentSituation', withoutContract: 'EmploymentSituation', aid: ['yes', 'no'] });

/** `destinataires`: the contract's institution types as they are; anything else is a service code. */
export const INSTITUTION_TYPES = contractValues('InstitutionType');
