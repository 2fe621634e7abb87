import { expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script, without declarations
import { staleLine as untypedStaleLine } from '../../bin/generate-types.js';

const staleLine = untypedStaleLine as () => Promise<number | null>;

it('src/generated/api.ts equals a fresh generation from contracts/', async () => {
  const line = await staleLine();
  expect(line, `src/generated/api.ts is stale (first difference at line ${String(line)}): run npm run generate`).toBeNull();
});
