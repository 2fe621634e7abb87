import type { DataCategory } from '../contract/types.js';
import type { CategoryMapFile } from './types.js';

/** The contract's order of categories; decisions list them in it. */
export const CATEGORY_ORDER: readonly DataCategory[] = [
  'identity', 'residence', 'responsibility', 'language', 'education-work', 'health',
  'social-assistance', 'plan', 'assessment-notes', 'journal', 'documents', 'consent',
];

/** Sensitive under art. 5 nFADP: always need a consent that covers them. */
export const SENSITIVE: ReadonlySet<DataCategory> = new Set(['health', 'social-assistance', 'journal', 'documents']);

export type PathClass = { kind: 'envelope' } | { kind: 'item-key' } | { kind: 'category'; category: DataCategory } | { kind: 'unknown' };

/**
 * Classifies the paths of a record (`potentialAssessments[].health.restrictions`): the
 * longest matching prefix of the map decides.
 */
export class CategoryMap {
  private readonly prefixes: { prefix: string; category: DataCategory }[];
  private readonly envelope: ReadonlySet<string>;
  /** `potentialAssessments[]` → its identifying fields. */
  readonly itemKeys: ReadonlyMap<string, readonly string[]>;

  constructor(file: CategoryMapFile) {
    this.envelope = new Set(file.envelope);
    this.itemKeys = new Map(Object.entries(file.itemKeys ?? {}));
    this.prefixes = Object.entries(file.categories)
      .flatMap(([category, prefixes]) => (prefixes ?? []).map((prefix) => ({ prefix, category: category as DataCategory })))
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** Classes of the paths seen so far: a contract record has a few hundred distinct ones. */
  private readonly seen = new Map<string, PathClass>();

  classify(path: string): PathClass {
    let cls = this.seen.get(path);
    if (cls === undefined) {
      cls = this.classifyAnew(path);
      // Bounded: paths outside the contract (rejected later as unknown fields) must not grow it without end.
      if (this.seen.size < 20_000) this.seen.set(path, cls);
    }
    return cls;
  }

  private readonly whole = new Map<string, DataCategory | null>();

  /**
   * The category of everything below `path` when one category holds the whole subtree
   * (a prefix covers it and nothing more specific lies beneath: no longer prefix, no
   * item keys), so a walk need not descend; null otherwise.
   */
  wholeSubtree(path: string): DataCategory | null {
    let found = this.whole.get(path);
    if (found === undefined) {
      const cls = this.classify(path);
      const below = (p: string): boolean => p.startsWith(path + '.') || p.startsWith(path + '[');
      const specific = this.prefixes.some((p) => below(p.prefix)) || [...this.itemKeys.keys()].some((k) => k === path || below(k));
      found = cls.kind === 'category' && !specific ? cls.category : null;
      if (this.whole.size < 20_000) this.whole.set(path, found);
    }
    return found;
  }

  private classifyAnew(path: string): PathClass {
    const top = path.split(/[.[]/, 1)[0]!;
    if (this.envelope.has(top)) return { kind: 'envelope' };
    const lastDot = path.lastIndexOf('.');
    if (lastDot > 0 && this.itemKeys.get(path.slice(0, lastDot))?.includes(path.slice(lastDot + 1))) return { kind: 'item-key' };
    for (const { prefix, category } of this.prefixes) {
      if (path === prefix || path.startsWith(prefix + '.') || path.startsWith(prefix + '[')) return { kind: 'category', category };
    }
    return { kind: 'unknown' };
  }
}

/** Whether a value holds any leaf (an empty object holds none; an empty array is one). */
export function hasLeaf(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((v) => v === null || typeof v !== 'object') || value.some(hasLeaf);
  if (value !== null && typeof value === 'object') {
    for (const key in value as Record<string, unknown>) if (hasLeaf((value as Record<string, unknown>)[key])) return true;
    return false;
  }
  return true;
}

/** Leaf paths of a value, arrays written `[]` (arrays of scalars are leaves). */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return prefix ? [prefix] : [];
    return value.flatMap((item) => leafPaths(item, `${prefix}[]`));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => leafPaths(v, prefix ? `${prefix}.${key}` : key));
  }
  return prefix ? [prefix] : [];
}
