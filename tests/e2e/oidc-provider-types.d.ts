// The part of node-oidc-provider 8 (which ships no types) that the test's identity provider uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  type Claims = Record<string, unknown>;
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown> & {
      findAccount(ctx: unknown, id: string): { accountId: string; claims(): Claims } | Promise<{ accountId: string; claims(): Claims }>;
      extraTokenClaims?(ctx: unknown, token: { accountId?: unknown }): Claims | Promise<Claims>;
    });
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}
