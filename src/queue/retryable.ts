import { PasserelleError } from '../errors.js';

/** A handler's error is permanent only when it says so; anything unknown is worth a retry. */
export function isPermanent(error: unknown): boolean {
  return error instanceof PasserelleError && !error.retryable;
}
