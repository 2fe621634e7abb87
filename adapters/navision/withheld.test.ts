import path from 'node:path';
import { describeWithheld } from '../../src/adapters/testing.js';
import type { CaseRecord } from '../../src/adapters/sdk.js';
import { fromContract, navisionPayloads } from './from-contract.js';
import { BLANK_DATE, BLANK_OPTION } from './native.js';
import { inputsOf, sampleBodies, TEST_CONTEXT as ctx, type Row } from './testing.js';
import { toContract } from './to-contract.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. NAV marks no field required and holds
// absent as its blanks (FORMAT.md quirk 1: `0001-01-01`, `0`, `""`, `_blank_`): each absent
// part is written as blanks, never filled in (a `PATCH` then leaves the blanks out).

const delivery = { transferId: 'tr-0815', at: new Date('2025-03-03T08:15:23Z') };
const richRecord = (): CaseRecord => toContract(inputsOf(sampleBodies('rich')), ctx).records[0]!;

/** A delivery as one tree: the card, then the rows of each list and sub-table by entity set. */
function written(record: CaseRecord): Row {
  const { card, subRecords } = navisionPayloads(record, ctx);
  const tree: Row = { card };
  for (const s of subRecords) ((tree[s.entitySet] ??= []) as Row[]).push(s.body);
  return tree;
}

const isAbsent = (v: unknown): boolean => v === undefined || v === '' || v === 0 || v === BLANK_DATE || v === BLANK_OPTION || (Array.isArray(v) && v.length === 0);

describeWithheld('contract → Navision: a record without what the policy withheld', {
  rich: richRecord,
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  written: written,
  others: [(r) => fromContract([r], ctx, delivery), (r) => fromContract([r], ctx)],
  configuration: ctx.settings,
  absence: isAbsent,
});
