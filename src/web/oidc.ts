import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import * as client from 'openid-client';
import type { OidcConfig } from '../config.js';
import { PasserelleError } from '../errors.js';

/** What the browser carries between the redirect to the identity provider and its way back. */
export interface LoginTransaction {
  state: string;
  nonce: string;
  verifier: string;
  /** Where to go once signed in: a path of this gateway, never a full URL. */
  returnTo: string;
}

export interface OidcLogin {
  /** The identity provider's authorization URL (code flow, PKCE S256), and the transaction to keep. */
  start(redirectUri: string, returnTo: string): Promise<{ url: string; transaction: LoginTransaction }>;
  /** Redeems the code of the callback; the access token is what the gateway then verifies. */
  finish(callbackUrl: URL, transaction: LoginTransaction): Promise<{ accessToken: string; idToken: string | undefined }>;
  /** The identity provider's sign-out, when it publishes one. */
  endSessionUrl(postLogoutRedirectUri: string, idToken: string | undefined): Promise<string | undefined>;
  /** Seals a transaction into a cookie value (encrypted and time-limited: the verifier must stay secret). */
  seal(transaction: LoginTransaction): Promise<string>;
  open(value: string | undefined): Promise<LoginTransaction | undefined>;
}

const TRANSACTION_SECONDS = 600;

/**
 * The gateway as an OpenID Connect relying party, through openid-client (certified):
 * authorization code flow with PKCE, state and nonce; discovery once, retried after a
 * failure. Plain http is allowed only for a loopback issuer (config refuses others).
 */
export function createOidcLogin(settings: OidcConfig, masterKey: Uint8Array): OidcLogin {
  const key = new Uint8Array(hkdfSync('sha256', masterKey, 'passerelle', 'oidc login transaction v1', 32));
  const issuer = new URL(settings.issuer);
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(
        issuer,
        settings.clientId,
        settings.clientSecret ? { client_secret: settings.clientSecret } : undefined,
        settings.clientSecret ? undefined : client.None(),
        issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw new PasserelleError('oidc.unavailable', 'the identity provider could not be reached', { status: 503, retryable: true, cause: error });
      });
    return discovered;
  };
  const resource: Record<string, string> = settings.resource ? { resource: settings.resource } : {};

  return {
    async start(redirectUri, returnTo) {
      const config = await configuration();
      const transaction: LoginTransaction = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), returnTo };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(transaction.verifier),
        code_challenge_method: 'S256',
        state: transaction.state,
        nonce: transaction.nonce,
        ...resource,
      });
      return { url: url.href, transaction };
    },
    async finish(callbackUrl, transaction) {
      const config = await configuration();
      try {
        const tokens = await client.authorizationCodeGrant(
          config,
          callbackUrl,
          { pkceCodeVerifier: transaction.verifier, expectedState: transaction.state, expectedNonce: transaction.nonce, idTokenExpected: true },
          resource,
        );
        return { accessToken: tokens.access_token, idToken: tokens.id_token };
      } catch (error) {
        throw new PasserelleError('oidc.failed', 'the identity provider did not sign the person in', { status: 401, cause: error });
      }
    },
    async endSessionUrl(postLogoutRedirectUri, idToken) {
      const config = await configuration().catch(() => undefined);
      if (!config?.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri, ...(idToken ? { id_token_hint: idToken } : {}) }).href;
    },
    seal: (transaction) =>
      new EncryptJWT({ ...transaction }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setIssuedAt().setExpirationTime(`${TRANSACTION_SECONDS}s`).encrypt(key),
    async open(value) {
      if (!value) return undefined;
      try {
        const { payload } = await jwtDecrypt(value, key);
        const { state, nonce, verifier, returnTo } = payload;
        return typeof state === 'string' && typeof nonce === 'string' && typeof verifier === 'string' && typeof returnTo === 'string'
          ? { state, nonce, verifier, returnTo }
          : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export const TRANSACTION_MAX_AGE = TRANSACTION_SECONDS;
