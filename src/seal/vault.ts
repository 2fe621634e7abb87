import { randomBytes } from 'node:crypto';
import { base64url, compactDecrypt, CompactEncrypt } from 'jose';
import { ConfigError, PasserelleError } from '../errors.js';
import { keyFile, readOrCreate } from './files.js';

/**
 * Encryption at rest. Each record gets a key of its own (A256GCM content encryption,
 * `dir`); that key is stored wrapped (AES-KW under the master key). Deleting one record's
 * wrapped key destroys that record and nothing else (crypto-shredding for retention).
 *
 * `aad` binds a sealed item to its owner (a transfer id): it rides in the protected
 * header, which GCM authenticates, and `open` refuses an item under another id. Compact
 * JWE has no external AAD, hence the header. It is stored in clear: ids only, never
 * personal data.
 */
export interface Vault {
  /** Bytes are sealed as they are; any other object as its JSON. */
  seal(plaintext: Uint8Array | object, aad?: string): Promise<Sealed>;
  /** Throws `seal.decrypt-failed` for a wrong, destroyed or altered key or item. */
  open(jwe: string, wrappedKey: string, aad?: string): Promise<Uint8Array>;
  /** Key material for keys derived from the master key (pseudonyms); derive, never use as is. */
  masterKeyMaterial(): Uint8Array;
}

export interface Sealed {
  /** JWE compact serialization; safe to store. */
  jwe: string;
  /** The record's own key, AES-KW wrapped under the master key (base64url); delete it to shred. */
  wrappedKey: string;
}

export interface VaultOptions {
  /** Data folder; the master key lives in `<dir>/keys/master.key` unless given. */
  dir?: string;
  /** `PASSERELLE_MASTER_KEY`: 32 bytes, base64. */
  masterKey?: string;
}

const MASTER = 'master.key';
const CTY = 'passerelle-record';

export async function createVault(options: VaultOptions): Promise<Vault> {
  const master = await masterKeyBytes(options);
  const masterKey = await crypto.subtle.importKey('raw', master, 'AES-KW', false, ['wrapKey', 'unwrapKey']);
  const encoder = new TextEncoder();

  return {
    async seal(plaintext, aad) {
      const bytes = plaintext instanceof Uint8Array ? plaintext : encoder.encode(JSON.stringify(plaintext));
      const recordKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
      const jwe = await new CompactEncrypt(bytes)
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: CTY, ...(aad === undefined ? {} : { kid: aad }) })
        .encrypt(recordKey);
      const wrapped = new Uint8Array(await crypto.subtle.wrapKey('raw', recordKey, masterKey, 'AES-KW'));
      return { jwe, wrappedKey: base64url.encode(wrapped) };
    },
    async open(jwe, wrappedKey, aad) {
      try {
        const recordKey = await crypto.subtle.unwrapKey('raw', base64url.decode(wrappedKey), masterKey, 'AES-KW', 'AES-GCM', false, ['decrypt']);
        const { plaintext, protectedHeader } = await compactDecrypt(jwe, recordKey, {
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
        });
        if (protectedHeader.kid !== aad) throw new Error('bound to another record');
        return plaintext;
      } catch {
        // No cause: it could carry the item or key material into a log line.
        throw new PasserelleError('seal.decrypt-failed', 'a stored record could not be decrypted (wrong or destroyed key, or altered)', { status: 500 });
      }
    },
    masterKeyMaterial: () => master.slice(),
  };
}

async function masterKeyBytes(options: VaultOptions): Promise<Uint8Array> {
  if (options.masterKey) return decodeMaster(options.masterKey, 'PASSERELLE_MASTER_KEY');
  if (!options.dir) throw new ConfigError('config.invalid', 'a data folder or PASSERELLE_MASTER_KEY is needed for the master key', { field: 'PASSERELLE_MASTER_KEY' });
  const text = await readOrCreate(options.dir, MASTER, async () => randomBytes(32).toString('base64'));
  return decodeMaster(text, keyFile(MASTER));
}

function decodeMaster(text: string, field: string): Uint8Array {
  const bytes = Buffer.from(text.trim(), 'base64');
  if (bytes.length !== 32) {
    throw new ConfigError('config.invalid', `${field} must be 32 bytes, base64-encoded`, { field });
  }
  return new Uint8Array(bytes);
}
