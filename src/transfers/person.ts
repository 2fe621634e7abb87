import { createHmac } from 'node:crypto';

/**
 * A keyed pseudonym of a person in one source system: stable, so every transfer and
 * revocation of the same person meet, and useless without the gateway's key.
 */
export function personRef(key: Uint8Array, system: string, localPersonId: string): string {
  return 'p1:' + createHmac('sha256', key).update(`${system}:${localPersonId}`, 'utf8').digest('base64url');
}
