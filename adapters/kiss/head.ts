import { attrValue, InputError, parseXml, type NativeInput, type XmlElement } from '../../src/adapters/sdk.js';
import { timestamp, type KissSettings } from './native.js';

// The file around the UAs: root, `entete`, mandant. A fault here is the file's: an
// InputError naming the file and the attribute, never a value.

/** What KiSS exports, and what the gateway writes for it to import (the same layout). */
export const ROOTS = ['exportKiSS', 'importKiSS'];

export interface KissFile {
  name: string;
  root: XmlElement;
  mandant: string;
  /** `entete/@creeLe` with its Zurich offset: when the mutation happened. */
  createdAt?: string;
  uas: XmlElement[];
}

function refused(file: string, code: string, field: string, what: string): InputError {
  return new InputError(code, `${file}: ${field} ${what}`, { field, file }, 422);
}

/** KiSS writes `*.part` first and renames it when complete: such a file is not read yet. */
export const isPartial = (name: string): boolean => name.endsWith('.part');

/** The inputs to read, in name order (each file a full snapshot of its UA, later ones newer). */
export function readable(inputs: readonly NativeInput[]): NativeInput[] {
  return inputs.filter((i) => !isPartial(i.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** UTF-8 with or without a byte-order mark (KiSS 5.4 writes none): the reader accepts both. */
export function readFile(input: NativeInput, settings: KissSettings): KissFile {
  const root = parseXml(input.content, { file: input.name });
  if (!ROOTS.includes(root.local)) throw refused(input.name, 'kiss.not-an-export', 'root', 'is not exportKiSS');
  const entete = root.child('entete');
  const mandant = attrValue(entete, 'mandant');
  if (mandant === undefined) throw refused(input.name, 'kiss.invalid-header', 'entete/@mandant', 'is missing');
  if (mandant !== settings.mandant) throw refused(input.name, 'kiss.unknown-mandant', 'entete/@mandant', 'is not the mandant configured for this institution');
  let createdAt: string | undefined;
  try {
    createdAt = timestamp(attrValue(entete, 'creeLe'), { field: '', nativeField: 'entete/@creeLe' });
  } catch {
    throw refused(input.name, 'kiss.invalid-header', 'entete/@creeLe', 'is malformed');
  }
  return { name: input.name, root, mandant, createdAt, uas: root.all('uniteAssistance') };
}
