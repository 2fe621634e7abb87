import { InputError } from '../../errors.js';

/** The encodings canton systems declare. Never guessed from content: declared, or the format's rule. */
export type TextEncodingName = 'utf-8' | 'iso-8859-1' | 'windows-1252';

const LABELS: Readonly<Record<string, TextEncodingName>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'iso-8859-1': 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
};

/** A declared encoding label (`ISO-8859-1`, `UTF-8`) → its name; an unsupported one is refused naming the file. */
export function encodingOf(label: string, file: string): TextEncodingName {
  const found = LABELS[label.trim().toLowerCase()];
  if (!found) throw new InputError('file.unsupported-encoding', `${file} declares an encoding this gateway does not read`, { field: 'encoding', file }, 422);
  return found;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/**
 * Bytes → text. A UTF-8 byte-order mark wins and is dropped; invalid UTF-8 is refused
 * (never replaced silently). `iso-8859-1` is read byte for byte: a format whose writer
 * declares it but writes Windows-1252 (KLIBnet 2.x) says `windows-1252` instead.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName, file: string): string {
  if (hasUtf8Bom(bytes)) return utf8(bytes.subarray(3), file);
  switch (encoding) {
    case 'utf-8':
      return utf8(bytes, file);
    case 'iso-8859-1':
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    case 'windows-1252':
      return decodeCp1252(bytes);
  }
}

// Node's TextDecoder reads 'windows-1252' as Latin-1 (nodejs/node#56542): map 0x80–0x9F here.
function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.byteLength; i += 8192) {
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(8192, bytes.byteLength - i)).toString('latin1');
    out += chunk.replace(/[\u0080-\u009f]/g, (c) => CP1252_BY_BYTE.get(c.charCodeAt(0)) ?? c);
  }
  return out;
}

function utf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('file.invalid-encoding', `${file} is not valid UTF-8`, { field: 'encoding', file }, 422);
  }
}

/** A streaming decoder for one encoding: chunks in, text out, multi-byte characters kept whole. */
export function textDecoderFor(encoding: TextEncodingName, file: string): { write(chunk: Uint8Array): string; end(): string } {
  if (encoding === 'iso-8859-1') {
    return { write: (chunk) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1'), end: () => '' };
  }
  if (encoding === 'windows-1252') return { write: (chunk) => decodeCp1252(chunk), end: () => '' };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const guard = (fn: () => string): string => {
    try {
      return fn();
    } catch {
      throw new InputError('file.invalid-encoding', `${file} is not valid UTF-8`, { field: 'encoding', file }, 422);
    }
  };
  return { write: (chunk) => guard(() => decoder.decode(chunk, { stream: true })), end: () => guard(() => decoder.decode()) };
}

// Windows-1252's printable characters at 0x80–0x9F (the rest of its range is Latin-1's).
const CP1252_HIGH: Readonly<Record<string, number>> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b,
  'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99,
  'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

const CP1252_BY_BYTE = new Map<number, string>(Object.entries(CP1252_HIGH).map(([char, byte]) => [byte, char]));

export interface EncodeOptions {
  /**
   * What to do with a character the encoding cannot hold: `charref` writes an XML
   * character reference (`&#305;`, for XML only), `transliterate` drops its diacritics
   * (`ş` → `s`, as CM-T does at entry) and writes `?` when none is left.
   */
  unmappable: 'charref' | 'transliterate';
}

/** Text → bytes in `encoding`. UTF-8 holds everything; the single-byte ones follow `options`. */
export function encodeText(text: string, encoding: TextEncodingName, options: EncodeOptions = { unmappable: 'charref' }): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  // The common case, whole exports of Latin text: one pass, no per-character work.
  if (/^[\u0000-\u007f\u00a0-\u00ff]*$/.test(text)) return new Uint8Array(Buffer.from(text, 'latin1'));
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const single = encoding === 'windows-1252' ? (CP1252_HIGH[char] ?? (code <= 0xff && (code < 0x80 || code > 0x9f) ? code : undefined)) : code <= 0xff ? code : undefined;
    if (single !== undefined) {
      out.push(single);
      continue;
    }
    const replacement = options.unmappable === 'charref' ? `&#${code};` : transliterate(char);
    for (const c of replacement) out.push(c.codePointAt(0)! <= 0xff ? c.codePointAt(0)! : 0x3f);
  }
  return Uint8Array.from(out);
}

function transliterate(char: string): string {
  const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (base === 'ı') return 'i';
  return base !== char && /^[\x20-\x7e]+$/.test(base) ? base : '?';
}
