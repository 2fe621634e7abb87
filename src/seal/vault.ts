import { randomBytes } from 'node:crypto';
import { base64url, compactDecrypt, CompactEncrypt } from 'jose';
import { ConfigError, PasserelleError } from '../errors.js';
import { readOrCreate } from './files.js';

/**
 * Encryption at rest. Each record gets a key of its own (A256GCM content encryption,
 * `dir`); that key is stored wrapped (AES-KW under the master key). Deleting one record's
 * wrapped key destroys that record and nothing else (crypto-shredding for retention).
 */
export interface Vault {
  seal(plaintext: Uint8Array, aad: string): Promise<{ jwe: string; wrappedKey: string }>;
  open(jwe: string, wrappedKey: string, aad: string): Promise<Uint8Array>;
  /** Key material for keys derived from the master key (pseudonyms). */
  masterKeyMaterial(): Uint8Array;
}

export async function createVault(options: { dir: string; masterKey?: string }): Promise<Vault> {
  const master = options.masterKey
    ? decodeMaster(options.masterKey)
    : decodeMaster(await readOrCreate(options.dir, 'master.key', async () => randomBytes(32).toString('base64')));
  const masterKey = await crypto.subtle.importKey('raw', master, 'AES-KW', false, ['wrapKey', 'unwrapKey']);

  return {
    async seal(plaintext, aad) {
      const recordKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
      const raw = new Uint8Array(await crypto.subtle.exportKey('raw', recordKey));
      const jwe = await new CompactEncrypt(plaintext)
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'passerelle-record', kid: aad })
        .encrypt(raw);
      const wrapped = new Uint8Array(await crypto.subtle.wrapKey('raw', recordKey, masterKey, 'AES-KW'));
      return { jwe, wrappedKey: base64url.encode(wrapped) };
    },
    async open(jwe, wrappedKey, aad) {
      try {
        const recordKey = await crypto.subtle.unwrapKey('raw', base64url.decode(wrappedKey), masterKey, 'AES-KW', 'AES-GCM', true, ['decrypt']);
        const raw = new Uint8Array(await crypto.subtle.exportKey('raw', recordKey));
        const { plaintext, protectedHeader } = await compactDecrypt(jwe, raw);
        if (protectedHeader.kid !== aad) throw new Error('bound to another record');
        return plaintext;
      } catch {
        throw new PasserelleError('seal.decrypt-failed', 'a stored record could not be decrypted (wrong key, or altered)', { status: 500 });
      }
    },
    masterKeyMaterial: () => master,
  };
}

function decodeMaster(text: string): Uint8Array {
  const bytes = Buffer.from(text.trim(), 'base64');
  if (bytes.length !== 32) {
    throw new ConfigError('config.invalid', 'PASSERELLE_MASTER_KEY must be 32 bytes, base64-encoded', { field: 'PASSERELLE_MASTER_KEY' });
  }
  return new Uint8Array(bytes);
}
