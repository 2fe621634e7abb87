import { freshRedisPrefix, REDIS_URL } from '../../tests/support/services.js';
import { BullJobQueue } from './bullmq.js';
import { describeQueueConformance } from './queue.conformance.js';

describeQueueConformance('BullMQ on Redis', async () => {
  const redis = freshRedisPrefix();
  return {
    queue: new BullJobQueue({ redisUrl: REDIS_URL, prefix: redis.prefix, retry: { attempts: 3, backoffMs: 5, maxBackoffMs: 20 } }),
    cleanup: () => redis.drop(),
  };
});
