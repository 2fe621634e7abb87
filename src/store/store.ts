import type { TransferState } from '../contract/types.js';
import { AUDIT_COLUMNS, auditParam, insertAudit, selectAudit } from './audit-append.js';
import {
  FINAL_STATES,
  toAudit,
  toConsent,
  toInbox,
  toTransfer,
  type GatewayConsentRow,
  type StoredConsent,
  type AuditInput,
  type AuditRow,
  type EventRow,
  type InboxRow,
  type NewTransfer,
  type TransferFilter,
  type TransferPatch,
  type TransferRecord,
  type Claimed,
  type HistoryStep,
} from './rows.js';
import { SourceState } from './snapshots.js';
import type { Sql } from './sql.js';

export * from './rows.js';

/** Who holds a person (installation, system), seen again now: the upsert, for `rows` (`values (…)` or a `select`). */
const rememberPersonSql = (rows: string): string =>
  `insert into persons (person_ref, installation, system) ${rows} on conflict (person_ref) do update set last_seen = date_trunc('milliseconds', now())`;

/** What a case is called in its system (its native id): the upsert, for `rows`. */
const rememberCaseRefSql = (rows: string): string =>
  `insert into case_refs (system, institution_id, local_case_id, native_id) ${rows}
   on conflict (system, institution_id, local_case_id) do update set native_id = excluded.native_id, updated_at = now()`;

/**
 * The store is the truth about every transfer. Every state change is a compare-and-set
 * written in the same transaction as its audit entry, so two workers (or a worker and a
 * revocation) can never both move one transfer, and no change goes unrecorded.
 */
export class Store {
  /** Snapshots, drop-folder ledger, webhook delivery ids. */
  readonly sources: SourceState;

  constructor(readonly sql: Sql) {
    this.sources = new SourceState(sql);
  }

  async ping(): Promise<void> {
    await this.sql.query('select 1');
  }

  async close(): Promise<void> {
    await this.sql.close();
  }

  /**
   * Records an event and its transfers at once, in one statement. The event id is the
   * idempotency key: a known event creates nothing and returns the transfers it created the
   * first time. With the event go the person's installation (`person`), the source's case
   * handle when the event brought one (`caseRef`: remembered, and taken for the event when
   * `nativeId` is null, as is a handle remembered earlier), and the audit entries: those of
   * a transfer that was not created are left out with it.
   */
  async acceptEvent(
    event: EventRow,
    transfers: readonly NewTransfer[],
    audit: readonly AuditInput[],
    also: { person?: { installation: string; system: string }; caseRef?: string } = {},
  ): Promise<{ duplicate: boolean; transfers: TransferRecord[] }> {
    const rows = await this.sql.query(
      `with person as (${rememberPersonSql('select $7, $16, $17 where $16::text is not null')}),
         ref as (${rememberCaseRefSql('select $3, $4, $5, $18 where $18::text is not null')}),
         ev as (
           insert into events (event_id, type, source_system, source_institution_id, local_case_id, local_person_id,
             person_ref, native_id, change, target_institution_id, consent_id, occurred_at, outcome, delivery_institution_id, delivery_id)
           values ($1, $2, $3, $4, $5, $6, $7,
             coalesce($8, $18, (select native_id from case_refs where system = $3 and institution_id = $4 and local_case_id = $5)),
             $9, $10, $11, $12, $13, $14, $15)
           on conflict (source_institution_id, event_id) do nothing returning event_id, native_id),
         tr as (
           insert into transfers (id, event_id, rule_id, source_system, source_institution_id, target_institution_id,
             target_system, purpose, state, person_ref, local_case_id, local_person_id, native_id)
           select t.id, ev.event_id, t.rule_id, $3, $4, t.target_institution_id, t.target_system, t.purpose, 'accepted', $7, $5, $6, ev.native_id
           from ev cross join rows from (jsonb_to_recordset($19::jsonb) as (id uuid, rule_id text, target_institution_id text, target_system text, purpose text))
             with ordinality as t(id, rule_id, target_institution_id, target_system, purpose, n)
           order by t.n
           on conflict (source_institution_id, event_id, target_institution_id, purpose) do nothing returning *),
         logged as (
           insert into audit_entries ${AUDIT_COLUMNS}
           ${selectAudit('$20', { where: "exists (select 1 from ev) and (e.v->>'transferId' is null or (e.v->>'transferId')::uuid in (select id from tr))" })})
       -- One row at least, to say whether the event was new; a known one's transfers are those of the first time.
       select exists (select 1 from ev) as created, x.* from (select 1) as one left join (
         select * from tr
         union all
         select t.* from transfers t where not exists (select 1 from ev) and t.source_institution_id = $4 and t.event_id = $1
       ) as x on true`,
      [
        event.eventId,
        event.type,
        event.sourceSystem,
        event.sourceInstitutionId,
        event.localCaseId,
        event.localPersonId,
        event.personRef,
        event.nativeId,
        event.change === null ? null : JSON.stringify(event.change),
        event.targetInstitutionId,
        event.consentId,
        event.occurredAt,
        JSON.stringify(event.outcome),
        event.delivery?.institutionId ?? null,
        event.delivery?.id ?? null,
        also.person?.installation ?? null,
        also.person?.system ?? null,
        also.caseRef ?? null,
        JSON.stringify(transfers.map((t) => ({ id: t.id, rule_id: t.ruleId, target_institution_id: t.targetInstitutionId, target_system: t.targetSystem, purpose: t.purpose }))),
        auditParam(audit),
      ],
    );
    const created = rows[0]?.created === true;
    const records = rows.filter((r) => r.id !== null).map(toTransfer);
    const order = (t: TransferRecord) => transfers.findIndex((n) => n.id === t.id);
    // Inserted rows come back in no promised order: the caller's, for new ones; the first time's, for known ones.
    records.sort(created ? (x, y) => order(x) - order(y) : (x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id));
    return { duplicate: !created, transfers: records };
  }

  /** Whether this source institution reported the event already, and the case's remembered handle, in one read. */
  async eventAndCaseRef(sourceInstitutionId: string, eventId: string, system: string, localCaseId: string): Promise<{ taken: boolean; caseRef: string | null }> {
    const [row] = await this.sql.query<{ taken: boolean; case_ref: string | null }>(
      `select exists (select 1 from events where source_institution_id = $1 and event_id = $2) as taken,
         (select native_id from case_refs where system = $3 and institution_id = $1 and local_case_id = $4) as case_ref`,
      [sourceInstitutionId, eventId, system, localCaseId],
    );
    return { taken: row?.taken === true, caseRef: row?.case_ref ?? null };
  }

  /** The transfers of an event this source institution reported, or null when it never did. */
  async listTransfersOfEvent(sourceInstitutionId: string, eventId: string): Promise<TransferRecord[] | null> {
    const known = await this.sql.query('select 1 from events where source_institution_id = $1 and event_id = $2', [sourceInstitutionId, eventId]);
    if (known.length === 0) return null;
    const rows = await this.sql.query('select * from transfers where source_institution_id = $1 and event_id = $2 order by created_at, id', [
      sourceInstitutionId,
      eventId,
    ]);
    return rows.map(toTransfer);
  }

  /** The transfers raised by the events of one drop folder delivery (`institutionId`: the folder's institution). */
  async transfersOfDelivery(institutionId: string, deliveryId: string): Promise<TransferRecord[]> {
    const rows = await this.sql.query(
      `select t.* from transfers t join events e on e.source_institution_id = t.source_institution_id and e.event_id = t.event_id
       where e.delivery_institution_id = $1 and e.delivery_id = $2 order by t.created_at, t.id`,
      [institutionId, deliveryId],
    );
    return rows.map(toTransfer);
  }

  /** Records that a later delivery withdraws one (a recall); false when it was withdrawn before. */
  async withdrawDelivery(institutionId: string, deliveryId: string, withdrawnBy: string): Promise<boolean> {
    const rows = await this.sql.query(
      'insert into withdrawn_deliveries (institution_id, delivery_id, withdrawn_by) values ($1, $2, $3) on conflict do nothing returning 1',
      [institutionId, deliveryId, withdrawnBy],
    );
    return rows.length > 0;
  }

  /** The delivery that withdrew this one, or null when none did. */
  async withdrawnBy(institutionId: string, deliveryId: string): Promise<string | null> {
    const rows = await this.sql.query<{ withdrawn_by: string }>('select withdrawn_by from withdrawn_deliveries where institution_id = $1 and delivery_id = $2', [institutionId, deliveryId]);
    return rows[0]?.withdrawn_by ?? null;
  }

  /** Records that an installation holds a person (an event, a poll, a snapshot showed it). */
  async rememberPerson(personRef: string, installation: string, system: string): Promise<void> {
    await this.sql.query(
      rememberPersonSql('values ($1, $2, $3)'),
      [personRef, installation, system],
    );
  }

  /** The installation known to hold a person, or null when no installation ever showed them. */
  async installationOf(personRef: string): Promise<string | null> {
    const rows = await this.sql.query<{ installation: string }>('select installation from persons where person_ref = $1', [personRef]);
    return rows[0]?.installation ?? null;
  }

  async getTransfer(id: string): Promise<TransferRecord | null> {
    if (!isUuid(id)) return null;
    const rows = await this.sql.query('select * from transfers where id = $1', [id]);
    return rows[0] ? toTransfer(rows[0]) : null;
  }

  async listTransfers(filter: TransferFilter): Promise<TransferRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown): void => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (filter.state) add('state = ?', filter.state);
    if (filter.target) add('target_institution_id = ?', filter.target);
    if (filter.since) add('created_at >= ?', filter.since);
    if (filter.until) add('created_at < ?', filter.until);
    if (filter.cursor) {
      params.push(filter.cursor.createdAt, filter.cursor.id);
      where.push(`(created_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit);
    const rows = await this.sql.query(
      `select * from transfers ${where.length ? `where ${where.join(' and ')}` : ''}
       order by created_at, id limit $${params.length}`,
      params,
    );
    return rows.map(toTransfer);
  }

  /**
   * Moves a transfer from one of `from` to `to`, applying `patch`, and appends the audit
   * entry in the same transaction. Returns null (and writes nothing) when the transfer
   * is no longer in one of `from`: someone else moved it first.
   */
  async transition(
    id: string,
    from: readonly TransferState[],
    to: TransferState,
    patch: TransferPatch,
    audit: Omit<AuditInput, 'transferId'> | Omit<AuditInput, 'transferId'>[],
    options: { unlessCancelRequested?: boolean } = {},
  ): Promise<TransferRecord | null> {
    const sets = ['state = $3', 'updated_at = now()'];
    const params: unknown[] = [id, from, to];
    const set = (column: string, value: unknown, json = false): void => {
      params.push(json && value !== null ? JSON.stringify(value) : value);
      sets.push(`${column} = $${params.length}`);
    };
    if (patch.attempts !== undefined) set('attempts', patch.attempts);
    if (patch.decision !== undefined) set('decision', patch.decision, true);
    if (patch.receipt !== undefined) set('receipt', patch.receipt, true);
    if (patch.error !== undefined) set('error', patch.error, true);
    if (patch.legalBasis !== undefined) set('legal_basis', patch.legalBasis);
    if (patch.payloadHash !== undefined) set('payload_hash', patch.payloadHash);
    if (patch.replays !== undefined) set('replays', patch.replays);
    if (patch.attemptsAtReplay !== undefined) set('attempts_at_replay', patch.attemptsAtReplay);
    if (patch.deliveryRef !== undefined) set('delivery_ref', patch.deliveryRef);
    if (patch.receiptDueAt !== undefined) set('receipt_due_at', patch.receiptDueAt);
    if (patch.cancelRequested !== undefined) set('cancel_requested', patch.cancelRequested);
    if (patch.vnRef !== undefined) set('vn_ref', patch.vnRef);
    // A move towards delivery never wins over a cancellation already asked for.
    const guard = options.unlessCancelRequested ? ' and not cancel_requested' : '';
    // The first entry records the state change; further ones (the decision) go with it.
    const [first, ...more] = Array.isArray(audit) ? audit : [audit];
    params.push(auditParam([{ ...first!, data: { to, ...(first?.data ?? {}) } }, ...more]));
    // One statement, so one round trip: the move and its entries commit together or not at all.
    const rows = await this.sql.query(
      `with moved as (update transfers set ${sets.join(', ')} where id = $1 and state = any($2::text[])${guard} returning *),
         logged as (insert into audit_entries ${AUDIT_COLUMNS} ${selectAudit(`$${params.length}`, { row: 'moved' })})
       select * from moved`,
      params,
    );
    return rows[0] ? toTransfer(rows[0]) : null;
  }

  /**
   * Starts attempt n+1 of a transfer in one statement: moves it to `extracting` from one of
   * `workable` unless a cancellation was asked for or its round has no attempt left, writes
   * the entry, and reads what the attempt needs besides (the source's case handle, the
   * person's consents and revocations, the event that caused it). Null when it did not
   * move: the caller reads why.
   */
  async claim(id: string, workable: readonly TransferState[], attemptsPerRound: number, audit: Omit<AuditInput, 'transferId' | 'data'>): Promise<Claimed | null> {
    const rows = await this.sql.query(
      `with old as (select id, state from transfers where id = $1 for update),
         moved as (
           update transfers t set state = 'extracting', attempts = t.attempts + 1, updated_at = now() from old
           where t.id = old.id and t.state = any($2::text[]) and not t.cancel_requested and t.attempts - t.attempts_at_replay < $3
           returning t.*, old.state as resumed_from),
         logged as (insert into audit_entries ${AUDIT_COLUMNS}
           ${selectAudit('$4', { row: 'moved', data: "e.v->'data' || jsonb_build_object('attempt', moved.attempts, 'resumedFrom', moved.resumed_from)" })})
       select m.*,
         (select c.native_id from case_refs c where c.system = m.source_system and c.institution_id = m.source_institution_id and c.local_case_id = m.local_case_id) as case_ref,
         (select coalesce(jsonb_agg(jsonb_build_object('institutionId', c.institution_id, 'consent', c.consent, 'revokedOn', to_char(c.revoked_on, 'YYYY-MM-DD')) order by c.institution_id, c.id), '[]')
            from consents c where c.person_ref = m.person_ref) as consents,
         (select coalesce(jsonb_agg(jsonb_build_object('consentId', r.consent_id, 'revokedOn', to_char(r.revoked_on, 'YYYY-MM-DD')) order by r.consent_id), '[]')
            from consent_revocations r where r.person_ref = m.person_ref) as revocations,
         (select jsonb_build_object('eventId', e.event_id, 'type', e.type) || case when e.change is null then '{}'::jsonb else jsonb_build_object('change', e.change) end
            from events e where e.source_institution_id = m.source_institution_id and e.event_id = m.event_id) as event
       from moved m`,
      [id, workable, attemptsPerRound, auditParam([{ ...audit, data: { to: 'extracting', step: 'attempt' } }])],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      transfer: toTransfer(row),
      caseRef: (row.case_ref as string | null) ?? null,
      consents: row.consents as Claimed['consents'],
      revocations: row.revocations as Claimed['revocations'],
      event: (row.event as Claimed['event']) ?? null,
    };
  }

  /**
   * Adds a later answer to the receipt of a transfer in one of `states`, with its audit
   * entry, in one transaction. Not a move: the state stays, nothing counts it as one, and
   * the entry names no state (`to`), so it is no second delivery. Null when the transfer
   * is no longer in one of `states`.
   */
  async amendReceipt(id: string, states: readonly TransferState[], receipt: NonNullable<TransferPatch['receipt']>, audit: Omit<AuditInput, 'transferId'>): Promise<TransferRecord | null> {
    return this.sql.transaction(async (tx) => {
      const rows = await tx.query(`update transfers set receipt = $3, updated_at = now() where id = $1 and state = any($2::text[]) returning *`, [id, states, JSON.stringify(receipt)]);
      const row = rows[0];
      if (!row) return null;
      const transfer = toTransfer(row);
      await insertAudit(tx, { institutionId: transfer.targetInstitutionId, ...audit, transferId: id, personRef: transfer.personRef });
      return transfer;
    });
  }

  /**
   * Cancels open transfers at once, with the revocation (or the operator's word) that
   * asks for it, in one transaction: every open transfer of the selection is flagged, so
   * no later attempt calls a target, and those not in flight are moved to `cancelled`
   * with their audit entries. `record` writes what caused it inside the same transaction.
   */
  async cancelOpen(
    selection: { personRef: string } | { transferId: string },
    cancellable: readonly TransferState[],
    audit: Omit<AuditInput, 'transferId' | 'personRef'>,
    record?: (tx: Sql) => Promise<void>,
  ): Promise<{ cancelled: TransferRecord[]; flagged: TransferRecord[] }> {
    return this.sql.transaction(async (tx) => {
      const [column, value] = 'personRef' in selection ? ['person_ref', selection.personRef] : ['id', selection.transferId];
      // Transfer rows first, the audit head after, in the same order as every worker's
      // move: the other order deadlocks with a worker between the two.
      const flagged = (
        await tx.query(
          `update transfers set cancel_requested = true, updated_at = date_trunc('milliseconds', now())
           where ${column} = $1 and state <> all($2::text[]) returning *`,
          [value, FINAL_STATES],
        )
      ).map(toTransfer);
      if (record) await record(tx);
      const cancelled: TransferRecord[] = [];
      for (const t of flagged) {
        if (!cancellable.includes(t.state)) continue;
        const rows = await tx.query(`update transfers set state = 'cancelled', error = $2, updated_at = date_trunc('milliseconds', now()) where id = $1 returning *`, [
          t.id,
          JSON.stringify({ code: 'transfer.cancelled', message: audit.data?.consentId ? 'cancelled: a consent of the person was revoked' : 'cancelled by operations' }),
        ]);
        const moved = toTransfer(rows[0]!);
        await insertAudit(tx, { institutionId: moved.targetInstitutionId, ...audit, data: { to: 'cancelled', ...(audit.data ?? {}) }, transferId: moved.id, personRef: moved.personRef });
        cancelled.push(moved);
      }
      return { cancelled, flagged: flagged.filter((t) => !cancellable.includes(t.state)) };
    });
  }

  /** Transfers the queue should hold a job for: not final, and not waiting for the target's answer. */
  async nonFinalTransfers(limit = 10_000): Promise<TransferRecord[]> {
    const rows = await this.sql.query(
      `select * from transfers where state <> all($1::text[]) and state <> 'awaiting-receipt' order by updated_at limit $2`,
      [FINAL_STATES, limit],
    );
    return rows.map(toTransfer);
  }

  /** Transfers whose target did not answer in time: they are delivered again. */
  async overdueReceipts(now: string, limit = 1000): Promise<TransferRecord[]> {
    const rows = await this.sql.query(`select * from transfers where state = 'awaiting-receipt' and receipt_due_at < $1 order by receipt_due_at limit $2`, [now, limit]);
    return rows.map(toTransfer);
  }

  /** The transfer a later answer of a target is about: by its id, or by what its delivery was called. */
  async transferOfReceipt(targetInstitutionId: string, ref: string): Promise<TransferRecord | null> {
    const rows = isUuid(ref)
      ? await this.sql.query('select * from transfers where id = $1 and target_institution_id = $2', [ref, targetInstitutionId])
      : await this.sql.query('select * from transfers where target_institution_id = $1 and delivery_ref = $2 order by updated_at desc limit 1', [targetInstitutionId, ref]);
    return rows[0] ? toTransfer(rows[0]) : null;
  }

  /** How many transfers are not final: what the queue should hold jobs for. */
  async countNonFinal(): Promise<number> {
    const rows = await this.sql.query<{ n: string }>("select count(*)::text as n from transfers where state <> all($1::text[]) and state <> 'awaiting-receipt'", [FINAL_STATES]);
    return Number(rows[0]?.n ?? 0);
  }

  async openTransfersOfPerson(personRef: string): Promise<TransferRecord[]> {
    const rows = await this.sql.query(
      `select * from transfers where person_ref = $1 and state <> all($2::text[]) order by created_at`,
      [personRef, FINAL_STATES],
    );
    return rows.map(toTransfer);
  }

  async appendAudit(entry: AuditInput): Promise<void> {
    await this.sql.transaction((tx) => insertAudit(tx, entry));
  }

  /**
   * A transfer with its history (its state moves and decisions, in write order), in one
   * statement: only what the history shows is read of the entries, not their data.
   */
  async transferWithHistory(id: string): Promise<{ transfer: TransferRecord; history: HistoryStep[] } | null> {
    if (!isUuid(id)) return null;
    const rows = await this.sql.query(
      `select t.*, (select coalesce(jsonb_agg(jsonb_build_object(
           'at', to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'kind', a.kind, 'actor', a.actor,
           'state', a.data->'to', 'step', a.data->'step') order by a.id), '[]')
         from audit_entries a where a.transfer_id = t.id and a.kind in ('transfer.state', 'transfer.decision')) as history
       from transfers t where t.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const history = (row.history as { at: string; kind: string; actor: string; state?: unknown; step?: unknown }[]).map((h) => ({
      at: h.at,
      kind: h.kind,
      actor: h.actor,
      state: typeof h.state === 'string' ? h.state : null,
      step: typeof h.step === 'string' ? h.step : null,
    }));
    return { transfer: toTransfer(row), history };
  }

  async auditOfTransfer(transferId: string): Promise<AuditRow[]> {
    const rows = await this.sql.query('select * from audit_entries where transfer_id = $1 order by id', [transferId]);
    return rows.map(toAudit);
  }

  async auditEntries(afterSeq = 0, limit = 1000): Promise<AuditRow[]> {
    const rows = await this.sql.query('select * from audit_entries where seq > $1 order by seq limit $2', [afterSeq, limit]);
    // Entries not chained yet have no place to page by: chain them first when that matters (sequenceAudit).
    return rows.map(toAudit);
  }

  /** Idempotent on the transfer: a second deposit of the same transfer changes nothing. */
  async depositInbox(item: Omit<InboxRow, 'deliveredAt' | 'acknowledgedAt'>): Promise<InboxRow> {
    const inserted = await this.sql.query(
      `insert into inbox_items (transfer_id, institution_id, source_institution_id, purpose, sealed, wrapped_key, decision)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (transfer_id) do nothing returning *`,
      [
        item.transferId,
        item.institutionId,
        item.sourceInstitutionId,
        item.purpose,
        item.sealed,
        item.wrappedKey,
        JSON.stringify(item.decision),
      ],
    );
    // Deposited before (a retried attempt): the first deposit stays, and is what the commune sees.
    const stored = inserted[0] ? toInbox(inserted[0]) : await this.getInboxItem(item.transferId);
    if (!stored) throw new Error('inbox deposit vanished');
    return stored;
  }

  async getInboxItem(transferId: string): Promise<InboxRow | null> {
    if (!isUuid(transferId)) return null;
    const rows = await this.sql.query('select * from inbox_items where transfer_id = $1', [transferId]);
    return rows[0] ? toInbox(rows[0]) : null;
  }

  async listInbox(
    institutionId: string,
    status: 'unacknowledged' | 'acknowledged' | 'all',
    limit: number,
    cursor?: { deliveredAt: string; transferId: string },
  ): Promise<InboxRow[]> {
    const params: unknown[] = [institutionId];
    const where = ['institution_id = $1'];
    if (status === 'unacknowledged') where.push('acknowledged_at is null');
    if (status === 'acknowledged') where.push('acknowledged_at is not null');
    if (cursor) {
      params.push(cursor.deliveredAt, cursor.transferId);
      where.push(`(delivered_at, transfer_id) > ($2::timestamptz, $3::uuid)`);
    }
    params.push(limit);
    const rows = await this.sql.query(
      `select * from inbox_items where ${where.join(' and ')} order by delivered_at, transfer_id limit $${params.length}`,
      params,
    );
    return rows.map(toInbox);
  }

  /** Returns false when the item does not exist; a second acknowledgement keeps the first time. */
  async acknowledgeInbox(transferId: string, audit: AuditInput): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      const rows = await tx.query(
        `update inbox_items set acknowledged_at = coalesce(acknowledged_at, now())
         where transfer_id = $1 returning transfer_id`,
        [transferId],
      );
      if (rows.length === 0) return false;
      await insertAudit(tx, audit);
      return true;
    });
  }

  async rememberCaseRef(system: string, institutionId: string, localCaseId: string, nativeId: string): Promise<void> {
    await this.sql.query(
      rememberCaseRefSql('values ($1, $2, $3, $4)'),
      [system, institutionId, localCaseId, nativeId],
    );
  }

  async caseRef(system: string, institutionId: string, localCaseId: string): Promise<string | null> {
    const rows = await this.sql.query<{ native_id: string }>(
      'select native_id from case_refs where system = $1 and institution_id = $2 and local_case_id = $3',
      [system, institutionId, localCaseId],
    );
    return rows[0]?.native_id ?? null;
  }

  /** A revocation of a consent of the source record (`consent.revoked` from the installation that holds the person). */
  async recordRevocation(consentId: string, personRef: string, revokedOn: string, eventId: string | null, tx: Sql = this.sql): Promise<void> {
    await tx.query(
      `insert into consent_revocations (consent_id, person_ref, revoked_on, event_id) values ($1, $2, $3, $4)
       on conflict (consent_id, person_ref) do update set revoked_on = least(consent_revocations.revoked_on, excluded.revoked_on)`,
      [consentId, personRef, revokedOn, eventId],
    );
  }

  /** Records a consent given at the gateway, in the recording institution's namespace; false when that id is taken there. */
  async recordConsent(row: GatewayConsentRow, audit: AuditInput): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      const inserted = await tx.query(
        `insert into consents (id, person_ref, institution_id, installation, consent, document_sha256, recorded_by)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict (institution_id, id) do nothing returning id`,
        [row.id, row.personRef, row.institutionId, row.installation, JSON.stringify(row.consent), row.documentSha256, row.recordedBy],
      );
      if (inserted.length === 0) return false;
      await insertAudit(tx, audit);
      return true;
    });
  }

  async consentById(institutionId: string, id: string): Promise<StoredConsent | null> {
    const rows = await this.sql.query('select * from consents where institution_id = $1 and id = $2', [institutionId, id]);
    return rows[0] ? toConsent(rows[0]) : null;
  }

  /** Consents recorded at the gateway for a person, each with its own revocation. */
  async gatewayConsentsOf(personRef: string): Promise<StoredConsent[]> {
    const rows = await this.sql.query('select * from consents where person_ref = $1 order by institution_id, id', [personRef]);
    return rows.map(toConsent);
  }

  /** Revokes a gateway consent (the earliest revocation counts) with its audit entry, at once. */
  /** The statements of a gateway consent's revocation, for `cancelOpen` to run in its transaction. */
  revokeGatewayConsent(institutionId: string, id: string, revokedOn: string, audit: AuditInput): (tx: Sql) => Promise<void> {
    return async (tx) => {
      await tx.query(
        `update consents set revoked_on = least(coalesce(revoked_on, $3::date), $3::date) where institution_id = $1 and id = $2`,
        [institutionId, id, revokedOn],
      );
      await insertAudit(tx, audit);
    };
  }

  async personRefsOfVn(vnRef: string): Promise<string[]> {
    const rows = await this.sql.query<{ person_ref: string }>('select distinct person_ref from transfers where vn_ref = $1', [vnRef]);
    return rows.map((r) => r.person_ref);
  }

  async pollCursor(institutionId: string): Promise<string | null> {
    const rows = await this.sql.query<{ cursor: string }>('select cursor from poll_cursors where institution_id = $1', [institutionId]);
    return rows[0]?.cursor ?? null;
  }

  async savePollCursor(institutionId: string, cursor: string): Promise<void> {
    await this.sql.query(
      `insert into poll_cursors (institution_id, cursor) values ($1, $2)
       on conflict (institution_id) do update set cursor = excluded.cursor, polled_at = now()`,
      [institutionId, cursor],
    );
  }

  /** Revocations of consents of the source record, reported by its installation (`consent.revoked`). */
  async revocationsOf(personRef: string): Promise<{ consentId: string; revokedOn: string }[]> {
    const rows = await this.sql.query<{ consent_id: string; revoked_on: unknown }>(
      `select consent_id, to_char(revoked_on, 'YYYY-MM-DD') as revoked_on from consent_revocations where person_ref = $1`,
      [personRef],
    );
    return rows.map((r) => ({ consentId: r.consent_id, revokedOn: String(r.revoked_on) }));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
