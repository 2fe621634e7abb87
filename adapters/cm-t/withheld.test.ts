import path from 'node:path';
import { describeRequiredParts, csvValues } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { ctx, sampleFile } from './test-support.js';
import { toContract } from './to-contract.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. The cells an import row cannot do without
// fail the delivery before a file is written, naming the contract path and the column.

describeRequiredParts('contract → CM-T: a record without what the policy withheld', {
  rich: () => toContract([sampleFile('rich')], ctx).records[0]!,
  write: (record) => fromContract([record], ctx, { transferId: 'tr-0815', at: new Date('2026-03-02T07:00:00Z') }),
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  values: (files) => csvValues(files, { encoding: 'windows-1252' }),
  configuration: ctx.settings,
});
