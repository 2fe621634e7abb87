import path from 'node:path';
import { describeTransportConformance, wholePoll } from '../../src/adapters/testing.js';
import { adapter } from './index.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { pollCursorSince } from './transport.js';

// Lora's shared samples have no requests.md: the fixtures add one per sample (the poll that
// FORMAT.md prescribes, answered by the sample's page), so the fixtures are the system folder here.
const systemDir = path.resolve(import.meta.dirname, 'fixtures');

/** A whole poll from the sample page's own `critere.modifieApres`, page after page until Lora says `suivante: null`. */
const poll = (since: string) => wholePoll(pollCursorSince(since), 50);

describeTransportConformance(adapter, {
  systemDir,
  settings: { ...SAMPLE_CONTEXT, env: { LORA_VS_PASSWORD: 'test-password' } },
  samples: {
    minimal: { run: poll('2024-03-14 00:00:00') },
    rich: { run: poll('2024-03-14 00:00:00') },
    edge: { run: poll('2024-02-27 00:00:00') },
  },
});
