import { Reject } from './reject.js';

// A part shared by several records of one native item (a household's address, its
// journal): computed once, and if it rejects, every record that needs it is rejected
// with the same reason, each on its own, by `mapRecords`.

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: Reject };

/** Runs `fn`, keeping a `Reject` for later; anything else is a bug and propagates. */
export function attempt<T>(fn: () => T): Attempt<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (error instanceof Reject) return { ok: false, error };
    throw error;
  }
}

/** The value, or the kept `Reject` thrown again (inside the mapping of one record). */
export function unwrap<T>(result: Attempt<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}
