import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeWithheld } from '../../src/adapters/testing.js';
import type { CaseRecord, ConnectionSettings } from '../../src/adapters/sdk.js';
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
const transport: ConnectionSettings = {
  ...SAMPLE_CONTEXT,
  now: () => new Date('2025-03-03T08:15:23Z'),
  env: { NFAM_SECRET: 's3cret' },
  settings: { baseUrl: 'https://api.nfam.be.example/v2', tokenUrl: 'https://auth.nfam.be.example/oauth2/token', clientId: 'passerelle', clientSecret: { env: 'NFAM_SECRET' }, organisations: SAMPLE_ORGANISATIONS },
};

describeWithheld('contract → NFAM: a record without what the policy withheld', {
  rich: richRecord,
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  written: (r) => caseFromRecord(r, ctx),
  others: [(r) => fromContract([r], ctx)],
  configuration: ctx.settings,
  delivery: { deliver: (request) => connect(transport).deliver(request), parties: { transferId: '0b8f1f8e-1111-4a4a-9a9a-0000000000a1', sender: 'be-asi', target: 'be-iv-bern' } },
});

