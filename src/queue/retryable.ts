import { PasserelleError, UpstreamError } from '../errors.js';
import { backoffDelay, RetryLater, type RetryPolicy } from './port.js';

/** A handler's error is permanent only when it says so; anything unknown is worth a retry. */
export function isPermanent(error: unknown): boolean {
  return error instanceof PasserelleError && !error.retryable;
}

/** The backoff, but never sooner than the target asked for (Retry-After), within the ceiling. */
export function retryDelay(policy: RetryPolicy, attempt: number, error: unknown): number {
  if (error instanceof RetryLater) return error.delayMs;
  const asked = error instanceof UpstreamError && error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, policy.maxBackoffMs) : 0;
  return Math.max(backoffDelay(policy, attempt), asked);
}
