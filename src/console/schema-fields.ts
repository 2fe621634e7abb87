import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Node = { $ref?: string; properties?: Record<string, Node>; items?: Node; type?: string | string[]; allOf?: Node[] };

/**
 * Every leaf path of the record contract (`person.officialName`,
 * `integrationPlan.measures[].status`), read once from the schema: what a category can
 * hold when the delivered record itself is no longer kept.
 */
export const CONTRACT_LEAF_PATHS: readonly string[] = (() => {
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../contracts/case-record.schema.json', import.meta.url)), 'utf8')) as Node & { $defs: Record<string, Node> };
  const resolve = (node: Node): Node => (node.$ref ? resolve(schema.$defs[node.$ref.split('/').pop() ?? ''] ?? {}) : node);
  const out: string[] = [];
  const walk = (raw: Node, prefix: string, depth: number): void => {
    const node = resolve(raw);
    if (depth > 10) return;
    for (const part of node.allOf ?? []) walk(part, prefix, depth + 1);
    if (node.items) {
      const item = resolve(node.items);
      if (item.properties) walk(item, `${prefix}[]`, depth + 1);
      else out.push(prefix);
      return;
    }
    if (node.properties) {
      for (const [key, child] of Object.entries(node.properties)) walk(child, prefix ? `${prefix}.${key}` : key, depth + 1);
      return;
    }
    if (prefix) out.push(prefix);
  };
  walk(schema, '', 0);
  return [...new Set(out)];
})();
