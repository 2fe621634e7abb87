// Named types of the contract and the API, all from the generated file: never written
// twice by hand. Regenerate with `npm run generate` after changing contracts/.
import type { components } from '../generated/api.js';

type Schemas = components['schemas'];

// The record (contracts/case-record.schema.json)
export type CaseRecord = Schemas['CaseRecord'];
export type Source = Schemas['Source'];
export type Person = Schemas['Person'];
export type PersonLanguage = Schemas['PersonLanguage'];
export type Municipality = Schemas['Municipality'];
export type Residence = Schemas['Residence'];
export type StatusEntry = Schemas['StatusEntry'];
export type Responsibility = Schemas['Responsibility'];
export type ResponsibilityPeriod = Schemas['ResponsibilityPeriod'];
export type PotentialAssessment = Schemas['PotentialAssessment'];
export type LanguageSkill = Schemas['LanguageSkill'];
export type Education = Schemas['Education'];
export type WorkExperience = Schemas['WorkExperience'];
export type HealthAssessment = Schemas['HealthAssessment'];
export type IntegrationPlan = Schemas['IntegrationPlan'];
export type PlanGoal = Schemas['PlanGoal'];
export type Measure = Schemas['Measure'];
export type Employment = Schemas['Employment'];
export type SocialAssistance = Schemas['SocialAssistance'];
export type JournalEntry = Schemas['JournalEntry'];
export type DocumentRef = Schemas['DocumentRef'];
export type Consent = Schemas['Consent'];

// Code lists
export type SystemId = Schemas['SystemId'];
export type CantonCode = Schemas['CantonCode'];
export type Phase = Schemas['Phase'];
export type ResidenceStatus = Schemas['ResidenceStatus'];
export type InstitutionType = Schemas['InstitutionType'];
export type Purpose = Schemas['Purpose'];
export type DataCategory = Schemas['DataCategory'];
export type Sex = Schemas['Sex'];
export type CefrLevel = Schemas['CefrLevel'];
export type LanguageSkillKind = Schemas['LanguageSkillKind'];
export type EducationLevel = Schemas['EducationLevel'];
export type Orientation = Schemas['Orientation'];
export type MeasureType = Schemas['MeasureType'];
export type MeasureStatus = Schemas['MeasureStatus'];
export type MeasureOutcome = Schemas['MeasureOutcome'];
export type FinancedBy = Schemas['FinancedBy'];
export type EmploymentSituation = Schemas['EmploymentSituation'];
export type JournalCategory = Schemas['JournalCategory'];
export type DocumentKind = Schemas['DocumentKind'];
export type ConsentKind = Schemas['ConsentKind'];

// The event (contracts/case-event.schema.json)
export type CaseEvent = Schemas['CaseEvent'];
export type CaseEventType = Schemas['CaseEventType'];

// The HTTP API (contracts/openapi.yaml)
export type Transfer = Schemas['Transfer'];
export type TransferState = Schemas['TransferState'];
export type TransferError = Schemas['TransferError'];
export type TransferWithHistory = Schemas['TransferWithHistory'];
export type TransferPage = Schemas['TransferPage'];
export type Decision = Schemas['Decision'];
export type DisclosedCategory = Schemas['DisclosedCategory'];
export type WithheldReason = Schemas['WithheldReason'];
export type WithheldCategory = Schemas['WithheldCategory'];
export type WithheldField = Schemas['WithheldField'];
export type WithheldEntry = Schemas['WithheldEntry'];
export type Receipt = Schemas['Receipt'];
export type Problem = Schemas['Problem'];
export type EventAccepted = Schemas['EventAccepted'];
export type Unrouted = Schemas['Unrouted'];
export type InboxItem = Schemas['InboxItem'];
export type InboxItemSummary = Schemas['InboxItemSummary'];
export type InboxPage = Schemas['InboxPage'];
export type AuditEntry = Schemas['AuditEntry'];
export type TreeHead = Schemas['TreeHead'];
export type InclusionProof = Schemas['InclusionProof'];
export type ConsistencyProof = Schemas['ConsistencyProof'];
