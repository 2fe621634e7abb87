import { invalid, required, type At } from './reject.js';

// Values of a fixed shape that many formats carry alike: media types, SHA-256 digests in
// hex, ISCO-08 codes. A value of another shape rejects naming the place, never the value.

export const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

/** The value when it has the shape; blank is absent; another shape rejects with `code`. */
export function matching(value: string | undefined, shape: RegExp, code: string, where: At, says: string): string | undefined {
  if (value !== undefined && !shape.test(value)) throw invalid(code, where, says);
  return value;
}

/** A media type (`type/subtype`), required. */
export function mediaTypeOf(value: string | undefined, where: At): string {
  return matching(required(value, where), MEDIA_TYPE, 'mapping.invalid-media-type', where, 'is not a media type (type/subtype)')!;
}

/**
 * A SHA-256 digest as 64 hex digits, required, in lower case: upper-case digits are taken
 * and lowered, unless the format writes lower case only (`lowerOnly`), then they reject.
 */
export function sha256HexOf(value: string | undefined, where: At, options: { lowerOnly?: boolean } = {}): string {
  const raw = required(value, where);
  if (options.lowerOnly) return matching(raw, /^[0-9a-f]{64}$/, 'mapping.invalid-hash', where, 'is not 64 lower-case hexadecimal digits')!;
  return matching(raw, /^[0-9a-fA-F]{64}$/, 'mapping.invalid-hash', where, 'is not 64 hexadecimal digits')!.toLowerCase();
}

/** An ISCO-08 code: a unit group of 4 digits, or (`anyLevel`) a code of any of its levels, 1 to 4 digits. */
export function iscoOf(value: string | undefined, where: At, options: { anyLevel?: boolean } = {}): string | undefined {
  return options.anyLevel ? matching(value, /^\d{1,4}$/, 'mapping.invalid-isco', where, 'is not an ISCO-08 code') : matching(value, /^\d{4}$/, 'mapping.invalid-isco', where, 'is not an ISCO-08 code of 4 digits');
}

/**
 * A reference to a document of the record (an attestation, a measure's file): an id not
 * among `documentIds` rejects as `mapping.unknown-document`, `says` naming where they are.
 */
export function documentRefOf(id: string | undefined, documentIds: ReadonlySet<string>, where: At, says: string): string | undefined {
  if (id !== undefined && !documentIds.has(id)) throw invalid('mapping.unknown-document', where, says);
  return id;
}
