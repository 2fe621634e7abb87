import { describeRequiredParts, xmlValues } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { ctx } from './test-kit.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. What an import file cannot do without
// fails the delivery before a file is written, naming the contract path and the element
// (withheld.yaml); what the files hold otherwise holds nothing of a withheld part.

describeRequiredParts('contract → KiSS: a record without what the policy withheld', adapter, { dir: import.meta.dirname, sample: 'UA_221045_20260309084510', context: ctx, values: xmlValues });
