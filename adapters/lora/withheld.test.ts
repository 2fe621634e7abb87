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
// even parts the contract requires of a source. In Lora `null` means absent and a module
// without content is left out (quirk 1), but INFO_PRIMAIRE, SEJOUR and ENCADREMENT are
// required (quirk 2): without the part one of them is made of, the write fails before
// anything is sent, naming the contract path and the module.

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2024-03-15T06:00:00Z') };
const delivery = { transferId: 'tr-4711', at: new Date('2024-03-15T06:00:00Z') };
const richRecord = (): CaseRecord => toContract([jsonInput('p', fixture('rich.page1.json'))], ctx).records[0]!;
const parsed = (input: NativeInput): Body => JSON.parse(new TextDecoder().decode(input.content)) as Body;
const modulesOf = (record: CaseRecord): Body => parsed(fromContract([record], ctx, delivery)[0]!).modules as Body;
const transport: ConnectionSettings = { ...SAMPLE_CONTEXT, now: () => new Date('2024-03-15T06:00:00Z'), env: { LORA_VS_PASSWORD: 's3cret-pw' } };

describeWithheld('contract → Lora: a record without what the policy withheld', {
  rich: richRecord,
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  written: modulesOf,
  others: [(r) => fromContract([r], ctx)],
  configuration: ctx.settings,
  delivery: { deliver: (request) => connect(transport).deliver(request), parties: { transferId: 'tr-ai-0001', sender: 'vs-croix-rouge', target: 'vs-office-ai' } },
});

