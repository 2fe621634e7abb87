/**
 * The error `run` throws, when it is of `kind`; the test fails when it throws nothing,
 * and anything else propagates as it is. For asserting a rejection's code and fields.
 */
export function thrown<E extends Error>(kind: abstract new (...args: never[]) => E, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error(`expected ${kind.name} to be thrown`);
}
