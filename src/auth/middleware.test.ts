import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AuthError, isPasserelleError } from '../errors.js';
import { authMiddleware, roleGuard } from './middleware.js';
import { requireRole, type Principal } from './principal.js';
import type { Verifier } from './verifier.js';

const ops: Principal = { subject: 'op-1', institutionId: 'be-asi', roles: ['ops'] };

// Stands in for the token check, which verifier.test.ts covers.
const verifier: Verifier = {
  async verify(token) {
    if (token === 'good') return ops;
    throw new AuthError('auth.bad-signature', 'the token signature does not verify');
  },
};

function app(): Hono {
  const app = new Hono();
  app.onError((error, c) => (isPasserelleError(error) ? c.json({ code: error.code }, error.status as 401) : c.json({ code: 'bug' }, 500)));
  app.get('/open/guarded', roleGuard('ops'), (c) => c.text('ok'));
  app.use('/v1/*', authMiddleware(verifier));
  app.get('/v1/me', (c) => c.json(c.get('principal')));
  app.get('/v1/audit', roleGuard('dpo'), (c) => c.text('ok'));
  app.get('/v1/transfers', roleGuard('dpo', 'ops'), (c) => c.text('ok'));
  return app;
}

async function call(path: string, authorization?: string): Promise<{ status: number; body: unknown }> {
  const res = await app().request(path, authorization === undefined ? {} : { headers: { authorization } });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

describe('authMiddleware', () => {
  it('puts the principal of a bearer token on the context', async () => {
    expect(await call('/v1/me', 'Bearer good')).toEqual({ status: 200, body: ops });
    expect(await call('/v1/me', 'bearer good')).toEqual({ status: 200, body: ops });
  });

  it('refuses a request without a usable bearer token', async () => {
    expect(await call('/v1/me')).toEqual({ status: 401, body: { code: 'auth.missing-token' } });
    for (const header of ['Basic dXNlcjpwdw==', 'Bearer', 'Bearer a b', 'good']) {
      expect(await call('/v1/me', header), header).toEqual({ status: 401, body: { code: 'auth.malformed-token' } });
    }
    expect(await call('/v1/me', 'Bearer bad')).toEqual({ status: 401, body: { code: 'auth.bad-signature' } });
  });
});

describe('roleGuard', () => {
  it('lets a principal with any of the roles through, and no other', async () => {
    expect((await call('/v1/transfers', 'Bearer good')).status).toBe(200);
    expect(await call('/v1/audit', 'Bearer good')).toEqual({ status: 403, body: { code: 'auth.forbidden' } });
  });

  it('refuses when no principal was authenticated', async () => {
    expect(await call('/open/guarded')).toEqual({ status: 401, body: { code: 'auth.missing-token' } });
  });

  it('requireRole says the same outside hono', () => {
    expect(() => requireRole(ops, ['ops', 'dpo'])).not.toThrow();
    expect(() => requireRole(ops, ['receiver'])).toThrow(expect.objectContaining({ code: 'auth.forbidden', status: 403 }));
  });
});
