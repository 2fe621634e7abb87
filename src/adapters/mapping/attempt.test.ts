import { describe, expect, it } from 'vitest';
import { attempt, unwrap } from './attempt.js';
import { invalid, Reject } from './reject.js';

describe('attempt / unwrap', () => {
  it('keeps a value, and gives it on unwrap', () => {
    const kept = attempt(() => 42);
    expect(kept).toEqual({ ok: true, value: 42 });
    expect(unwrap(kept)).toBe(42);
  });

  it('keeps a Reject, and throws the same one on every unwrap', () => {
    const kept = attempt(() => {
      throw invalid('mapping.invalid-date', { field: 'a', nativeField: 'A' }, 'is not a date');
    });
    expect(kept.ok).toBe(false);
    let first: unknown;
    try {
      unwrap(kept);
    } catch (error) {
      first = error;
    }
    expect(first).toBeInstanceOf(Reject);
    expect(() => unwrap(kept)).toThrow(first as Error);
  });

  it('lets anything but a Reject through at once (a bug, not a rejection)', () => {
    expect(() =>
      attempt(() => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });
});
