import { describeRequiredParts, xmlValues } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { ctx } from './test-kit.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. What an import file cannot do without
// fails the delivery before a file is written, naming the contract path and the element
// (withheld.yaml); what the files hold otherwise holds nothing of a withheld part.

describeRequiredParts('contract → KLIBnet: a record without what the policy withheld', adapter, { dir: import.meta.dirname, sample: 'KLIB_FLUE_SROL_20260309', context: ctx, values: xmlValues });
