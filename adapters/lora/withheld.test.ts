import path from 'node:path';
import type { ConnectionSettings } from '../../src/adapters/sdk.js';
import { describeWithheld } from '../../src/adapters/testing.js';
import { RICH, SAMPLE_CONTEXT } from './testing.js';
import { connect } from './transport.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. In Lora `null` means absent and a module
// without content is left out (quirk 1), but INFO_PRIMAIRE, SEJOUR and ENCADREMENT are
// required (quirk 2): without the part one of them is made of, the write fails before
// anything is sent, naming the contract path and the module.

const transport: ConnectionSettings = { ...SAMPLE_CONTEXT, now: () => new Date('2024-03-15T06:00:00Z'), env: { LORA_VS_PASSWORD: 's3cret-pw' } };

describeWithheld('contract → Lora: a record without what the policy withheld', {
  sample: RICH, written: (r) => RICH.bodies(r)[0]!.modules,
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  delivery: { deliver: (request) => connect(transport).deliver(request), parties: { transferId: 'tr-ai-0001', sender: 'vs-croix-rouge', target: 'vs-office-ai' } },
});
