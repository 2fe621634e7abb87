import type { NativeInput } from '../port.js';
import type { FileEntry } from './store.js';

/** Files of a drop folder that belong together: one export with its marker, an envelope and its data file, a set of tables. */
export interface Delivery {
  /** Stable name of the delivery (the export's file name, the message id): what the ledger and reports name. */
  id: string;
  /** The files that carry it, in the order the mapper reads them. */
  files: string[];
  /** Files that only signal completeness (`.ok` markers): moved with the delivery, never read. */
  markers: string[];
  /** Complete by the rule's names alone; `check` may still look at the content. */
  complete: boolean;
}

/**
 * How a system says that a delivery in its drop folder is whole. Each format has its own
 * rule: Tutoris writes an empty `<name>.ok` after the export, KiSS renames `.part` away,
 * sedex writes the envelope after the data file, Ecase a manifest with counts, KLIBnet a
 * file that is complete once it parses with its announced count.
 */
export interface DropRule {
  /** Groups a listing into deliveries. Files matching nothing of the format are left alone. */
  group(entries: readonly FileEntry[]): Delivery[];
  /** For rules that need the content: whole, or why not yet. */
  check?(files: readonly NativeInput[]): { complete: true } | { complete: false; reason: string };
  /** How long an incomplete delivery may wait before it is reported (Ecase: 30 minutes). */
  reportAfterMs?: number;
}

/** `<name>` is complete once `<name><suffix>` exists (Tutoris: `TUT_AIS_….xml` + `….xml.ok`). */
export function markerRule(options: { pattern: RegExp; suffix: string }): DropRule {
  return {
    group(entries) {
      const names = new Set(entries.map((e) => e.name));
      return entries
        .filter((e) => options.pattern.test(e.name))
        .map((e) => ({ id: e.name, files: [e.name], markers: names.has(e.name + options.suffix) ? [e.name + options.suffix] : [], complete: names.has(e.name + options.suffix) }));
    },
  };
}

/** A file is being written while it ends in `partial` (KiSS: `.part`), complete once renamed. */
export function renameRule(options: { pattern: RegExp; partial: string }): DropRule {
  return {
    group(entries) {
      return entries
        .filter((e) => options.pattern.test(e.name) && !e.name.endsWith(options.partial))
        .map((e) => ({ id: e.name, files: [e.name], markers: [], complete: true }));
    },
  };
}

/**
 * Two files make one message and the second is written last (sedex: `data_<id>.xml`, then
 * `envl_<id>.xml`): complete once both exist. Files are given as [last, first], the order
 * the mapper reads them (the envelope first).
 */
export function pairRule(options: { first: (id: string) => string; last: (id: string) => string; idOf: (name: string) => string | undefined }): DropRule {
  return {
    group(entries) {
      const names = new Set(entries.map((e) => e.name));
      const ids = new Set(entries.map((e) => options.idOf(e.name)).filter((id): id is string => id !== undefined));
      return [...ids].sort().map((id) => {
        const [a, b] = [options.last(id), options.first(id)];
        return { id, files: [a, b], markers: [], complete: names.has(a) && names.has(b) };
      });
    },
  };
}

/**
 * The files of one delivery share a prefix (Ecase: `ECASE_<Mandant>_<stamp>_<Tabelle>.csv`
 * with `…_Manifest.csv`), complete once the content check passes (the manifest's counts).
 */
export function prefixRule(options: { prefixOf: (name: string) => string | undefined; check: DropRule['check']; reportAfterMs?: number }): DropRule {
  return {
    group(entries) {
      const byPrefix = new Map<string, string[]>();
      for (const e of entries) {
        const prefix = options.prefixOf(e.name);
        if (prefix === undefined) continue;
        byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), e.name]);
      }
      return [...byPrefix].sort(([a], [b]) => a.localeCompare(b)).map(([id, files]) => ({ id, files: files.sort(), markers: [], complete: true }));
    },
    ...(options.check ? { check: options.check } : {}),
    ...(options.reportAfterMs ? { reportAfterMs: options.reportAfterMs } : {}),
  };
}

/** One file is one delivery, complete when its content says so (KLIBnet: it parses and holds `Kopf/AnzahlUE` UEs). */
export function contentRule(options: { pattern: RegExp; check: NonNullable<DropRule['check']>; reportAfterMs?: number }): DropRule {
  return {
    group(entries) {
      return entries.filter((e) => options.pattern.test(e.name)).map((e) => ({ id: e.name, files: [e.name], markers: [], complete: true }));
    },
    check: options.check,
    ...(options.reportAfterMs ? { reportAfterMs: options.reportAfterMs } : {}),
  };
}
