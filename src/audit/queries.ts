import { toAudit, type AuditRow } from '../store/index.js';
import type { Sql } from '../store/sql.js';
import { sequenceAudit } from './sequencer.js';

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
  // An officer reads the chained log: everything written until now is chained first.
  await sequenceAudit(sql, { wait: true });
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
  await sequenceAudit(sql, { wait: true });
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

/** What the recipient did with a delivery through its inbox, as the audit log has it. */
export interface RecipientTrail {
  reads: number;
  firstReadAt: string | null;
  acknowledgedAt: string | null;
}

/** Reads and acknowledgements per transfer (those entries name the transfer, not the person). */
export async function recipientTrails(sql: Sql, transferIds: readonly string[]): Promise<Map<string, RecipientTrail>> {
  const trails = new Map<string, RecipientTrail>();
  for (const id of transferIds) trails.set(id, { reads: 0, firstReadAt: null, acknowledgedAt: null });
  if (transferIds.length === 0) return trails;
  const rows = await sql.query<{ transfer_id: string; kind: string; at: Date | string }>(
    `select transfer_id, kind, at from audit_all
     where transfer_id = any($1::uuid[]) and kind in ('inbox.read', 'inbox.acknowledged')
     order by at, seq`,
    [transferIds],
  );
  for (const row of rows) {
    const trail = trails.get(row.transfer_id);
    if (!trail) continue;
    const at = new Date(row.at).toISOString();
    if (row.kind === 'inbox.read') {
      trail.reads += 1;
      trail.firstReadAt ??= at;
    } else trail.acknowledgedAt ??= at;
  }
  return trails;
}

/**
 * Every audit entry about a person up to a sequence number (a checkpoint's): the entries
 * that name the person, and those of the person's transfers that name only the transfer
 * (reads, acknowledgements). The officer's own queries are not about the person's data.
 */
export async function personAudit(sql: Sql, personRefs: readonly string[], uptoSeq: number): Promise<AuditRow[]> {
  if (personRefs.length === 0) return [];
  const rows = await sql.query<Record<string, unknown>>(
    `select * from audit_all
     where seq <= $2 and kind <> 'audit.query'
       and (person_ref = any($1::text[])
            or transfer_id in (select distinct transfer_id from audit_all where person_ref = any($1::text[]) and transfer_id is not null))
     order by seq`,
    [personRefs, uptoSeq],
  );
  return rows.map(toAudit);
}
