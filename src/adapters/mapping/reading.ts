import { isObject, listAt, objectAt, type JsonObject } from './json.js';
import { instantKey, ordered } from './order.js';
import { at, down, item, missing, required, sub, type At } from './reject.js';
import type { CodeList, Decoded } from './codes.js';
import type { XmlElement } from '../xml/element.js';
import type {
  CefrLevel,
  ConsentKind,
  DataCategory,
  DocumentKind,
  EducationLevel,
  EmploymentSituation,
  FinancedBy,
  JournalCategory,
  LanguageSkillKind,
  MeasureOutcome,
  MeasureStatus,
  MeasureType,
  Orientation,
  Phase,
  Purpose,
  ResidenceStatus,
  Sex,
} from '../../contract/types.js';
import { attrValue } from '../xml/values.js';

// Reading the contract's objects from a native tree by the FORMAT's names. Systems keep the
// same objects (a status period, a measure, a consent) under their own names and in their
// own trees (JSON bodies, XML files); what a contract object is made of, and in which order
// its fields are read, is written once (contract-parts.ts). An adapter gives the names
// (`fields.yaml`), how its values are written (a `ValueKit`) and its code lists.

/** The FORMAT's names of a contract object's fields: a native field, or an object or list with its own names. */
export interface FieldNames {
  /** Where the object, list or value sits below its parent (`sejour`, `bilans/bilan`); an object without one is in the parent itself. */
  readonly native?: string;
  /** The list comes newest first (read backwards before sorting). */
  readonly newestFirst?: boolean;
  /** The value kit's reader for this field, when it is not the field's own kind (`legacyDate`). */
  readonly read?: string;
  /** The value is the node's own text (XML); `native` only names it in rejections. */
  readonly own?: boolean;
  readonly [field: string]: string | boolean | FieldNames | undefined;
}

/** How one kind of tree is walked: JSON objects or XML elements. */
export interface NativeTree<N> {
  /** One step down on both sides (`.` in JSON paths, `/` in XML ones). */
  step(base: At, field: string, native: string): At;
  /** The separator of native paths (`prestataire.id`, `prestataire/@service`). */
  separator: string;
  /** A child object by its native name; a value that is no object rejects at `where`. */
  child(node: N, name: string, where: At): N | undefined;
  /** The raw value of a native field (`.`: the node's own text). */
  raw(node: N, name: string): unknown;
  /** The raw items of a list at a native path below `node`. */
  items(node: N | undefined, path: string, where: At): readonly unknown[];
  /** Where an empty required list is missing: the list itself, or an XML list's container (`statuts` of `statuts/statut`). */
  missingAt(list: At): At;
  /** An item of a list as a node; one that is no object rejects at `where`. */
  node(raw: unknown, where: At): N;
  /** Like `node`, but an absent item (`null`) is undefined: its sort key is read before it is rejected. */
  peek(raw: unknown, where: At): N | undefined;
  /** An item of a list of values (codes, ids) as its raw value. */
  scalar(raw: unknown): unknown;
}

export const JSON_TREE: NativeTree<JsonObject> = {
  step: sub,
  separator: '.',
  child: (node, name, where) => objectAt(walkJson(node, name), where),
  raw: (node, name) => node[name],
  items: (node, path, where) => listAt(walkJson(node, path), where),
  missingAt: (list) => list,
  node: (raw, where) => required(objectAt(raw, where), where),
  peek: (raw, where) => objectAt(raw, where),
  scalar: (raw) => raw,
};

function walkJson(node: JsonObject | undefined, path: string): unknown {
  let value: unknown = node;
  for (const step of path.split('.')) value = isObject(value) ? value[step] : undefined;
  return value;
}

export const XML_TREE: NativeTree<XmlElement> = {
  step: down,
  separator: '/',
  child: (node, name) => node.child(name),
  raw: (node, name) => (name === '.' ? node.text : name.startsWith('@') ? attrValue(node, name.slice(1)) : childText(node, name)),
  items: (node, path) => {
    const steps = path.split('/');
    let parent: XmlElement | undefined = node;
    for (const step of steps.slice(0, -1)) parent = parent?.child(step);
    return parent?.all(steps.at(-1)!) ?? [];
  },
  missingAt: (list) => ({ field: list.field, nativeField: list.nativeField.includes('/') ? list.nativeField.slice(0, list.nativeField.lastIndexOf('/')) : list.nativeField }),
  node: (raw) => raw as XmlElement,
  peek: (raw) => raw as XmlElement,
  scalar: (raw) => (raw as XmlElement).text.trim(),
};

function childText(node: XmlElement, name: string): string | undefined {
  const raw = node.child(name)?.text.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

export interface Range {
  min?: number;
  max?: number;
}

/** Reads a raw native value at its place: the adapter's parsers and checks of one kind of value. */
export type ValueReader = (raw: unknown, where: At, range?: Range) => unknown;

/**
 * How a system writes its values, by kind: `id`, `text`, `date`, `timestamp`, `integer`,
 * `number`, `boolean`, `code` (the native code a list decodes), `institution`, `provider`,
 * `country`, `language`, `isco`, `mediaType`, `sha256`, `documentRef`, `ahv`, `zemis`, and
 * any of the adapter's own that its names refer to (`read: legacyDate`).
 */
export interface ValueKit {
  readonly [kind: string]: ValueReader | undefined;
}

/** The adapter's code lists the contract's objects are read through (its codes.ts). */
export interface ContractCodes {
  SEX: CodeList<Sex>;
  STATUS: CodeList<ResidenceStatus>;
  PHASE: CodeList<Phase>;
  EMPLOYMENT?: CodeList<EmploymentSituation>;
  LEVEL: CodeList<CefrLevel>;
  SKILL: CodeList<LanguageSkillKind>;
  EDUCATION: CodeList<EducationLevel>;
  ORIENTATION: CodeList<Orientation>;
  MEASURE_TYPE: CodeList<MeasureType>;
  MEASURE_STATUS: CodeList<MeasureStatus>;
  OUTCOME: CodeList<MeasureOutcome>;
  FINANCED_BY: CodeList<FinancedBy>;
  JOURNAL: CodeList<JournalCategory>;
  DOCUMENT_KIND: CodeList<DocumentKind>;
  CONSENT_KIND: CodeList<ConsentKind>;
  PURPOSE: CodeList<Purpose>;
  DATA_CATEGORY: CodeList<DataCategory>;
}

/** A native object at its place, with the FORMAT's names of its fields. */
export interface Entry<N> {
  /** Undefined for an object the native side does not hold: its fields read as absent. */
  node: N | undefined;
  where: At;
  names: FieldNames;
}

export interface ListOptions {
  /** The field the contract orders the list by, and its kind (`from`/`date`, `at`/`timestamp`). */
  sortBy?: { field: string; kind: 'date' | 'timestamp' };
  /** The list must hold an entry. */
  required?: boolean;
  /** Entries to leave out (that the reading side may not see): not counted in the contract's indices. */
  keep?: (raw: unknown) => boolean;
}

/** An adapter's reading of its tree: its names, its value kit and its code lists. */
export class Reading<N> {
  constructor(
    readonly tree: NativeTree<N>,
    readonly kit: ValueKit,
    readonly codes: ContractCodes,
    /** Sort keys read before an entry is mapped; strict (the value's own reader) unless the system sorts leniently. */
    readonly sortKey?: (kind: 'date' | 'timestamp', raw: unknown, where: At) => string | undefined,
  ) {}

  /** The root of a mapping: a native object and the place it sits at. */
  entry(node: N | undefined, where: At, names: FieldNames): Entry<N> {
    return { node, where, names };
  }

  names(e: Entry<N>, field: string): FieldNames | undefined {
    const n = e.names[field];
    return typeof n === 'object' ? n : undefined;
  }

  private native(e: Entry<N>, field: string): string | undefined {
    const n = e.names[field];
    return typeof n === 'string' ? n : typeof n === 'object' ? n.native : undefined;
  }

  /** Whether the FORMAT names the field at all. */
  has(e: Entry<N>, field: string): boolean {
    return e.names[field] !== undefined;
  }

  place(e: Entry<N>, field: string): At {
    return this.tree.step(e.where, field, this.native(e, field) ?? '');
  }

  /** The raw value of a field; a path walks its objects, each rejecting at its own place when it is none. */
  raw(e: Entry<N>, field: string): unknown {
    const path = this.native(e, field);
    if (path === undefined) return undefined;
    const n = e.names[field];
    if (typeof n === 'object' && n.own) return e.node === undefined ? undefined : this.tree.raw(e.node, '.');
    const steps = path.split(this.tree.separator);
    let node = e.node;
    for (let i = 0; i < steps.length - 1 && node !== undefined; i += 1) {
      node = this.tree.child(node, steps[i]!, this.tree.step(e.where, field, steps.slice(0, i + 1).join(this.tree.separator)));
    }
    return node === undefined ? undefined : this.tree.raw(node, steps.at(-1)!);
  }

  private reader(e: Entry<N>, field: string, kind: string): ValueReader {
    const n = e.names[field];
    const name = typeof n === 'object' && n.read ? n.read : kind;
    const read = this.kit[name];
    if (!read) throw new Error(`the value kit has no reader ${name} (for ${e.where.field}.${field})`);
    return read;
  }

  get(e: Entry<N>, field: string, kind: string, range?: Range): unknown {
    if (!this.has(e, field)) return undefined;
    return this.reader(e, field, kind)(this.raw(e, field), this.place(e, field), range);
  }

  need(e: Entry<N>, field: string, kind: string, range?: Range): unknown {
    return required(this.get(e, field, kind, range), this.place(e, field));
  }

  private codeOf(e: Entry<N>, field: string): string | undefined {
    return this.get(e, field, 'code') as string | undefined;
  }

  code<C extends string>(e: Entry<N>, field: string, list: CodeList<C>): C {
    return list.value(this.codeOf(e, field), this.place(e, field));
  }

  codeOptional<C extends string>(e: Entry<N>, field: string, list: CodeList<C>): C | undefined {
    return this.has(e, field) ? list.valueOptional(this.codeOf(e, field), this.place(e, field)) : undefined;
  }

  decode<C extends string>(e: Entry<N>, field: string, list: CodeList<C>): Decoded<C> {
    return list.decode(this.codeOf(e, field), this.place(e, field));
  }

  decodeOptional<C extends string>(e: Entry<N>, field: string, list: CodeList<C>): Decoded<C> | undefined {
    return this.has(e, field) ? list.decodeOptional(this.codeOf(e, field), this.place(e, field)) : undefined;
  }

  /**
   * A nested object (`municipality`, `health`): below its own native object, or, without
   * `native`, in the parent's; its `node` is undefined when the native side holds none.
   */
  object(e: Entry<N>, field: string): Entry<N> {
    const names = this.names(e, field);
    const where = this.place(e, field);
    // A FORMAT without the object: none of its fields is read.
    if (!names) return { node: undefined, where, names: {} };
    if (names.native === undefined) return { node: e.node, where, names };
    return { node: e.node === undefined ? undefined : this.tree.child(e.node, names.native, where), where, names };
  }

  /** A list of objects in the contract's order, each at its place (contract index, native index). */
  list(e: Entry<N>, field: string, options: ListOptions = {}): Entry<N>[] {
    const names = this.names(e, field);
    if (!names) return [];
    const base = this.place(e, field);
    const raws = this.tree.items(e.node, names.native ?? field, base);
    if (options.required && raws.length === 0) throw missing(this.tree.missingAt(base));
    const sort = options.sortBy;
    const keyOf = sort ? (raw: unknown, w: At): string | undefined => this.key({ node: this.tree.peek(raw, w), where: w, names }, sort.field, sort.kind) : undefined;
    return ordered(raws, base, { newestFirst: names.newestFirst === true, ...(keyOf ? { keyOf } : {}), ...(options.keep ? { keep: options.keep } : {}) }).map(({ value, where }) => this.entryOf(value, where, names));
  }

  private entryOf(raw: unknown, where: At, names: FieldNames): Entry<N> {
    return { node: this.tree.node(raw, where), where, names };
  }

  private key(e: Entry<N>, field: string, kind: 'date' | 'timestamp'): string | undefined {
    if (this.sortKey) return this.sortKey(kind, this.raw(e, field), this.place(e, field));
    const value = this.get(e, field, kind) as string | undefined;
    return kind === 'timestamp' ? instantKey(value) : value;
  }

  /** A list of values (`purposes`, `documentIds`): each read by the kit's `kind` at its place, then by `read`; `required`: one at least. */
  values<T>(e: Entry<N>, field: string, kind: string, read: (value: unknown, where: At) => T, options: { required?: boolean } = {}): T[] {
    if (!this.has(e, field)) return [];
    const base = this.place(e, field);
    const reader = this.reader(e, field, kind);
    const values = this.tree.items(e.node, this.native(e, field)!, base).map((raw, i) => read(reader(this.tree.scalar(raw), item(base, i)), item(base, i)));
    if (options.required && values.length === 0) throw missing(base);
    return values;
  }
}

/** The place of the record itself, for a root object at a native path (`beneficiaire`). */
export const ROOT: At = at('', '');
