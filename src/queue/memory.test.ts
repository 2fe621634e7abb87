import { MemoryJobQueue } from './memory.js';
import { describeQueueConformance } from './queue.conformance.js';

describeQueueConformance('in-process', async () => ({
  queue: new MemoryJobQueue({ attempts: 3, backoffMs: 5, maxBackoffMs: 20 }),
  cleanup: async () => undefined,
}));
