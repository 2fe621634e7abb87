import { describe, expect, it } from 'vitest';
import { describeWithheld } from '../../src/adapters/testing.js';
import type { CaseRecord, ConnectionSettings, NativeInput } from '../../src/adapters/sdk.js';
import { MappingError } from '../../src/adapters/sdk.js';
import { deliveryRequest, expectRefusedForGood, jsonInput, mockedNetwork } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { AI_BENEFIT_ASSESSMENT, ALL_WITHHELD, fixture, shownIn, valuesAt, withheld, withheldStrings, WITHHOLDINGS, type Body, type Withholding } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. DuFF leaves out what is unknown (quirk 1:
// omitted, never null), but requires `person` (name, vorname, geschlecht, geburtsdatum),
// `aufenthalt`, `zustaendigkeit`, an assessment's `ausrichtung` and a measure's `art`,
// `titel`, `status` (FORMAT.md "Native structure": no `?`): without them the write fails
// before anything is sent, naming the contract path and DuFF's field.

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2025-02-14T06:00:00Z') };
const delivery = { transferId: '0b6a9c1e-4f7d-4a57-9d2e-3c5b7a9e1f20', at: new Date('2025-02-14T06:00:00Z') };
const richRecord = (): CaseRecord => toContract([jsonInput('d', fixture('rich.dossier.json'))], ctx).records[0]!;
const parsed = (input: NativeInput): Body => JSON.parse(new TextDecoder().decode(input.content)) as Body;
const dossierOf = (record: CaseRecord): Body => parsed(fromContract([record], ctx, delivery)[0]!).dossier as Body;

type Outcome = { absent: string[]; kept?: string[] } | { refused: { field: string; nativeField: string } };

const EXPECTED: Record<string, Outcome> = {
  person: { refused: { field: 'person', nativeField: 'person' } },
  'person (all but languages)': { refused: { field: 'person.officialName', nativeField: 'person.name' } },
  'person.languages': { absent: ['person.sprachen'], kept: ['person.name'] },
  residence: { refused: { field: 'residence', nativeField: 'aufenthalt' } },
  responsibility: { refused: { field: 'responsibility', nativeField: 'zustaendigkeit' } },
  potentialAssessments: { absent: ['potenzialabklaerungen'], kept: ['zustaendigkeit.phase'] },
  integrationPlan: { absent: ['integrationsplan'], kept: ['zustaendigkeit.phase'] },
  'integrationPlan (all but measures[].note)': { refused: { field: 'integrationPlan.measures[0].type', nativeField: 'integrationsplan.massnahmen.art' } },
  employment: { absent: ['erwerb'] },
  socialAssistance: { absent: ['sozialhilfe'] },
  journal: { absent: ['journal'] },
  documents: { absent: ['dokumente'] },
  consents: { absent: ['einwilligungen'] },
  'potentialAssessments[].health': { absent: ['potenzialabklaerungen[].gesundheit'], kept: ['potenzialabklaerungen[].ausrichtung'] },
  'potentialAssessments[].resources': { absent: ['potenzialabklaerungen[].ressourcen'], kept: ['potenzialabklaerungen[].ausrichtung'] },
  'potentialAssessments[].obstacles': { absent: ['potenzialabklaerungen[].hindernisse'], kept: ['potenzialabklaerungen[].ausrichtung'] },
  'potentialAssessments[].goals': { absent: ['potenzialabklaerungen[].ziele'], kept: ['potenzialabklaerungen[].ausrichtung'] },
  'potentialAssessments[].languageSkills': { absent: ['potenzialabklaerungen[].sprachkenntnisse'], kept: ['potenzialabklaerungen[].ausrichtung'] },
  'potentialAssessments[].education': { absent: ['potenzialabklaerungen[].ausbildungen'], kept: ['potenzialabklaerungen[].ausrichtung'] },
  'potentialAssessments[].workExperience': { absent: ['potenzialabklaerungen[].berufserfahrungen'], kept: ['potenzialabklaerungen[].ausrichtung'] },
  'potentialAssessments[].orientation': { refused: { field: 'potentialAssessments[0].orientation', nativeField: 'potenzialabklaerungen.ausrichtung' } },
  'integrationPlan.measures[].note': { absent: ['integrationsplan.massnahmen[].bemerkung'], kept: ['integrationsplan.massnahmen[].titel'] },
  'ai-benefit-assessment': { refused: { field: 'responsibility', nativeField: 'zustaendigkeit' } },
  'all at once': { refused: { field: 'person', nativeField: 'person' } },
};

describeWithheld('contract → DuFF: a record without what the policy withheld', {
  rich: richRecord,
  expected: EXPECTED,
  written: dossierOf,
  others: [(r) => fromContract([r], ctx)],
  configuration: ctx.settings,
  absence: 'omitted',
});

describe('DuFF transport: a delivery to the IV (ai-benefit-assessment)', () => {
  mockedNetwork();
  const settings: ConnectionSettings = { ...SAMPLE_CONTEXT, now: () => new Date('2025-02-14T05:30:00Z'), env: { DUFF_API_KEY: 'duff-k3y-geheim' } };

  it('fails before sending, for good, naming responsibility and zustaendigkeit', async () => {
    const request = deliveryRequest(withheld(richRecord(), AI_BENEFIT_ASSESSMENT), { transferId: '5d0c7a1e-3b2f-4c8d-9e6a-7f1b2c3d4e60', sender: 'ag-mika', target: 'ag-iv-sva' });
    // No scope is set up: a request sent would fail as unreachable, not as a mapping error.
    const error = await connect(settings).deliver(request).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MappingError);
    expect(error).toMatchObject({ code: 'mapping.required', retryable: false, details: { field: 'responsibility', nativeField: 'zustaendigkeit' } });
  });
});
