import path from 'node:path';
import { describeRequiredParts, xmlValues } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { FLUE, ctx, fixtureText, mapText } from './test-kit.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. The parts an import file cannot do without
// fail the delivery before a file is written, naming the contract path and the element;
// what a file holds otherwise holds nothing of a withheld part.

describeRequiredParts('contract → KLIBnet: a record without what the policy withheld', {
  rich: () => mapText(fixtureText(FLUE)).records[0]!,
  write: (record) => fromContract([record], ctx, { transferId: 'tr-0815', at: new Date('2026-03-15T08:00:00Z') }),
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  values: (files) => xmlValues(files),
  configuration: ctx.settings,
});
