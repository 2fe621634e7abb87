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

export interface AuditEntryView {
  seq: number;
  at: string;
  kind: string;
  actor: string;
  transferId: string | null;
  eventId: string | null;
  requestId: string | null;
  personRef: string | null;
  institutionId: string | null;
  data: Record<string, unknown>;
  prevHash: string | null;
  hash: string | null;
}

/** Audit entries by institution (actor's or recipient), time, purpose and outcome. */
export async function searchAudit(sql: Sql, filter: AuditFilter): Promise<AuditEntryView[]> {
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
    `select seq::text as seq_text, * from audit_all where ${where.join(' and ')} order by seq limit $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    seq: Number(r.seq_text),
    at: new Date(r.at as string).toISOString(),
    kind: String(r.kind),
    actor: String(r.actor),
    transferId: (r.transfer_id as string | null) ?? null,
    eventId: (r.event_id as string | null) ?? null,
    requestId: (r.request_id as string | null) ?? null,
    personRef: (r.person_ref as string | null) ?? null,
    institutionId: (r.institution_id as string | null) ?? null,
    data: (r.data as Record<string, unknown>) ?? {},
    prevHash: (r.prev_hash as string | null) ?? null,
    hash: (r.hash as string | null) ?? null,
  }));
}
