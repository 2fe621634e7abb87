import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair, importJWK, importPKCS8, type JWK } from 'jose';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { keyFile, parseJwk, readOrCreate } from './files.js';

type SigningKey = Awaited<ReturnType<typeof importPKCS8>>;

export const SEAL_ALG = 'ES256';
export const SEAL_TYPE = 'passerelle-record+jws';

/** The gateway's signing identity: every delivered record is a JWS under this key. */
export interface GatewayKeys {
  /** JWK thumbprint (RFC 7638) of the current public key. */
  readonly kid: string;
  /**
   * Compact JWS of the payload's JSON, header `{ alg: 'ES256', kid, typ }`. `typ` is
   * `passerelle-record+jws` unless given: other signed things (audit checkpoints) name
   * their own, so that one can never pass for the other.
   */
  sign(payload: object, typ?: string): Promise<string>;
  /** Public keys only, for `/.well-known/jwks.json`: the current one, then retired ones. */
  jwks(): { keys: JWK[] };
}

export interface KeyOptions {
  /** Data folder; the keys live in `<dir>/keys/`. Needed unless a PEM is given. */
  dir?: string;
  /** PKCS#8 PEM of a P-256 key (`PASSERELLE_SIGNING_KEY`); wins over the key folder. */
  signingKeyPem?: string;
}

const SIGNING = 'signing.jwk.json';
const RETIRED = 'retired.jwks.json';

export async function loadOrCreateKeys(options: KeyOptions): Promise<GatewayKeys> {
  const { privateKey, publicJwk } = options.signingKeyPem
    ? await fromPem(options.signingKeyPem)
    : await fromKeyFolder(requireDir(options.dir));
  const kid = await calculateJwkThumbprint(publicJwk);
  const published: JWK = { ...publicJwk, kid, alg: SEAL_ALG, use: 'sig' };
  const retired = options.dir ? (await retiredKeys(options.dir)).filter((k) => k.kid !== kid) : [];
  const encoder = new TextEncoder();
  return {
    kid,
    sign: (payload, typ = SEAL_TYPE) =>
      new CompactSign(encoder.encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: SEAL_ALG, kid, typ })
        .sign(privateKey),
    // Copies, so that no caller can change what the gateway publishes.
    jwks: () => ({ keys: [published, ...retired].map((k) => ({ ...k })) }),
  };
}

/**
 * Rotates the signing key held in the key folder: the current public key joins the
 * retired set, a new key signs from now on. Every gateway process reads the keys at start.
 */
export async function rotateSigningKey(dir: string): Promise<{ retired: string; current: string }> {
  const old = await loadOrCreateKeys({ dir });
  const current = old.jwks().keys[0]!;
  const retired = [current, ...(await retiredKeys(dir)).filter((k) => k.kid !== current.kid)];
  await writeFile(path.join(dir, 'keys', RETIRED), JSON.stringify({ keys: retired }, null, 2), { mode: 0o644 });
  await rm(path.join(dir, 'keys', SIGNING));
  const fresh = await loadOrCreateKeys({ dir });
  return { retired: old.kid, current: fresh.kid };
}

interface KeyPair {
  privateKey: SigningKey;
  publicJwk: JWK;
}

async function fromPem(pem: string): Promise<KeyPair> {
  let privateKey: SigningKey;
  try {
    // Env files often carry the PEM on one line with literal "\n".
    privateKey = await importPKCS8(pem.replaceAll('\\n', '\n').trim(), SEAL_ALG, { extractable: true });
  } catch {
    throw new ConfigError('config.invalid', 'PASSERELLE_SIGNING_KEY must be a PKCS#8 PEM of a P-256 key', { field: 'PASSERELLE_SIGNING_KEY' });
  }
  return { privateKey, publicJwk: publicPart(await exportJWK(privateKey)) };
}

async function fromKeyFolder(dir: string): Promise<KeyPair> {
  const text = await readOrCreate(dir, SIGNING, async () => {
    const pair = await generateKeyPair(SEAL_ALG, { extractable: true });
    return JSON.stringify(await exportJWK(pair.privateKey));
  });
  const jwk = parseJwk(text, SIGNING);
  try {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) throw new Error('not a P-256 private key');
    return { privateKey: (await importJWK(jwk, SEAL_ALG)) as SigningKey, publicJwk: publicPart(jwk) };
  } catch {
    throw new ConfigError('config.invalid', `${keyFile(SIGNING)} is not a P-256 private key; restore it from a backup`, { field: keyFile(SIGNING) });
  }
}

// Only the members that make the public key: nothing private, no stray `key_ops`.
function publicPart({ kty, crv, x, y }: JWK): JWK {
  return { kty, crv, x, y };
}

function requireDir(dir: string | undefined): string {
  if (!dir) throw new ConfigError('config.invalid', 'a data folder or PASSERELLE_SIGNING_KEY is needed for the signing key', { field: 'PASSERELLE_SIGNING_KEY' });
  return dir;
}

/**
 * Public keys of earlier signing keys: records and audit checkpoints they signed must
 * keep verifying after a rotation.
 */
async function retiredKeys(dir: string): Promise<JWK[]> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'keys', RETIRED), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as { keys?: unknown };
    if (Array.isArray(parsed.keys)) return parsed.keys as JWK[];
  } catch {
    // reported below
  }
  throw new ConfigError('config.invalid', `${keyFile(RETIRED)} is not a JWKS`, { field: keyFile(RETIRED) });
}
