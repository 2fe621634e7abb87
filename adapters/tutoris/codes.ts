import { contractValues, invalid, loadCodeLists, type At, type CefrLevel } from '../../src/adapters/sdk.js';

// The code tables of FORMAT.md ("Mapping") are data, in codes.yaml: an installation with
// other codes edits that file; each value is checked against the contract at load.

export const {
  SEX, STATUS, PHASE, EMPLOYMENT, ORIENTATION, SKILL, EDUCATION, MEASURE_TYPE, MEASURE_STATUS, OUTCOME, FINANCED_BY, JOURNAL, DOCUMENT_KIND, CONSENT_KIND,
  RECIPIENT_TYPE, PURPOSE, CATEGORY,
} = loadCodeLists(new URL('./codes.yaml', import.meta.url));

/** Every contract institution type, to tell a recipient type from an institution id when writing. */
export const INSTITUTION_TYPES: ReadonlySet<string> = new Set(contractValues('InstitutionType'));

const NIVEAU = /^(A0|A1|A2|B1|B2|C1|C2)(?:\.\d{1,2})?$/;

/** `@Niveau`: `A0` is pre-A1, sub-levels are cut (`A2.2` → A2); anything else rejects. */
export function niveau(value: string | undefined, where: At): CefrLevel | undefined {
  const raw = value?.trim();
  if (raw === undefined || raw === '') return undefined;
  const level = NIVEAU.exec(raw.toUpperCase())?.[1];
  if (level === undefined) throw invalid('mapping.unknown-code', where, 'holds a code its list does not know');
  return level === 'A0' ? 'pre-A1' : (level as CefrLevel);
}

export function niveauCode(level: CefrLevel): string {
  return level === 'pre-A1' ? 'A0' : level;
}
