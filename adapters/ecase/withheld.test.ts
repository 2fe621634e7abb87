import path from 'node:path';
import { describeRequiredParts, csvValues } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { ctx, sampleFiles } from './test-support.js';
import { toContract } from './to-contract.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. The cells an import cannot do without fail
// the delivery before a table is written, naming the contract path and the column.

describeRequiredParts('contract → Ecase: a record without what the policy withheld', {
  rich: () => toContract(sampleFiles('02-rich'), ctx).records[0]!,
  write: (record) => fromContract([record], ctx, { transferId: 'tr-0815', at: new Date('2026-03-02T07:00:00Z') }),
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  values: (files) => csvValues(files, { encoding: 'utf-8', trailingSeparator: true }),
  configuration: ctx.settings,
});
