import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair, importJWK, importPKCS8, type JWK } from 'jose';
import { ConfigError } from '../errors.js';
import { readOrCreate } from './files.js';

type SigningKey = Parameters<CompactSign['sign']>[0];

export const SEAL_ALG = 'ES256';
export const SEAL_TYPE = 'passerelle-record+jws';

/** The gateway's signing identity: every delivered record is a JWS under this key. */
export interface GatewayKeys {
  readonly kid: string;
  sign(payload: object): Promise<string>;
  /** Public keys only, for `/.well-known/jwks.json`. */
  jwks(): { keys: JWK[] };
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
  const encoder = new TextEncoder();
  return {
    kid,
    sign: (payload) =>
      new CompactSign(encoder.encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: SEAL_ALG, kid, typ: SEAL_TYPE })
        .sign(privateKey),
    jwks: () => ({ keys: [published] }),
  };
}
