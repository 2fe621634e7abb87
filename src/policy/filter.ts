import type { CaseRecord, DataCategory, Decision } from '../contract/types.js';
import type { CategoryMap } from './categories.js';

/**
 * The record as the recipient may see it: withheld categories absent (not blanked),
 * objects and arrays that held only withheld data gone, the envelope always there, and
 * the identifying fields of an item kept whenever any other field of it goes.
 */
export function applyDecision(record: CaseRecord, decision: Decision, map: CategoryMap): CaseRecord {
  const allowed = new Set<DataCategory>(decision.disclosed.map((d) => d.category));
  const keep = (path: string): boolean => {
    const cls = map.classify(path);
    return cls.kind === 'envelope' || (cls.kind === 'category' && allowed.has(cls.category));
  };
  return (prune(record, '', keep, map) ?? {}) as CaseRecord;
}

function prune(value: unknown, path: string, keep: (path: string) => boolean, map: CategoryMap): unknown {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return keep(path) ? value : undefined;
    const items = value.map((item) => prune(item, `${path}[]`, keep, map)).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const keys = map.itemKeys.get(path) ?? [];
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (keys.includes(key)) continue;
      const kept = prune(child, path ? `${path}.${key}` : key, keep, map);
      if (kept !== undefined) out[key] = kept;
    }
    if (Object.keys(out).length === 0) return undefined;
    if (keys.length === 0) return out;
    // Identifying fields first, in the record's own order.
    const withKeys: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (keys.includes(key)) withKeys[key] = child;
      else if (key in out) withKeys[key] = out[key];
    }
    return withKeys;
  }
  return keep(path) ? value : undefined;
}
