import { v5 as uuidv5 } from 'uuid';
import { isValidAhv13 } from '../../contract/ahv.js';
import { RECORD_ID_NAMESPACE } from '../../contract/ids.js';
import { invalid, type At } from './reject.js';

export { recordIdFor } from '../../contract/ids.js';

/**
 * The id of an event an adapter raises from what a system exports (a `Mutation`, a
 * snapshot change): UUID v5 in the contract namespace of its parts joined with `:`, so
 * the same change read twice, or after a restart, is the same event.
 */
export function eventIdFor(...parts: readonly (string | number)[]): string {
  return uuidv5(parts.map(String).join(':'), RECORD_ID_NAMESPACE);
}

/** An AHV number as systems write it (dots, blanks, a JSON number) → 13 digits, checked; absent when blank. */
export function ahv13(value: string | number | null | undefined, where: At): string | undefined {
  if (value === null || value === undefined) return undefined;
  const digits = String(value).replace(/[.\s]/g, '');
  if (digits === '') return undefined;
  if (!isValidAhv13(digits)) {
    throw invalid('mapping.invalid-ahv', where, 'is not a 13-digit AHV number starting 756 with a valid check digit');
  }
  return digits;
}

/** A ZEMIS (SYMIC) number → its digits (dots and blanks removed); other characters reject. */
export function zemis(value: string | number | null | undefined, where: At): string | undefined {
  if (value === null || value === undefined) return undefined;
  const raw = String(value).trim();
  if (raw === '') return undefined;
  if (!/^[\d.\s]+$/.test(raw)) throw invalid('mapping.invalid-zemis', where, 'is not a ZEMIS number (digits, dots and blanks)');
  return raw.replace(/[.\s]/g, '');
}

/** A SHA-256 as systems write it: any-case hex, `sha256:<hex>`, or `sha256-<base64>` → lower-case hex. */
export function sha256Hex(value: string | null | undefined, where: At): string | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  let raw = value.trim();
  if (/^sha256-/i.test(raw)) {
    const bytes = Buffer.from(raw.slice(7), 'base64');
    if (bytes.length !== 32) throw invalid('mapping.invalid-hash', where, 'is not a base64 SHA-256 digest');
    return bytes.toString('hex');
  }
  raw = raw.replace(/^sha256:/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(raw)) throw invalid('mapping.invalid-hash', where, 'is not 64 hexadecimal digits');
  return raw.toLowerCase();
}

/** `7561277304985` → `756.1277.3049.85`: the AHV number as people write it and most systems store it. */
export function dottedAhv(vn: string): string {
  return `${vn.slice(0, 3)}.${vn.slice(3, 7)}.${vn.slice(7, 11)}.${vn.slice(11)}`;
}
