import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { InputError } from '../../errors.js';
import { parseXml } from './reader.js';

// XSD validation for any XML format: libxml2's xmllint compiled to
// WebAssembly, run in a worker with an in-memory file system holding only the schema files
// (no network, no disk). Errors give the line, the element (and attribute) and the rule
// broken, never the text content: xmllint's quoted values are blanked and its source
// excerpts dropped.

export interface XsdError {
  line: number;
  /** Prefixed name of the element at fault (`ct:municipality`), when xmllint names one. */
  element?: string;
  attribute?: string;
  /** The schema rule broken, with the offending value replaced by `…`. */
  rule: string;
}

export type XsdResult = { valid: true } | { valid: false; errors: XsdError[] };

export interface XsdSchema {
  /** The main schema first, then what it imports, as files of `dir` (imports resolve by name). */
  files: readonly string[];
  /** The root element the document must have: `{namespace}local`. */
  root?: string;
}

interface Loaded {
  files: { fileName: string; contents: string }[];
  root?: string;
}

/** A validator over the schema files of one folder; files are read once, on first use. */
export function xsdValidator<Name extends string>(dir: string, schemas: Readonly<Record<Name, XsdSchema>>, prefixes: Readonly<Record<string, string>>) {
  const cache = new Map<Name, Loaded>();
  const load = (name: Name): Loaded => {
    let loaded = cache.get(name);
    if (!loaded) {
      const schema = schemas[name];
      loaded = { files: schema.files.map((f) => ({ fileName: f, contents: readFileSync(path.join(dir, f), 'utf8') })), ...(schema.root ? { root: schema.root } : {}) };
      cache.set(name, loaded);
    }
    return loaded;
  };
  const qualified = (clark: string): string => {
    const m = /^\{([^}]*)\}(.+)$/.exec(clark);
    if (!m) return clark;
    const prefix = prefixes[m[1]!];
    return prefix ? `${prefix}:${m[2]}` : clark;
  };

  return async function validate(bytes: Uint8Array, name: Name, file = 'document.xml'): Promise<XsdResult> {
    const schema = load(name);
    // Well-formedness first, with the gateway's hardened reader (no DOCTYPE, bounded depth).
    let root;
    try {
      root = parseXml(bytes, { file });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { valid: false, errors: [{ line: Number(error.details.line ?? 1), rule: `not well-formed XML (${error.code})` }] };
    }
    if (schema.root && `{${root.ns}}${root.local}` !== schema.root) {
      return { valid: false, errors: [{ line: root.line, element: qualified(`{${root.ns}}${root.local}`), rule: `the root element is not ${qualified(schema.root)}` }] };
    }
    const [main, ...imports] = schema.files;
    const doc = 'document.xml';
    const result = await validateXML({ xml: [{ fileName: doc, contents: bytes }], schema: [main!], preload: imports });
    if (result.valid) return { valid: true };
    const errors = result.rawOutput
      .split('\n')
      .map((line) => new RegExp(`^${doc.replace('.', '\\.')}:(\\d+): (.*)$`).exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => describe(Number(m[1]), m[2]!, qualified));
    return { valid: false, errors: errors.length > 0 ? errors : [{ line: 1, rule: 'fails to validate' }] };
  };
}

// Quoted names xmllint puts after these words are schema names; any other quoted string
// may be the document's content (`The value '…'`, `'…' is not a valid value`).
const NAME_BEFORE = /(?:Element|attribute|facet|type|pattern|element|length of|allowed \()\s?$/;

function blank(message: string): string {
  // An enumeration's set is the schema's: kept as it is.
  const set = message.indexOf(' the set {');
  if (set >= 0) return blank(message.slice(0, set)) + message.slice(set);
  let out = '';
  let rest = message;
  for (;;) {
    const m = /'([^']*)'/.exec(rest);
    if (!m) return out + rest;
    const before = rest.slice(0, m.index);
    out += before + (NAME_BEFORE.test(before) ? m[0] : "'…'");
    rest = rest.slice(m.index + m[0].length);
  }
}

function describe(line: number, raw: string, qualified: (clark: string) => string): XsdError {
  const message = raw.replace(/^element [^:]+: /, '').replace(/^Schemas (validity|parser) error : /, '').replace(/^parser error : /, '');
  const at = /^Element '([^']+)'(?:, attribute '([^']+)')?: (.*)$/.exec(message);
  if (!at) return { line, rule: blank(message) };
  return { line, element: qualified(at[1]!), ...(at[2] ? { attribute: at[2] } : {}), rule: blank(at[3]!.replace(/\{([^}]*)\}(\w+)/g, (_, ns: string, local: string) => qualified(`{${ns}}${local}`))) };
}
