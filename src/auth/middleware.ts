import type { MiddlewareHandler } from 'hono';
import { AuthError } from '../errors.js';
import type { Principal, Role, Verifier } from './verifier.js';

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
  }
}

/** Bearer authentication: the principal is on the context, or the request stops with a 401. */
export function authMiddleware(verifier: Verifier): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new AuthError('auth.missing-token', 'send a bearer token in the Authorization header');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AuthError('auth.malformed-token', 'the Authorization header must be "Bearer <token>"');
    c.set('principal', await verifier.verify(match[1]));
    await next();
  };
}

/** Lets the request through when the principal holds any of `roles`. */
export function roleGuard(...roles: Role[]): MiddlewareHandler {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal || !roles.some((r) => principal.roles.includes(r))) {
      throw new AuthError('auth.forbidden', `this needs one of the roles: ${roles.join(', ')}`, 403);
    }
    await next();
  };
}
