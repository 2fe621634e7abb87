import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without types
import { generate } from '../../bin/generate-types.js';

it('the committed contract types equal a fresh generation from contracts/ (else: npm run generate)', async () => {
  const committed = readFileSync(new URL('../../src/generated/api.ts', import.meta.url), 'utf8');
  expect(committed === (await generate()), 'src/generated/api.ts is stale: run npm run generate').toBe(true);
});
