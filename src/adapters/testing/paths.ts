// Fixtures edited in memory by path (`beneficiaire.langues[0].code`): a test changes one
// value of a parsed body, then maps it again.

function steps(p: string): (string | number)[] {
  return p.split('.').flatMap((part) => {
    const [head, ...indices] = part.split('[');
    return [...(head ? [head] : []), ...indices.map((i) => Number(i.replace(']', '')))];
  });
}

/** Sets (or, with `undefined`, deletes) the value at a path. */
export function setPath(root: unknown, p: string, value: unknown): void {
  const all = steps(p);
  let node = root as Record<string | number, unknown>;
  for (const step of all.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = all.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** The value at a path, or undefined where the path leads nowhere. */
export function getPath(root: unknown, p: string): unknown {
  let node = root as Record<string | number, unknown> | undefined;
  for (const step of steps(p)) node = node?.[step] as Record<string | number, unknown> | undefined;
  return node;
}

/** A value of a parsed fixture as an object, to edit it (the test knows what it holds). */
export const asJson = (value: unknown): Record<string, unknown> => value as Record<string, unknown>;

/** A value of a parsed fixture as a list of objects. */
export const asJsonList = (value: unknown): Record<string, unknown>[] => value as Record<string, unknown>[];
