// Named types of the contract and the API, all from the generated file: never written
// twice by hand. Regenerate with `npm run generate` after changing contracts/.
import type { components } from '../generated/api.js';

type Schemas = components['schemas'];

export type CaseRecord = Schemas['CaseRecord'];
export type CaseEvent = Schemas['CaseEvent'];
export type Consent = Schemas['Consent'];
export type Person = Schemas['Person'];
export type PotentialAssessment = Schemas['PotentialAssessment'];
export type IntegrationPlan = Schemas['IntegrationPlan'];
export type Measure = Schemas['Measure'];
export type JournalEntry = Schemas['JournalEntry'];
export type DocumentRef = Schemas['DocumentRef'];
export type SystemId = Schemas['SystemId'];
export type CantonCode = Schemas['CantonCode'];
export type Phase = Schemas['Phase'];
export type ResidenceStatus = Schemas['ResidenceStatus'];
export type Purpose = Schemas['Purpose'];
export type DataCategory = Schemas['DataCategory'];
export type InstitutionType = Schemas['InstitutionType'];
export type Transfer = Schemas['Transfer'];
export type TransferState = Schemas['TransferState'];
export type Decision = Schemas['Decision'];
export type DisclosedCategory = Schemas['DisclosedCategory'];
export type WithheldCategory = Schemas['WithheldCategory'];
export type WithheldField = Schemas['WithheldField'];
export type WithheldEntry = Schemas['WithheldEntry'];
export type Receipt = Schemas['Receipt'];
export type Problem = Schemas['Problem'];
export type EventAccepted = Schemas['EventAccepted'];
export type InboxItem = Schemas['InboxItem'];
export type InboxItemSummary = Schemas['InboxItemSummary'];
export type AuditEntry = Schemas['AuditEntry'];
