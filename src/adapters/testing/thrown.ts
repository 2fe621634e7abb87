type Kind<E extends Error> = abstract new (...args: never[]) => E;

/**
 * The error `run` throws, when it is of `kind` (or one of the kinds); the test fails when
 * it throws nothing, and anything else propagates as it is. For asserting a rejection's
 * code and fields.
 */
export function thrown<E extends Error>(kind: Kind<E> | readonly Kind<E>[], run: () => unknown): E {
  const kinds: readonly Kind<E>[] = Array.isArray(kind) ? kind : [kind as Kind<E>];
  try {
    run();
  } catch (error) {
    if (kinds.some((k) => error instanceof k)) return error as E;
    throw error;
  }
  throw new Error(`expected ${kinds.map((k) => k.name).join(' or ')} to be thrown`);
}
