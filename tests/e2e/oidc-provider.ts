import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

/** Who may sign in at the test's identity provider, and the claims its access tokens carry for them. */
export const ACCOUNTS: Record<string, { institution: string; roles: string[] }> = {
  'clerk.koeniz': { institution: 'be-koeniz', roles: ['receiver'] },
  'officer.bern': { institution: 'be-dpo', roles: ['dpo'] },
  'operator.koeniz': { institution: 'be-koeniz', roles: ['ops'] },
};

export const AUDIENCE = 'urn:passerelle';
export const CLIENT = { id: 'passerelle', secret: 'passerelle-test-client-secret' };

export interface LocalIdp {
  issuer: string;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (node-oidc-provider) on 127.0.0.1 for one test: code flow
 * with PKCE required, access tokens as JWTs for the gateway (resource indicator), the
 * institution and roles as claims, its development login form (any password).
 */
export async function startLocalIdp(port: number, gateway: string): Promise<LocalIdp> {
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const key = { ...(await exportJWK(privateKey)), alg: 'ES256', use: 'sig', kid: 'test-idp-1' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${gateway}/console/callback`, `${gateway}/inbox/callback`],
        post_logout_redirect_uris: [`${gateway}/console/login?signed-out`, `${gateway}/inbox/login?signed-out`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [key] },
    pkce: { required: () => true, methods: ['S256'] },
    cookies: { keys: ['local-idp-cookie-key'] },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'openid', audience: AUDIENCE, accessTokenTTL: 600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } }),
      },
    },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    extraTokenClaims: (_ctx, token) => {
      const account = 'accountId' in token && typeof token.accountId === 'string' ? ACCOUNTS[token.accountId] : undefined;
      return account ? { institution: account.institution, roles: account.roles } : {};
    },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  void (server.address() as AddressInfo);
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
