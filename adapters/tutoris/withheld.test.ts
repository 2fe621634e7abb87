import path from 'node:path';
import { describeRequiredParts, xmlValues } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { DELTA_09, bytesOf, ctx } from './test-support.js';
import { toContract } from './to-contract.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. The parts an import file cannot do without
// fail the delivery before a file is written, naming the contract path and the element;
// what a file holds otherwise holds nothing of a withheld part.

describeRequiredParts('contract → Tutoris: a record without what the policy withheld', {
  rich: () => toContract([{ name: DELTA_09, content: bytesOf(DELTA_09) }], ctx).records[0]!,
  write: (record) => fromContract([record], ctx, { transferId: 'tr-0815', at: new Date('2026-03-14T06:20:00+01:00') }),
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  values: (files) => xmlValues(files),
  configuration: ctx.settings,
});
