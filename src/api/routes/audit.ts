import type { Context } from 'hono';
import { Hono } from 'hono';
import { checkpoint, type Checkpoint } from '../../audit/checkpoint.js';
import { disclosuresOf, searchAudit, type AuditFilter } from '../../audit/queries.js';
import { proveConsistency, proveInclusion } from '../../audit/proof.js';
import { verifyAuditLog } from '../../audit/verify.js';
import { roleGuard } from '../../auth/middleware.js';
import { isValidAhv13 } from '../../contract/ahv.js';
import { InputError } from '../../errors.js';
import type { AuditRow } from '../../store/index.js';
import { personRef, vnRef } from '../../transfers/person.js';
import type { Services } from '../../transfers/services.js';
import { queryInt, queryText, queryTimestamp } from '../request.js';

const OUTCOMES = ['accepted', 'extracting', 'evaluating', 'delivering', 'awaiting-receipt', 'delivered', 'retrying', 'failed', 'rejected', 'cancelled'];

/** Every query an officer makes is itself an audit entry (the person by pseudonym only). */
export async function recordOfficerQuery(services: Services, c: Context, query: string, data: Record<string, unknown>): Promise<void> {
  const principal = c.get('principal');
  await services.store.appendAudit({
    kind: 'audit.query',
    actor: `token:${principal.subject}`,
    institutionId: principal.institutionId,
    requestId: c.get('requestId') ?? null,
    data: { query, ...data },
  });
}

/**
 * The person an officer names: an AHV number (13 digits, dots allowed), or
 * `system:localPersonId` (the person of that id in every installation of the system), or
 * `installation:localPersonId`.
 */
export async function personRefsFor(services: Services, person: string): Promise<string[]> {
  const digits = person.replace(/\./g, '');
  if (/^\d{13}$/.test(digits) && /^[\d.]+$/.test(person)) {
    if (!isValidAhv13(digits)) throw new InputError('request.invalid', 'the AHV number has a wrong check digit', { field: 'person' }, 422);
    return services.store.personRefsOfVn(vnRef(services.pseudonymKey, digits));
  }
  const colon = person.indexOf(':');
  const prefix = person.slice(0, colon);
  const localPersonId = person.slice(colon + 1);
  const institutions = services.bundle.institutions;
  const installations = services.registry.has(prefix)
    ? [...new Set(institutions.filter((i) => i.system === prefix).map((i) => i.installation))]
    : institutions.some((i) => i.installation === prefix)
      ? [prefix]
      : [];
  if (colon < 1 || installations.length === 0 || localPersonId === '' || localPersonId.length > 128) {
    throw new InputError('request.invalid', 'name the person by AHV number (13 digits) or as system:localPersonId (nfam:…)', { field: 'person' }, 422);
  }
  return installations.map((installation) => personRef(services.pseudonymKey, installation, localPersonId));
}

function filterOf(c: Context): AuditFilter {
  const outcome = queryText(c, 'outcome', 32);
  if (outcome && !OUTCOMES.includes(outcome)) {
    throw new InputError('request.invalid-query', `outcome must be one of ${OUTCOMES.join(', ')}`, { field: 'outcome' });
  }
  const since = queryTimestamp(c, 'since');
  const until = queryTimestamp(c, 'until');
  const institution = queryText(c, 'institution', 64);
  const purpose = queryText(c, 'purpose', 64);
  return {
    limit: queryInt(c, 'limit', 100, 1, 1000),
    afterSeq: queryInt(c, 'after', 0, 0, Number.MAX_SAFE_INTEGER),
    ...(institution ? { institution } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(purpose ? { purpose } : {}),
    ...(outcome ? { outcome } : {}),
  };
}

const CSV_COLUMNS = ['seq', 'at', 'kind', 'actor', 'transferId', 'eventId', 'requestId', 'personRef', 'institutionId', 'data', 'prevHash', 'hash'] as const;
/**
 * One CSV cell. A cell a spreadsheet would run as a formula (OWASP: starting with `=`,
 * `+`, `-`, `@`, tab or carriage return) is neutralised with a leading apostrophe.
 */
export const csvCell = (value: unknown): string => {
  const raw = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The data-protection officer's view of the audit log; every query is itself audited. */
export function auditRoutes(services: Services): Hono {
  const app = new Hono();
  app.use('/v1/audit/*', roleGuard('dpo'));
  app.use('/v1/audit', roleGuard('dpo'));

  const audited = (c: Context, query: string, data: Record<string, unknown>): Promise<void> => recordOfficerQuery(services, c, query, data);

  app.get('/v1/audit/verify', async (c) => {
    // Sign the head first, so the verification covers everything written until now.
    await checkpoint(services.store.sql, services.keys, services.clock);
    const report = await verifyAuditLog(services.store.sql, services.keys.jwks());
    await audited(c, 'verify', { ok: report.ok, entries: report.entries, ...(report.firstBad ? { firstBad: report.firstBad.seq } : {}) });
    return c.json(report, 200);
  });

  app.get('/v1/audit/entries/:seq/proof', async (c) => {
    const seq = wholeNumber(c.req.param('seq'), 'seq');
    const proof = await proveInclusion(services.store.sql, services.keys, seq);
    await audited(c, 'prove', { seq, treeSize: proof.treeSize });
    return c.json(proof, 200);
  });

  app.get('/v1/audit/consistency', async (c) => {
    const first = wholeNumber(c.req.query('first'), 'first');
    const second = wholeNumber(c.req.query('second'), 'second');
    const proof = await proveConsistency(services.store.sql, first, second);
    await audited(c, 'consistency', { first, second });
    return c.json(proof, 200);
  });

  app.get('/v1/audit/persons/:person/disclosures', async (c) => {
    const refs = await personRefsFor(services, c.req.param('person'));
    const disclosures = await disclosuresOf(services.store.sql, { personRefs: refs });
    // The officer's query names the person by pseudonym only.
    await audited(c, 'disclosures', { personRefs: refs, results: disclosures.length });
    return c.json({ items: disclosures });
  });

  app.get('/v1/audit', async (c) => {
    const filter = filterOf(c);
    const items = await searchAudit(services.store.sql, filter);
    await audited(c, 'search', { filter: { ...filter }, results: items.length });
    const last = items.at(-1);
    return c.json({ items, next: items.length === filter.limit && last ? last.seq : null });
  });

  app.get('/v1/audit/export', async (c) => {
    const format = c.req.query('format') ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') throw new InputError('request.invalid-query', 'format is jsonl or csv', { field: 'format' });
    const filter = { ...filterOf(c), limit: 10_000 };
    const cp: Checkpoint | null = await checkpoint(services.store.sql, services.keys, services.clock);
    const rows: AuditRow[] = [];
    for (let after = filter.afterSeq ?? 0; ; ) {
      const page = await searchAudit(services.store.sql, { ...filter, afterSeq: after });
      rows.push(...page.filter((r) => !cp || r.seq <= cp.seq));
      if (page.length < filter.limit || (cp && page.at(-1)!.seq >= cp.seq)) break;
      after = page.at(-1)!.seq;
    }
    await audited(c, 'export', { format, filter: { ...filter }, results: rows.length, checkpoint: cp?.seq ?? null });
    c.header('passerelle-checkpoint', cp ? JSON.stringify(cp) : '');
    c.header('content-disposition', `attachment; filename="passerelle-audit-${cp?.seq ?? 0}.${format}"`);
    if (format === 'jsonl') {
      const lines = [JSON.stringify({ checkpoint: cp }), ...rows.map((r) => JSON.stringify(r))];
      return c.body(lines.join('\n') + '\n', 200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
    }
    const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((k) => csvCell(r[k])).join(','))];
    return c.body(lines.join('\r\n') + '\r\n', 200, { 'content-type': 'text/csv; charset=utf-8' });
  });
  return app;
}

/** A whole number of a path or query, or a 400 naming it (the caller's text is not echoed). */
function wholeNumber(text: string | undefined, field: string): number {
  const n = Number(text);
  if (text === undefined || !/^[1-9]\d{0,15}$/.test(text) || !Number.isSafeInteger(n)) throw new InputError('request.invalid-parameter', `${field} is a whole number, 1 or more`, { field });
  return n;
}
