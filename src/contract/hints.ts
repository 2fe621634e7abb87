/**
 * What a field was expected to be, in the contract's own words: the `description` of the
 * schema that holds the failing keyword. Found by walking the schema along the value's
 * path, because ajv's `schemaPath` is relative to whichever `$ref` target was compiled
 * on its own and so cannot be resolved back to a document.
 */
export type Hint = (instancePath: string, keyword: string) => string | undefined;

type Node = Record<string, unknown>;
interface Located {
  node: Node;
  file: string;
}

const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

function pointerGet(node: unknown, pointer: string): unknown {
  for (const raw of pointer.split('/').slice(1)) {
    if (!isNode(node)) return undefined;
    node = node[decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** `documents`: the schema files by name; the walk starts at `file#pointer`. */
export function schemaHints(documents: ReadonlyMap<string, unknown>, file: string, pointer = ''): Hint {
  const resolve = (ref: string, from: string): Located | undefined => {
    const [doc = '', target = ''] = ref.split('#');
    const name = doc === '' ? from : (doc.split('/').pop() ?? '');
    const node = pointerGet(documents.get(name), target);
    return isNode(node) ? { node, file: name } : undefined;
  };
  // The schema at one place and every $ref target behind it, outermost first.
  const chain = (start: Located | undefined): Located[] => {
    const out: Located[] = [];
    for (let at = start; at && out.length < 16; at = typeof at.node.$ref === 'string' ? resolve(at.node.$ref, at.file) : undefined) out.push(at);
    return out;
  };
  const step = (links: Located[], segment: string): Located | undefined => {
    const last = links.at(-1);
    if (!last) return undefined;
    const { properties, items } = last.node;
    if (isNode(properties) && isNode(properties[segment])) return { node: properties[segment], file: last.file };
    if (/^\d+$/.test(segment) && isNode(items)) return { node: items, file: last.file };
    return undefined;
  };
  const root = resolve(`#${pointer}`, file);

  return (instancePath, keyword) => {
    let links = chain(root);
    for (const segment of instancePath.split('/').slice(1)) {
      links = chain(step(links, segment.replace(/~1/g, '/').replace(/~0/g, '~')));
      if (links.length === 0) return undefined;
    }
    const inner = [...links].reverse();
    const holder = inner.find((l) => keyword in l.node && typeof l.node.description === 'string');
    const described = holder ?? inner.find((l) => typeof l.node.description === 'string');
    return described?.node.description as string | undefined;
  };
}
