import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import type { CaseRecord, Connection } from '../../src/adapters/sdk.js';
import { describeTransportConformance, wholePoll } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { correctedSamplesDir, ENV, tokenScope } from './test-transport.js';
import { SAMPLE_CONTEXT } from './testing.js';

// The samples with the plans filter of a two-person page bracketed (see `bracketPlansFilter`).
const systemDir = correctedSamplesDir();
afterAll(() => rmSync(systemDir, { recursive: true, force: true }));

const read = (nativeId: string, localCaseId: string, localPersonId: string) => async (c: Connection): Promise<CaseRecord[]> => [(await c.read({ localCaseId, localPersonId, nativeId })).record];

describeTransportConformance(adapter, {
  systemDir,
  settings: { ...SAMPLE_CONTEXT, env: ENV },
  samples: {
    minimal: { prepare: () => tokenScope(), run: read('cbd4ff47-d41b-55c9-b902-097a57a2fa38', 'NE-2024-00588', '11fe0fdc-8e0b-5fe3-82e2-656bda88a339') },
    rich: { prepare: () => tokenScope(), run: read('7184ce80-efb7-5735-960e-d1f14ff6fa8c', 'NE-2021-00417', '5c812ac5-99fa-5566-96fa-74d1368573d8') },
    edge: { prepare: () => tokenScope(), run: wholePoll(null, 2) },
  },
});
