import type { CaseEvent, Consent, Decision, Receipt, Transfer, TransferState } from '../contract/types.js';

// The store's rows, and how a database row becomes one.

export const FINAL_STATES: readonly TransferState[] = ['delivered', 'failed', 'rejected', 'cancelled'];

export interface EventRow {
  eventId: string;
  type: string;
  sourceSystem: string;
  sourceInstitutionId: string;
  localCaseId: string;
  localPersonId: string;
  personRef: string;
  nativeId: string | null;
  change: Record<string, unknown> | null;
  targetInstitutionId: string | null;
  consentId: string | null;
  occurredAt: string;
  /** What routing made of it: rule ids, unresolved reasons (no personal values). */
  outcome: Record<string, unknown>;
  /** The drop folder delivery that raised it (the folder's institution and the delivery's name), for a later withdrawal. */
  delivery?: { institutionId: string; id: string } | null;
}

export interface NewTransfer {
  id: string;
  ruleId: string;
  targetInstitutionId: string;
  targetSystem: string;
  purpose: string;
}

/** A transfer as the engine sees it: the API shape plus what the engine needs to act. */
export interface TransferRecord extends Transfer {
  ruleId: string;
  sourceSystem: string;
  targetSystem: string;
  replays: number;
  /** The attempt count when it was last replayed: attempts of the current round are those beyond. */
  attemptsAtReplay: number;
  cancelRequested: boolean;
  personRef: string;
  localCaseId: string;
  localPersonId: string;
  nativeId: string | null;
  payloadHash: string | null;
  /** What a delivery to a file or message system was called, for its later answer to find it. */
  deliveryRef: string | null;
  /** Until when the target's answer is awaited (`awaiting-receipt`); then it is delivered again. */
  receiptDueAt: string | null;
}

export interface AuditInput {
  kind: string;
  actor: string;
  transferId?: string | null;
  eventId?: string | null;
  requestId?: string | null;
  personRef?: string | null;
  institutionId?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditRow extends Required<Omit<AuditInput, 'data'>> {
  seq: number;
  at: string;
  data: Record<string, unknown>;
  prevHash: string | null;
  hash: string | null;
}

export interface TransferPatch {
  attempts?: number;
  decision?: Decision | null;
  receipt?: Receipt | null;
  error?: { code: string; message: string } | null;
  legalBasis?: string | null;
  payloadHash?: string | null;
  replays?: number;
  attemptsAtReplay?: number;
  cancelRequested?: boolean;
  deliveryRef?: string | null;
  receiptDueAt?: string | null;
  /** The pseudonym of the record's AHV number, for the officer's search by person. */
  vnRef?: string;
}

/** One step of a transfer's history: a state it moved to, or a decision taken on it. */
export interface HistoryStep {
  at: string;
  kind: string;
  actor: string;
  state: string | null;
  step: string | null;
}

/** A started attempt: the transfer, and what the attempt reads besides, read with the move. */
export interface Claimed {
  transfer: TransferRecord;
  /** The source system's handle of the case, when one was remembered. */
  caseRef: string | null;
  /** The person's consents recorded at the gateway, each with its own revocation. */
  consents: { institutionId: string; consent: Consent; revokedOn: string | null }[];
  /** Revocations of the source record's consents, reported by its installation. */
  revocations: { consentId: string; revokedOn: string }[];
  /** The event that caused the transfer: its id, type and change. */
  event: { eventId: string; type: CaseEvent['type']; change?: CaseEvent['change'] } | null;
}

export interface TransferFilter {
  state?: TransferState;
  target?: string;
  since?: string;
  until?: string;
  limit: number;
  cursor?: { createdAt: string; id: string };
}

export interface InboxRow {
  transferId: string;
  institutionId: string;
  sourceInstitutionId: string;
  purpose: string;
  sealed: string;
  wrappedKey: string | null;
  decision: Decision;
  deliveredAt: string;
  acknowledgedAt: string | null;
}

export type Row = Record<string, unknown>;

const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());
const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : iso(value));

export function toTransfer(row: Row): TransferRecord {
  return {
    id: String(row.id),
    eventId: String(row.event_id),
    sourceInstitutionId: String(row.source_institution_id),
    targetInstitutionId: String(row.target_institution_id),
    purpose: row.purpose as Transfer['purpose'],
    legalBasis: (row.legal_basis as string | null) ?? null,
    state: row.state as TransferState,
    attempts: Number(row.attempts),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    decision: (row.decision as Decision | null) ?? null,
    receipt: (row.receipt as Receipt | null) ?? null,
    error: (row.error as Transfer['error']) ?? null,
    ruleId: String(row.rule_id),
    sourceSystem: String(row.source_system),
    targetSystem: String(row.target_system),
    replays: Number(row.replays),
    attemptsAtReplay: Number(row.attempts_at_replay ?? 0),
    cancelRequested: Boolean(row.cancel_requested),
    personRef: String(row.person_ref),
    localCaseId: String(row.local_case_id),
    localPersonId: String(row.local_person_id),
    nativeId: (row.native_id as string | null) ?? null,
    payloadHash: (row.payload_hash as string | null) ?? null,
    deliveryRef: (row.delivery_ref as string | null) ?? null,
    receiptDueAt: isoOrNull(row.receipt_due_at),
  };
}

/** A row of `audit_entries`, `audit_archive` or `audit_all`, as the API shows it. */
export function toAudit(row: Row): AuditRow {
  return {
    seq: Number(row.seq),
    at: iso(row.at),
    kind: String(row.kind),
    actor: String(row.actor),
    transferId: (row.transfer_id as string | null) ?? null,
    eventId: (row.event_id as string | null) ?? null,
    requestId: (row.request_id as string | null) ?? null,
    personRef: (row.person_ref as string | null) ?? null,
    institutionId: (row.institution_id as string | null) ?? null,
    data: (row.data as Record<string, unknown>) ?? {},
    prevHash: (row.prev_hash as string | null) ?? null,
    hash: (row.hash as string | null) ?? null,
  };
}

export function toInbox(row: Row): InboxRow {
  return {
    transferId: String(row.transfer_id),
    institutionId: String(row.institution_id),
    sourceInstitutionId: String(row.source_institution_id),
    purpose: String(row.purpose),
    sealed: String(row.sealed),
    wrappedKey: (row.wrapped_key as string | null) ?? null,
    decision: row.decision as Decision,
    deliveredAt: iso(row.delivered_at),
    acknowledgedAt: isoOrNull(row.acknowledged_at),
  };
}

export interface GatewayConsentRow {
  id: string;
  personRef: string;
  /** The recording institution: the consent's namespace. */
  institutionId: string;
  /** The installation that holds the person. */
  installation: string;
  consent: Consent;
  documentSha256: string;
  recordedBy: string;
}

export interface StoredConsent extends GatewayConsentRow {
  revokedOn: string | null;
  recordedAt: string;
}

const dateText = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
};

export function toConsent(row: Row): StoredConsent {
  return {
    id: String(row.id),
    personRef: String(row.person_ref),
    institutionId: String(row.institution_id),
    installation: String(row.installation),
    consent: row.consent as Consent,
    documentSha256: String(row.document_sha256),
    recordedBy: String(row.recorded_by),
    revokedOn: dateText(row.revoked_on),
    recordedAt: iso(row.recorded_at),
  };
}
