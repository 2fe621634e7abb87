import path from 'node:path';
import { describeRequiredParts, xlsxValues } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { ctx, fixture, map } from './test-support.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. The cells the tool cannot do without fail
// the delivery before a workbook is written, naming the contract path and the cell.

describeRequiredParts('contract → Excel tool: a record without what the policy withheld', {
  rich: () => map(fixture('rich')).records[0]!,
  write: (record) => fromContract([record], ctx, { transferId: 'tr-0815', at: new Date('2026-01-15T10:00:00Z') }),
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  values: (files) => xlsxValues(files),
  configuration: ctx.settings,
});
