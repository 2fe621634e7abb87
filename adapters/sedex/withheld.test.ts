import path from 'node:path';
import { describeRequiredParts, xmlValues } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { ctx, inputs, RICH, sample } from './test-support.js';
import { toContract } from './to-contract.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. What the case-transfer schema requires of a
// case fails the delivery before a message is written, naming the contract path and the element.

const event = { eventId: '3e0a9c61-5b2f-4d8e-a7c4-1f6b0d2e9a35', type: 'case.institution-changed', change: { from: 'lu-daf', to: 'be-integration', effectiveDate: '2026-03-01' } } as const;

describeRequiredParts('contract → sedex: a record without what the policy withheld', {
  rich: () => toContract(inputs(sample(RICH)), ctx).records[0]!,
  write: (record) => fromContract([record], ctx, { transferId: '0b9f4c7e-2d1a-4f60-8e3b-7a5c9d2e1f08', at: new Date('2026-03-02T09:31:07Z'), event }),
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  values: (files) => xmlValues(files),
  configuration: ctx.settings,
});
