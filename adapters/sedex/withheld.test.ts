import { describeRequiredParts, xmlValues } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { ctx, inputs, RICH, sample } from './test-support.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. What the case-transfer schema cannot do
// without fails the delivery before a file is written, naming the contract path and the
// element (withheld.yaml); what the files hold otherwise holds nothing of a withheld part.

const rich = () => adapter.mapper.toContract(inputs(sample(RICH)), ctx).records[0]!;
const event = { eventId: '3e0a9c61-5b2f-4d8e-a7c4-1f6b0d2e9a35', type: 'case.institution-changed', change: { from: 'lu-daf', to: 'be-integration', effectiveDate: '2026-03-01' } } as const;

describeRequiredParts('contract → sedex: a record without what the policy withheld', adapter, { dir: import.meta.dirname, sample: rich, context: ctx, values: xmlValues, event });
