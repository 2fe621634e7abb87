import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CaseRecord, Connection } from '../../src/adapters/sdk.js';
import { describeTransportConformance, wholePoll } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { pollCursorSince } from './transport.js';

const shared = path.resolve(import.meta.dirname, '../../../shared/systems/navision');
const systemDir = existsSync(shared) ? shared : path.resolve(import.meta.dirname, 'fixtures');

const read = (no: string, localCaseId: string) => async (c: Connection): Promise<CaseRecord[]> => [(await c.read({ localCaseId, localPersonId: no })).record];

describeTransportConformance(adapter, {
  systemDir,
  settings: { ...SAMPLE_CONTEXT, env: { NAVISION_USERNAME: 'PASSERELLE', NAVISION_ACCESS_KEY: 'wsak-test' } },
  samples: {
    minimal: { run: read('BEN-005120', 'DOS-2024-0611') },
    rich: { run: read('BEN-003902', 'DOS-2021-0417') },
    edge: { run: wholePoll(pollCursorSince('2025-02-12T00:00:00Z'), 2) },
  },
});
