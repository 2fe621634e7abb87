import { createHmac } from 'node:crypto';

/**
 * A keyed pseudonym of a person in one installation of a source system: stable, so every
 * transfer, consent and revocation of the same person meet; distinct across installations
 * (two cantons' Tutoris never share one); useless without the gateway's key.
 */
export function personRef(key: Uint8Array, installation: string, localPersonId: string): string {
  return 'p2:' + createHmac('sha256', key).update(`${installation}\u0000${localPersonId}`, 'utf8').digest('base64url');
}

/** The pseudonym of an AHV number, so an officer can search by it; the number itself is never kept. */
export function vnRef(key: Uint8Array, vn: string): string {
  return 'v1:' + createHmac('sha256', key).update(`vn\u0000${vn}`, 'utf8').digest('base64url');
}
