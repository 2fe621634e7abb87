import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithheld } from '../../src/adapters/testing.js';
import type { CaseRecord, ConnectionSettings } from '../../src/adapters/sdk.js';
import { MappingError } from '../../src/adapters/sdk.js';
import { AI_BENEFIT_ASSESSMENT, ALL_WITHHELD, deliveryRequest, expectRefusedForGood, mockedNetwork, shownIn, valuesAt, withheld, withheldStrings, WITHHOLDINGS, type Withholding } from '../../src/adapters/testing.js';
import { caseFromRecord, fromContract } from './from-contract.js';
import { SAMPLE_CONTEXT, SAMPLE_ORGANISATIONS } from './testing.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. NFAM writes what may be unknown as `null`
// or `[]` (FORMAT.md quirk 1, "Native structure" `?`), but requires `person` (familyName,
// givenNames, sex, birthDate), `permits` (none is invalid), `assignment`, an assessment's
// `orientation` and a measure's `category`, `title`, `status`: without them the write fails
// before anything is sent, naming the contract path and NFAM's field.

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2025-03-03T08:15:23Z') };
const content = readFileSync(path.resolve(import.meta.dirname, 'fixtures', 'rich.case.json'));
const richRecord = (): CaseRecord => toContract([{ name: 'rich.case.json', content }], ctx).records[0]!;
const isAbsent = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

type Outcome = { absent: string[]; kept?: string[] } | { refused: { field: string; nativeField: string } };

const ASSESSMENTS = 'assessments[]';
const MEASURES = 'integrationPlan.measures[]';

const EXPECTED: Record<string, Outcome> = {
  person: { refused: { field: 'person', nativeField: 'person' } },
  'person (all but languages)': { refused: { field: 'person.officialName', nativeField: 'person.familyName' } },
  'person.languages': { absent: ['person.languages'], kept: ['person.familyName'] },
  residence: { refused: { field: 'residence', nativeField: 'permits' } },
  responsibility: { refused: { field: 'responsibility', nativeField: 'assignment' } },
  potentialAssessments: { absent: ['assessments'], kept: ['assignment.stage'] },
  integrationPlan: { absent: ['integrationPlan'], kept: [`${ASSESSMENTS}.orientation`] },
  'integrationPlan (all but measures[].note)': { refused: { field: 'integrationPlan.measures[0].type', nativeField: 'integrationPlan.measures.category' } },
  employment: { absent: ['employment'] },
  socialAssistance: { absent: ['socialAssistance'] },
  journal: { absent: ['journal'] },
  documents: { absent: ['documents'] },
  consents: { absent: ['consents'] },
  'potentialAssessments[].health': { absent: [`${ASSESSMENTS}.health`], kept: [`${ASSESSMENTS}.orientation`] },
  'potentialAssessments[].resources': { absent: [`${ASSESSMENTS}.resources`], kept: [`${ASSESSMENTS}.orientation`] },
  'potentialAssessments[].obstacles': { absent: [`${ASSESSMENTS}.obstacles`], kept: [`${ASSESSMENTS}.orientation`] },
  'potentialAssessments[].goals': { absent: [`${ASSESSMENTS}.goals`], kept: [`${ASSESSMENTS}.orientation`] },
  'potentialAssessments[].languageSkills': { absent: [`${ASSESSMENTS}.languageSkills`], kept: [`${ASSESSMENTS}.orientation`] },
  'potentialAssessments[].education': { absent: [`${ASSESSMENTS}.education`], kept: [`${ASSESSMENTS}.orientation`] },
  'potentialAssessments[].workExperience': { absent: [`${ASSESSMENTS}.workExperience`], kept: [`${ASSESSMENTS}.orientation`] },
  'potentialAssessments[].orientation': { refused: { field: 'potentialAssessments[0].orientation', nativeField: 'assessments.orientation' } },
  'integrationPlan.measures[].note': { absent: [`${MEASURES}.note`], kept: [`${MEASURES}.title`, `${MEASURES}.category`] },
  'ai-benefit-assessment': { refused: { field: 'responsibility', nativeField: 'assignment' } },
  'all at once': { refused: { field: 'person', nativeField: 'person' } },
};

describeWithheld('contract → NFAM: a record without what the policy withheld', {
  rich: richRecord,
  expected: EXPECTED,
  written: (r) => caseFromRecord(r, ctx),
  others: [(r) => fromContract([r], ctx)],
  configuration: ctx.settings,
});

describe('NFAM transport: a delivery to the IV office (ai-benefit-assessment)', () => {
  mockedNetwork();
  const settings: ConnectionSettings = {
    ...SAMPLE_CONTEXT,
    now: () => new Date('2025-03-03T08:15:23Z'),
    env: { NFAM_SECRET: 's3cret' },
    settings: { baseUrl: 'https://api.nfam.be.example/v2', tokenUrl: 'https://auth.nfam.be.example/oauth2/token', clientId: 'passerelle', clientSecret: { env: 'NFAM_SECRET' }, organisations: SAMPLE_ORGANISATIONS },
  };

  it('fails before sending, for good, naming responsibility and assignment', async () => {
    const request = deliveryRequest(withheld(richRecord(), AI_BENEFIT_ASSESSMENT), { transferId: '0b8f1f8e-1111-4a4a-9a9a-0000000000a1', sender: 'be-asi', target: 'be-iv-bern' });
    // No scope is set up: a request sent (the token's included) would fail as unreachable, not as a mapping error.
    const error = await connect(settings).deliver(request).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'mapping.required', retryable: false, details: { field: 'responsibility', nativeField: 'assignment' } });
  });
});
