import { SaxesParser, type SaxesTagNS } from 'saxes';
import { InputError } from '../../errors.js';
import { decodeText, encodingOf, hasUtf8Bom, textDecoderFor, type TextEncodingName } from '../text/encoding.js';
import { XmlElement } from './element.js';

/**
 * The one XML reader of the gateway, hardened for files from outside: a DOCTYPE is
 * refused before anything is expanded (no internal or external entities, so no XML bomb
 * and no file or URL is ever reached), depth, size and attribute counts are bounded, and
 * errors name the file and line, never its content.
 */
export interface XmlReadOptions {
  /** The file's name, for errors. */
  file: string;
  /** Refuse more bytes than this (default 256 MiB). */
  maxBytes?: number;
  /** Refuse deeper nesting (default 64). */
  maxDepth?: number;
  /**
   * What a declared ISO-8859-1 really is: some writers declare it and write Windows-1252
   * (KLIBnet 2.x). Default: ISO-8859-1 as declared.
   */
  latin1As?: TextEncodingName;
  /** Encoding when the file declares none and has no BOM (XML's default: UTF-8). */
  defaultEncoding?: TextEncodingName;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 64;
const MAX_ATTRIBUTES = 256;

export type XmlEvent =
  /** An element above `depth` has opened: its attributes are known, its children will follow. */
  | { kind: 'open'; element: XmlElement; depth: number }
  /** An element at `depth` is complete, with all it holds. */
  | { kind: 'element'; element: XmlElement; depth: number };

function refused(code: string, options: XmlReadOptions, what: string, line?: number): InputError {
  return new InputError(code, `${options.file}${line ? `:${line}` : ''}: ${what}`, { field: 'file', file: options.file, ...(line ? { line } : {}) }, 422);
}

/** The encoding a document declares (BOM, then the XML declaration), before any text is decoded. */
export function declaredEncoding(head: Uint8Array, options: XmlReadOptions): TextEncodingName {
  if (hasUtf8Bom(head)) return 'utf-8';
  const start = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 256)).toString('latin1');
  const declared = /^<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(start)?.[1];
  if (!declared) return options.defaultEncoding ?? 'utf-8';
  const name = encodingOf(declared, options.file);
  return name === 'iso-8859-1' ? (options.latin1As ?? 'iso-8859-1') : name;
}

/**
 * The engine under both readers: feeds text to saxes and reports elements opening above
 * `depth` and complete at `depth` (depth 1 is the root; `depth` 0 keeps the whole tree).
 */
class Engine {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly stack: XmlElement[] = [];
  readonly events: XmlEvent[] = [];
  root: XmlElement | undefined;

  constructor(
    private readonly options: XmlReadOptions,
    private readonly depth: number,
  ) {
    const p = this.parser;
    p.on('doctype', () => {
      throw refused('xml.doctype-refused', options, 'a DOCTYPE declaration is refused (it could expand entities or reach outside the file)', p.line);
    });
    p.on('opentag', (tag) => this.open(tag));
    p.on('closetag', () => this.close());
    p.on('text', (text) => this.addText(text));
    p.on('cdata', (text) => this.addText(text));
    p.on('error', (error) => {
      throw error instanceof InputError ? error : refused('xml.malformed', options, 'is not well-formed XML', p.line);
    });
  }

  private open(tag: SaxesTagNS): void {
    const level = this.stack.length + 1;
    if (level > (this.options.maxDepth ?? DEFAULT_MAX_DEPTH)) throw refused('xml.too-deep', this.options, 'nests elements deeper than allowed', this.parser.line);
    const names = Object.keys(tag.attributes);
    if (names.length > MAX_ATTRIBUTES) throw refused('xml.too-many-attributes', this.options, 'has an element with too many attributes', this.parser.line);
    const attributes: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) {
      if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      attributes[attr.name] = attr.value;
      if (attr.local !== attr.name && !(attr.local in attributes)) attributes[attr.local] = attr.value;
    }
    const element = new XmlElement(tag.name, tag.local, tag.uri, attributes, this.parser.line);
    const parent = this.stack.at(-1);
    // Elements inside a streamed record are kept; those above it are reported and let go.
    if (parent && (this.depth === 0 || level > this.depth)) parent.children.push(element);
    if (!parent) this.root = element;
    if (this.depth > 0 && level < this.depth) this.events.push({ kind: 'open', element, depth: level });
    this.stack.push(element);
  }

  private close(): void {
    const level = this.stack.length;
    const element = this.stack.pop();
    if (element && this.depth > 0 && level === this.depth) this.events.push({ kind: 'element', element, depth: level });
  }

  private addText(text: string): void {
    const current = this.stack.at(-1);
    // Text outside kept elements (between streamed records) is white space: drop it.
    if (current && (this.depth === 0 || this.stack.length >= this.depth)) current.text += text;
  }

  write(text: string): void {
    this.parser.write(text);
  }

  end(): void {
    this.parser.close();
    if (!this.root) throw refused('xml.empty', this.options, 'holds no XML element');
  }
}

/** A whole document in memory: the root element. */
export function parseXml(bytes: Uint8Array, options: XmlReadOptions): XmlElement {
  if (bytes.byteLength > (options.maxBytes ?? DEFAULT_MAX_BYTES)) throw refused('xml.too-large', options, 'is larger than allowed');
  const text = decodeText(bytes, declaredEncoding(bytes, options), options.file);
  const engine = new Engine(options, 0);
  engine.write(text);
  engine.end();
  return engine.root!;
}

/**
 * A document streamed in constant memory: reports each element above `depth` as it
 * opens (the root's attributes, a header's container) and each element at `depth` once
 * complete (`depth` 2: every child of the root). Whole-canton exports go through here.
 */
export async function* streamXml(chunks: AsyncIterable<Uint8Array>, options: XmlReadOptions & { depth: number }): AsyncGenerator<XmlEvent> {
  if (options.depth < 1) throw new RangeError('streamXml needs a depth of 1 or more');
  const engine = new Engine(options, options.depth);
  let decoder: ReturnType<typeof textDecoderFor> | undefined;
  let bytes = 0;
  let pending: Uint8Array = new Uint8Array(0);
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  for await (const chunk of chunks) {
    bytes += chunk.byteLength;
    if (bytes > limit) throw refused('xml.too-large', options, 'is larger than allowed');
    if (!decoder) {
      // The declaration must be read whole before the encoding is known.
      pending = concat(pending, chunk);
      if (pending.byteLength < 256) continue;
      decoder = textDecoderFor(declaredEncoding(pending, options), options.file);
      engine.write(decoder.write(hasUtf8Bom(pending) ? pending.subarray(3) : pending));
    } else {
      engine.write(decoder.write(chunk));
    }
    yield* engine.events.splice(0);
  }
  if (!decoder) {
    decoder = textDecoderFor(declaredEncoding(pending, options), options.file);
    engine.write(decoder.write(hasUtf8Bom(pending) ? pending.subarray(3) : pending));
  }
  engine.write(decoder.end());
  engine.end();
  yield* engine.events.splice(0);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}
