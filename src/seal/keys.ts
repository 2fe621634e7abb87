import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair, importJWK, importPKCS8, type JWK } from 'jose';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { readOrCreate } from './files.js';

type SigningKey = Parameters<CompactSign['sign']>[0];

export const SEAL_ALG = 'ES256';
export const SEAL_TYPE = 'passerelle-record+jws';

/** The gateway's signing identity: every delivered record is a JWS under this key. */
export interface GatewayKeys {
  readonly kid: string;
  sign(payload: object): Promise<string>;
  /** Public keys only, for `/.well-known/jwks.json`: the current one, then retired ones. */
  jwks(): { keys: JWK[] };
}

const RETIRED = 'retired.jwks.json';

/**
 * Public keys of earlier signing keys: records and audit checkpoints they signed must
 * keep verifying after a rotation.
 */
async function retiredKeys(dir: string): Promise<JWK[]> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dir, 'keys', RETIRED), 'utf8')) as { keys?: JWK[] };
    return parsed.keys ?? [];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError('config.invalid', `keys/${RETIRED} is not a JWKS`, { field: RETIRED });
  }
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
  await rm(path.join(dir, 'keys', 'signing.jwk.json'));
  const fresh = await loadOrCreateKeys({ dir });
  return { retired: old.kid, current: fresh.kid };
}

export async function loadOrCreateKeys(options: { dir: string; signingKeyPem?: string }): Promise<GatewayKeys> {
  let privateKey: SigningKey;
  let publicJwk: JWK;
  if (options.signingKeyPem) {
    try {
      privateKey = await importPKCS8(options.signingKeyPem, SEAL_ALG, { extractable: true });
    } catch {
      throw new ConfigError('config.invalid', 'PASSERELLE_SIGNING_KEY must be a PKCS#8 PEM of a P-256 key', { field: 'PASSERELLE_SIGNING_KEY' });
    }
    const { d: _d, ...pub } = await exportJWK(privateKey);
    publicJwk = pub;
  } else {
    const text = await readOrCreate(options.dir, 'signing.jwk.json', async () => {
      const pair = await generateKeyPair(SEAL_ALG, { extractable: true });
      return JSON.stringify(await exportJWK(pair.privateKey));
    });
    const jwk = JSON.parse(text) as JWK;
    privateKey = (await importJWK(jwk, SEAL_ALG)) as SigningKey;
    const { d: _d, ...pub } = jwk;
    publicJwk = pub;
  }
  const kid = await calculateJwkThumbprint(publicJwk);
  const published: JWK = { ...publicJwk, kid, alg: SEAL_ALG, use: 'sig' };
  const retired = (await retiredKeys(options.dir)).filter((k) => k.kid !== kid);
  const encoder = new TextEncoder();
  return {
    kid,
    sign: (payload) =>
      new CompactSign(encoder.encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: SEAL_ALG, kid, typ: SEAL_TYPE })
        .sign(privateKey),
    jwks: () => ({ keys: [published, ...retired] }),
  };
}
