import { describe, expect, it } from 'vitest';
import { PasserelleError, UpstreamError } from '../errors.js';
import { backoffDelay } from './port.js';
import { isPermanent, retryDelay } from './retryable.js';

const policy = { attempts: 5, backoffMs: 1000, maxBackoffMs: 60_000 };

describe('retries', () => {
  it('back off exponentially with ±50 % jitter, up to the ceiling', () => {
    expect(backoffDelay(policy, 1, () => 0.5)).toBe(1000);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(4000);
    expect(backoffDelay(policy, 3, () => 0)).toBe(2000);
    expect(backoffDelay(policy, 3, () => 0.999)).toBeLessThan(6000);
    expect(backoffDelay(policy, 20, () => 0.5)).toBe(60_000);
  });

  it('wait at least as long as the target asked (Retry-After), never past the ceiling', () => {
    const busy = new UpstreamError('x.unavailable', 'busy', { retryable: true, retryAfterMs: 30_000 });
    expect(retryDelay(policy, 1, busy)).toBe(30_000);
    expect(retryDelay(policy, 1, new UpstreamError('x', 'busy', { retryable: true, retryAfterMs: 10 * 3600_000 }))).toBe(60_000);
  });

  it('take only errors that say so as permanent', () => {
    expect(isPermanent(new PasserelleError('x', 'refused', { retryable: false }))).toBe(true);
    expect(isPermanent(new UpstreamError('x', 'busy', { retryable: true }))).toBe(false);
    expect(isPermanent(new Error('socket hang up'))).toBe(false);
  });
});
