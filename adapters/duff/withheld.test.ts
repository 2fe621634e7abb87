import path from 'node:path';
import { describeWithheld } from '../../src/adapters/testing.js';
import type { CaseRecord, ConnectionSettings, NativeInput } from '../../src/adapters/sdk.js';
import { jsonInput } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { fixture, type Body } from './test-support.js';
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

const transport: ConnectionSettings = { ...SAMPLE_CONTEXT, now: () => new Date('2025-02-14T05:30:00Z'), env: { DUFF_API_KEY: 'duff-k3y-geheim' } };

describeWithheld('contract → DuFF: a record without what the policy withheld', {
  rich: richRecord,
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  written: dossierOf,
  others: [(r) => fromContract([r], ctx)],
  configuration: ctx.settings,
  delivery: { deliver: (request) => connect(transport).deliver(request), parties: { transferId: '5d0c7a1e-3b2f-4c8d-9e6a-7f1b2c3d4e60', sender: 'ag-mika', target: 'ag-iv-sva' } },
  absence: 'omitted',
});

