import { Hono } from 'hono';
import { checkpoint } from '../../audit/checkpoint.js';
import { verifyAuditLog } from '../../audit/verify.js';
import { roleGuard } from '../../auth/middleware.js';
import type { Services } from '../../transfers/services.js';

/** The data-protection officer's view of the audit log; every query is itself audited. */
export function auditRoutes(services: Services): Hono {
  const app = new Hono();
  app.use('/v1/audit/*', roleGuard('dpo'));
  app.use('/v1/audit', roleGuard('dpo'));

  app.get('/v1/audit/verify', async (c) => {
    const principal = c.get('principal');
    // Sign the head first, so the verification covers everything written until now.
    await checkpoint(services.store.sql, services.keys, services.clock);
    const report = await verifyAuditLog(services.store.sql, services.keys.jwks());
    await services.store.appendAudit({
      kind: 'audit.query',
      actor: `token:${principal.subject}`,
      institutionId: principal.institutionId,
      requestId: c.get('requestId') ?? null,
      data: { query: 'verify', ok: report.ok, entries: report.entries, ...(report.firstBad ? { firstBad: report.firstBad.seq } : {}) },
    });
    return c.json(report, 200);
  });
  return app;
}
