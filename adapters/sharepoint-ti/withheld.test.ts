import path from 'node:path';
import { describeWithheld } from '../../src/adapters/testing.js';
import type { CaseRecord } from '../../src/adapters/sdk.js';
import { jsonInputs } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import type { DeliveryDocument } from './inputs.js';
import { bodies, ctx } from './test-inputs.js';
import { toContract } from './to-contract.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. Every column may be `null` (FORMAT.md
// "Native structure") and an item leaves out what is unknown, so a MERGE never clears a
// value: each absent part is left out, never filled in (nor cleared: no `null` for it).

const delivery = { transferId: 'tr-0815', at: new Date('2026-01-15T10:00:00Z') };
const richRecord = (): CaseRecord => toContract(jsonInputs(bodies('rich')), ctx).records[0]!;
const documentOf = (record: CaseRecord): DeliveryDocument => JSON.parse(new TextDecoder().decode(fromContract([record], ctx, delivery)[0]!.content)) as DeliveryDocument;
describeWithheld('contract → SharePoint-TI: a record without what the policy withheld', {
  rich: richRecord,
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  written: documentOf,
  others: [(r) => fromContract([r], ctx)],
  configuration: ctx.settings,
  absence: (v) => v === undefined || (Array.isArray(v) && v.length === 0),
});
