import { XMLBuilder } from 'fast-xml-parser';
import { InputError } from '../../errors.js';
import { encodeText, type TextEncodingName } from '../text/encoding.js';

/** An element to write: attributes left out when undefined, children in order (text or elements). */
export interface XmlOut {
  name: string;
  attributes: Readonly<Record<string, string | number | boolean | undefined>>;
  children: readonly (XmlOut | string)[];
}

type Child = XmlOut | string | number | undefined | null | false | readonly (XmlOut | undefined | null | false)[];

/** `el('Klient', { PersonNr: '1' }, el('Name', {}, 'Muster'), …)`; absent children are skipped, arrays spread. */
export function el(name: string, attributes: Readonly<Record<string, string | number | boolean | undefined>> = {}, ...children: Child[]): XmlOut {
  const flat: (XmlOut | string)[] = [];
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) {
      for (const c of child) if (c) flat.push(c);
    } else flat.push(typeof child === 'number' ? String(child) : (child as XmlOut | string));
  }
  return { name, attributes, children: flat };
}

/** `<name>` holding one child per item (`write` may leave one out), or undefined, left out, when there is no item. */
export function listElement<T>(name: string, items: readonly T[], write: (item: T, index: number) => XmlOut | undefined): XmlOut | undefined {
  return items.length === 0 ? undefined : el(name, {}, items.map(write));
}

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
});

type Ordered = Record<string, unknown>;

// XML 1.0 cannot carry these, not even as references: refuse rather than write a file no reader takes.
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function assertXmlText(node: XmlOut): void {
  for (const value of Object.values(node.attributes)) {
    if (typeof value === 'string' && ILLEGAL.test(value)) throw illegal(node.name);
  }
  for (const child of node.children) {
    if (typeof child === 'string') {
      if (ILLEGAL.test(child)) throw illegal(node.name);
    } else assertXmlText(child);
  }
}

function illegal(element: string): InputError {
  return new InputError('xml.illegal-character', `the text of <${element}> holds a character XML cannot carry`, { field: element }, 422);
}

function ordered(node: XmlOut): Ordered {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(node.attributes)) if (value !== undefined) attributes[key] = String(value);
  const children = node.children.map((c) => (typeof c === 'string' ? { '#text': c } : ordered(c)));
  return { [node.name]: children, ...(Object.keys(attributes).length ? { ':@': attributes } : {}) };
}

/**
 * A document as bytes in the encoding the target system reads, with its declaration.
 * Characters the encoding cannot hold become character references (`&#305;`), as
 * Tutoris 7 and KLIBnet write them.
 */
export function writeXml(root: XmlOut, encoding: TextEncodingName = 'utf-8'): Uint8Array {
  assertXmlText(root);
  const label = encoding === 'utf-8' ? 'UTF-8' : encoding === 'iso-8859-1' ? 'ISO-8859-1' : 'windows-1252';
  const declaration = { '?xml': [{ '#text': '' }], ':@': { version: '1.0', encoding: label } };
  const text = String(builder.build([declaration, ordered(root)]));
  return encodeText(text.endsWith('\n') ? text : `${text}\n`, encoding, { unmappable: 'charref' });
}
