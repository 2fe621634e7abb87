/**
 * NFAM's code tables (FORMAT.md "Mapping"). A value not listed maps to itself in kebab
 * case (`LABOUR_MARKET` → `labour-market`) when the contract knows it; `fallback: true`
 * lists fall back to `other` + `nativeCode` for values NFAM adds without notice.
 */
export interface CodeTable {
  /** Contract path, for errors. */
  name: string;
  values: readonly string[];
  renames: Readonly<Record<string, string>>;
  fallback: boolean;
}

function table(name: string, values: readonly string[], renames: Record<string, string> = {}, fallback = false): CodeTable {
  return { name, values, renames, fallback };
}

export const SEX = table('person.sex', ['male', 'female', 'other', 'unknown'], { DIVERSE: 'other' });
export const PERMIT = table(
  'residence.statusHistory[].status',
  ['N', 'F', 'F-refugee', 'B-refugee', 'B', 'C', 'S', 'L', 'other'],
  {
    ASYLUM_SEEKER: 'N',
    PROVISIONALLY_ADMITTED: 'F',
    PROVISIONALLY_ADMITTED_REFUGEE: 'F-refugee',
    RECOGNISED_REFUGEE: 'B-refugee',
    RESIDENCE_B: 'B',
    SETTLEMENT_C: 'C',
    PROTECTION_S: 'S',
    SHORT_STAY_L: 'L',
    OTHER: 'other',
  },
  true,
);
export const STAGE = table('responsibility.phase', ['federal', 'cantonal', 'communal', 'regular', 'closed'], {
  FEDERAL_ASYLUM_CENTRE: 'federal',
  COLLECTIVE_ACCOMMODATION: 'cantonal',
  REGIONAL_PARTNER: 'communal',
  REGULAR_STRUCTURES: 'regular',
});
export const CEFR = table('potentialAssessments[].languageSkills[].level', ['pre-A1', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'], {
  PRE_A1: 'pre-A1',
  A1: 'A1',
  A2: 'A2',
  B1: 'B1',
  B2: 'B2',
  C1: 'C1',
  C2: 'C2',
});
export const SKILL = table('potentialAssessments[].languageSkills[].skill', ['overall', 'oral', 'written', 'listening', 'reading', 'speaking', 'writing']);
export const EDUCATION = table('potentialAssessments[].education[].level', ['none', 'primary', 'lower-secondary', 'upper-secondary', 'vocational', 'tertiary'], {
  UPPER_SECONDARY_GENERAL: 'upper-secondary',
  UPPER_SECONDARY_VOCATIONAL: 'vocational',
});
export const ORIENTATION = table('potentialAssessments[].orientation', ['labour-market', 'vocational-training', 'education', 'social-integration', 'not-yet-determined'], {
  UNDETERMINED: 'not-yet-determined',
});
export const MEASURE = table(
  'integrationPlan.measures[].type',
  ['language-course', 'basic-skills', 'job-coaching', 'work-trial', 'internship', 'pre-apprenticeship', 'vocational-training', 'employment-programme', 'social-integration', 'childcare', 'health', 'debt-counselling', 'other'],
  { WORK_ASSESSMENT: 'work-trial' },
  true,
);
export const MEASURE_STATUS = table('integrationPlan.measures[].status', ['planned', 'running', 'completed', 'aborted', 'cancelled'], {
  ACTIVE: 'running',
  DROPPED_OUT: 'aborted',
});
export const OUTCOME = table('integrationPlan.measures[].outcome', ['achieved', 'partially-achieved', 'not-achieved']);
export const FUNDING = table(
  'integrationPlan.measures[].financedBy',
  ['ai', 'ac', 'as', 'canton', 'confederation', 'commune', 'other'],
  { DISABILITY_INSURANCE: 'ai', UNEMPLOYMENT_INSURANCE: 'ac', SOCIAL_ASSISTANCE: 'as', INTEGRATION_LUMP_SUM: 'confederation', MUNICIPALITY: 'commune' },
  true,
);
export const EMPLOYMENT = table('employment.situation', ['employed', 'self-employed', 'in-training', 'unemployed', 'not-in-labour-force']);
export const JOURNAL = table('journal[].category', ['contact', 'decision', 'note', 'transfer', 'health', 'finance'], { HANDOVER: 'transfer' });
export const DOCUMENT = table('documents[].kind', ['certificate', 'report', 'decision', 'consent', 'cv', 'other'], { CONSENT_FORM: 'consent' }, true);
export const SCOPE = table('consents[].kind', ['general', 'specific']);
export const ORG_TYPE = table('consents[].recipients[]', ['social-service', 'migration-office', 'integration-office', 'asylum-organisation', 'orp', 'ai-office', 'cm-fp', 'commune', 'provider', 'dpo'], {
  RAV: 'orp',
  IV_OFFICE: 'ai-office',
  CM_BB: 'cm-fp',
  MUNICIPALITY: 'commune',
  DATA_PROTECTION_OFFICER: 'dpo',
});
export const PURPOSE = table('consents[].purposes[]', ['case-transfer', 'integration-measures', 'labour-market-placement', 'benefit-assessment', 'statistics']);
export const DATA_CATEGORY = table('consents[].dataCategories[]', ['identity', 'residence', 'responsibility', 'language', 'education-work', 'health', 'social-assistance', 'plan', 'assessment-notes', 'journal', 'documents', 'consent']);

export type Decoded = { value: string; nativeCode?: string } | { unknown: true };

/** Native → contract; `unknown` when the list has no `other` to fall back to. */
export function decode(t: CodeTable, native: string): Decoded {
  const renamed = t.renames[native] ?? native.toLowerCase().replace(/_/g, '-');
  if (t.values.includes(renamed) && /^[A-Z0-9_]+$/.test(native)) return { value: renamed };
  if (t.fallback) return { value: 'other', nativeCode: native };
  return { unknown: true };
}

/** Contract → native. A `nativeCode` that is itself an NFAM enum value goes back as it was. */
export function encode(t: CodeTable, value: string, nativeCode?: string): string {
  if (value === 'other' && nativeCode !== undefined) return /^[A-Z][A-Z0-9_]*$/.test(nativeCode) ? nativeCode : 'OTHER';
  for (const [native, contract] of Object.entries(t.renames)) if (contract === value) return native;
  return value.toUpperCase().replace(/-/g, '_');
}
