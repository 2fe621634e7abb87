import type { Sql } from './sql.js';

/** Where a transfer came from: its source and the event that caused it. */
export interface TransferOrigin {
  transferId: string;
  sourceInstitutionId: string;
  sourceSystem: string;
  targetInstitutionId: string;
  ruleId: string;
  personRef: string;
  eventId: string;
  eventType: string;
  eventOccurredAt: string;
  change: { from: string; to: string; effectiveDate?: string } | null;
  receipt: { at?: string; reference?: string; status?: string } | null;
}

/** Read-only, for the officer's pages: the transfers' source, rule and triggering event. */
export async function transferOrigins(sql: Sql, transferIds: readonly string[]): Promise<Map<string, TransferOrigin>> {
  const found = new Map<string, TransferOrigin>();
  if (transferIds.length === 0) return found;
  const rows = await sql.query<{
    id: string;
    source_institution_id: string;
    source_system: string;
    target_institution_id: string;
    rule_id: string;
    person_ref: string;
    event_id: string;
    type: string | null;
    occurred_at: Date | string | null;
    change: TransferOrigin['change'];
    receipt: TransferOrigin['receipt'];
  }>(
    `select t.id, t.source_institution_id, t.source_system, t.target_institution_id, t.rule_id, t.person_ref, t.event_id,
            e.type, e.occurred_at, e.change, t.receipt
     from transfers t left join events e on e.event_id = t.event_id
     where t.id = any($1::uuid[])`,
    [transferIds],
  );
  for (const r of rows) {
    found.set(r.id, {
      transferId: r.id,
      sourceInstitutionId: r.source_institution_id,
      sourceSystem: r.source_system,
      targetInstitutionId: r.target_institution_id,
      ruleId: r.rule_id,
      personRef: r.person_ref,
      eventId: r.event_id,
      eventType: r.type ?? '',
      eventOccurredAt: r.occurred_at ? new Date(r.occurred_at).toISOString() : '',
      change: r.change ?? null,
      receipt: r.receipt ?? null,
    });
  }
  return found;
}
