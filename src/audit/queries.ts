import { toAudit, type AuditRow } from '../store/index.js';
import type { Sql } from '../store/sql.js';

export interface Disclosure {
  transferId: string;
  deliveredAt: string;
  recipient: string;
  purpose: string;
  evaluatedAt: string | null;
  policyVersion: string | null;
  disclosed: unknown[];
  withheld: unknown[];
  obligations: unknown[];
  payloadHash: string | null;
  receipt: unknown;
  auditSeq: number;
}

/**
 * Everything disclosed about a person, in time order, from the audit log itself (not
 * from the transfers table): each delivery with the decision taken right before it.
 */
export async function disclosuresOf(sql: Sql, who: { personRefs: readonly string[] } | { transferId: string }): Promise<Disclosure[]> {
  const byPerson = 'personRefs' in who;
  if (byPerson && who.personRefs.length === 0) return [];
  const rows = await sql.query<{ seq: string; transfer_id: string; at: Date | string; delivered: Record<string, unknown>; decision: Record<string, unknown> | null }>(
    `select d.seq::text as seq, d.transfer_id, d.at, d.data as delivered,
       (select x.data from audit_all x
         where x.transfer_id = d.transfer_id and x.kind = 'transfer.decision' and x.seq < d.seq
         order by x.seq desc limit 1) as decision
     from audit_all d
     where d.kind = 'transfer.state' and d.data->>'to' = 'delivered'
       and ${byPerson ? 'd.person_ref = any($1::text[])' : 'd.transfer_id = $1::uuid'}
     order by d.seq`,
    [byPerson ? who.personRefs : who.transferId],
  );
  return rows.map((r) => {
    const decision = r.decision ?? {};
    return {
      transferId: r.transfer_id,
      deliveredAt: new Date(r.at).toISOString(),
      recipient: String(decision.recipient ?? ''),
      purpose: String(decision.purpose ?? ''),
      evaluatedAt: (decision.evaluatedAt as string | undefined) ?? null,
      policyVersion: (decision.policyVersion as string | undefined) ?? null,
      disclosed: (decision.disclosed as unknown[] | undefined) ?? [],
      withheld: (decision.withheld as unknown[] | undefined) ?? [],
      obligations: (decision.obligations as unknown[] | undefined) ?? [],
      payloadHash: (r.delivered.payloadHash as string | undefined) ?? null,
      receipt: r.delivered.receipt ?? null,
      auditSeq: Number(r.seq),
    };
  });
}

export interface AuditFilter {
  institution?: string;
  since?: string;
  until?: string;
  purpose?: string;
  outcome?: string;
  afterSeq?: number;
  limit: number;
}

/** Audit entries by institution (actor's or recipient), time, purpose and outcome. */
export async function searchAudit(sql: Sql, filter: AuditFilter): Promise<AuditRow[]> {
  const where: string[] = ['seq > $1'];
  const params: unknown[] = [filter.afterSeq ?? 0];
  const add = (clause: (n: number) => string, value: unknown): void => {
    params.push(value);
    where.push(clause(params.length));
  };
  if (filter.institution) add((n) => `(institution_id = $${n} or data->>'recipient' = $${n} or data->>'target' = $${n})`, filter.institution);
  if (filter.since) add((n) => `at >= $${n}`, filter.since);
  if (filter.until) add((n) => `at < $${n}`, filter.until);
  if (filter.purpose) add((n) => `data->>'purpose' = $${n}`, filter.purpose);
  if (filter.outcome) add((n) => `data->>'to' = $${n}`, filter.outcome);
  params.push(filter.limit);
  const rows = await sql.query<Record<string, unknown>>(
    `select * from audit_all where ${where.join(' and ')} order by seq limit $${params.length}`,
    params,
  );
  return rows.map(toAudit);
}
