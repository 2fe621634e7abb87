import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { ConfigError, HttpClient, UpstreamError } from '../../src/adapters/sdk.js';

// Entra ID app-only token with a certificate credential (FORMAT.md "Transport"): SharePoint
// Online takes no client secret for app-only REST calls, so the client proves itself with a
// JWT it signs (RFC 7523 client assertion), its header naming the certificate by `x5t`.

export const AUTHORITY = 'https://login.microsoftonline.com';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Lifetime of an assertion: only long enough to be used once. */
const ASSERTION_SECONDS = 600;
/** A token is renewed this long before it expires, so none expires in flight. */
const EARLY_SECONDS = 60;

export interface TokenSource {
  /** A token, cached until shortly before it expires; `force` asks anew (after a 401). */
  token(force: boolean): Promise<string>;
}

export interface TokenOptions {
  system: string;
  tenantId: string;
  clientId: string;
  certificatePem: string;
  /** SHA-1 thumbprint, hex. */
  thumbprint: string;
  /** The resource the token is for: the site's origin (`<origin>/.default`). */
  resource: string;
  timeoutMs: number;
  now: () => Date;
  fetch?: typeof fetch;
}

/** The private key of the PEM; one that holds none fails naming the setting, never its content. */
export function privateKeyOf(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ConfigError('sharepoint-ti.settings-invalid', 'settings.certificate names a variable that holds no PEM private key of the certificate credential', { field: 'settings.certificate' });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ConfigError('sharepoint-ti.settings-invalid', 'settings.certificate must hold an RSA key: Entra ID signs certificate credentials with RS256', { field: 'settings.certificate' });
  }
  return key;
}

/** The signed client assertion for one token request. */
export function clientAssertion(key: KeyObject, o: Pick<TokenOptions, 'clientId' | 'thumbprint'>, audience: string, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ jti: randomUUID(), nbf: iat })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: Buffer.from(o.thumbprint, 'hex').toString('base64url') })
    .setAudience(audience)
    .setIssuer(o.clientId)
    .setSubject(o.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_SECONDS)
    .sign(key);
}

/** Entra ID's AADSTS numbers of a refusal: numbers only, so nothing of the answer's text is kept. */
function errorCodesOf(body: unknown): string | undefined {
  const codes = (body as { error_codes?: unknown } | null)?.error_codes;
  if (!Array.isArray(codes)) return undefined;
  const numbers = codes.filter((c): c is number => Number.isInteger(c) && c > 0 && c < 10_000_000).slice(0, 5);
  return numbers.length > 0 ? numbers.join(',') : undefined;
}

/** Tokens of the client credentials flow, one request at a time, cached until shortly before expiry. */
export function entraTokens(o: TokenOptions): TokenSource {
  const key = privateKeyOf(o.certificatePem);
  const tokenUrl = `${AUTHORITY}/${encodeURIComponent(o.tenantId)}/oauth2/v2.0/token`;
  const http = new HttpClient({ system: o.system, baseUrl: AUTHORITY, timeoutMs: o.timeoutMs, headers: { accept: 'application/json' }, ...(o.fetch ? { fetch: o.fetch } : {}) });
  let cached: { value: string; until: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: o.clientId,
      scope: `${o.resource}/.default`,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: await clientAssertion(key, o, tokenUrl, o.now()),
    });
    const answer = await http.request('POST', tokenUrl, {
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      accept: [200, 400, 401],
      what: 'the Entra ID token request',
    });
    if (answer.status !== 200) {
      let body: unknown;
      try {
        body = answer.json();
      } catch {
        // A refusal without a readable body still refuses.
      }
      const aadsts = errorCodesOf(body);
      throw new UpstreamError(`${o.system}.auth-failed`, 'Entra ID refused the app-only token; check settings.tenantId, settings.clientId, the certificate and settings.certificateThumbprint, and that the certificate is registered with the app', {
        retryable: false,
        details: { httpStatus: answer.status, ...(aadsts ? { aadsts } : {}) },
      });
    }
    const body = answer.json<{ access_token?: unknown; expires_in?: unknown }>();
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new UpstreamError(`${o.system}.auth-failed`, 'Entra ID answered the token request without an access token', { retryable: true, details: { httpStatus: answer.status, field: 'access_token' } });
    }
    // Entra ID sends `expires_in` as a number; some proxies turn it into text.
    const seconds = Number(body.expires_in);
    const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds : 3599;
    cached = { value: body.access_token, until: o.now().getTime() + Math.max(30, lifetime - EARLY_SECONDS) * 1000 };
    return cached.value;
  };

  return {
    async token(force) {
      if (!force && cached && cached.until > o.now().getTime()) return cached.value;
      // Concurrent calls share one request instead of each asking Entra ID.
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}
