import type { MiddlewareHandler } from 'hono';
import { AuthError } from '../errors.js';
import { requireRole, type Principal, type Role } from './principal.js';
import type { Verifier } from './verifier.js';

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
  }
}

const BEARER = /^Bearer +([^\s]+)$/i;

/** Bearer authentication: the principal is on the context, or the request stops with a 401. */
export function authMiddleware(verifier: Verifier): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new AuthError('auth.missing-token', 'send a bearer token in the Authorization header');
    const token = BEARER.exec(header.trim())?.[1];
    if (!token) throw new AuthError('auth.malformed-token', 'the Authorization header must be "Bearer <token>"');
    c.set('principal', await verifier.verify(token));
    await next();
  };
}

/** Lets the request through when the principal holds any of `roles`; otherwise 403. */
export function roleGuard(...roles: Role[]): MiddlewareHandler {
  return async (c, next) => {
    // The variable map promises a principal; a route mounted without authMiddleware has none.
    const principal = c.get('principal') as Principal | undefined;
    if (!principal) throw new AuthError('auth.missing-token', 'a bearer token is required');
    requireRole(principal, roles);
    await next();
  };
}
