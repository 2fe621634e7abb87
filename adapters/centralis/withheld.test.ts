import path from 'node:path';
import { describeWithheld } from '../../src/adapters/testing.js';
import { readChangeSet, type CaseRecord } from '../../src/adapters/sdk.js';
import { jsonInputs } from '../../src/adapters/testing.js';
import { fromContract } from './from-contract.js';
import { bodies, ctx, type Json } from './test-inputs.js';
import { toContract } from './to-contract.js';

// A delivered record lacks every category the policy withheld (policies/categories.yaml),
// even parts the contract requires of a source. Centralis marks no column required
// (FORMAT.md "Native structure") and the change set leaves out what is unknown, so an
// update never clears a value: each absent part is left out, never filled in.

const delivery = { transferId: 'tr-0815', at: new Date('2026-01-15T10:00:00Z') };
const richRecord = (): CaseRecord => toContract(jsonInputs(bodies('rich')), ctx).records[0]!;

/** `x@odata.bind` as `x@bind`, so that a path of the kit (split at dots) can name it. */
const bindless = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(bindless) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace('@odata.bind', '@bind'), bindless(x)])) : v;

/** The change set of a delivery as one tree: the bodies of its parts by entity set. */
function written(record: CaseRecord): Json {
  const [batch] = fromContract([record], ctx, delivery);
  const tree: Json = {};
  for (const part of readChangeSet(new TextDecoder().decode(batch!.content), batch!.name)) ((tree[part.entitySet] ??= []) as unknown[]).push(bindless(part.body));
  return tree;
}

describeWithheld('contract → Centralis: a record without what the policy withheld', {
  rich: richRecord,
  expected: path.resolve(import.meta.dirname, 'withheld.yaml'),
  written: written,
  others: [(r) => fromContract([r], ctx)],
  configuration: ctx.settings,
  absence: 'omitted',
});
