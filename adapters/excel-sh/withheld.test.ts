import { describeRequiredParts, xlsxValues } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { ctx } from './test-support.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. What the tool's workbook cannot do without
// fails the delivery before a file is written, naming the contract path and the cell
// (withheld.yaml); what the files hold otherwise holds nothing of a withheld part.

describeRequiredParts('contract → Excel tool: a record without what the policy withheld', adapter, { dir: import.meta.dirname, sample: 'rich', context: ctx, values: xlsxValues });
