import type { Logger } from '../logger.js';
import { BullJobQueue } from './bullmq.js';
import { MemoryJobQueue } from './memory.js';
import type { JobQueue, RetryPolicy } from './port.js';

export type { JobQueue, RetryPolicy } from './port.js';

/** BullMQ when a Redis URL is given; the in-process queue otherwise (embedded mode). */
export function createJobQueue(config: {
  redisUrl?: string;
  prefix: string;
  retry: RetryPolicy;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  operationTimeoutMs?: number;
  logger?: Logger;
}): JobQueue {
  if (!config.redisUrl) return new MemoryJobQueue(config.retry);
  return new BullJobQueue({
    redisUrl: config.redisUrl,
    prefix: config.prefix,
    retry: config.retry,
    ...(config.lockDurationMs ? { lockDurationMs: config.lockDurationMs } : {}),
    ...(config.stalledIntervalMs ? { stalledIntervalMs: config.stalledIntervalMs } : {}),
    ...(config.operationTimeoutMs ? { operationTimeoutMs: config.operationTimeoutMs } : {}),
    ...(config.logger ? { logger: config.logger } : {}),
  });
}
