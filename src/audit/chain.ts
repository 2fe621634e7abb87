import { createHash } from 'node:crypto';
import type { AuditEntry } from '../contract/types.js';

/** The hash before the first entry. */
export const GENESIS = '0'.repeat(64);

/** What the chain covers of an entry: everything but its own hash. */
export type ChainedFields = Omit<AuditEntry, 'hash' | 'prevHash'> & { prevHash: string };

/**
 * Canonical JSON (RFC 8785 style for our values): object keys sorted, no white space,
 * so the same entry always hashes the same, whatever order a database returns keys in.
 */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** SHA-256 over the canonical form of the entry, which includes the previous hash. */
export function entryHash(entry: ChainedFields): string {
  return createHash('sha256').update(canonical(entry), 'utf8').digest('hex');
}

/** An entry as its row holds it. */
export interface EntryRow {
  at: Date | string;
  kind: string;
  actor: string;
  transfer_id: string | null;
  event_id: string | null;
  request_id: string | null;
  person_ref: string | null;
  institution_id: string | null;
  data: Record<string, unknown>;
}

/** The hash of a row at its place in the chain, after the entry whose hash is `prevHash`. */
export function rowHash(row: EntryRow, seq: number, prevHash: string): string {
  return entryHash({
    seq,
    at: (row.at instanceof Date ? row.at : new Date(row.at)).toISOString(),
    kind: row.kind,
    actor: row.actor,
    transferId: row.transfer_id,
    eventId: row.event_id,
    requestId: row.request_id,
    personRef: row.person_ref,
    institutionId: row.institution_id,
    data: row.data,
    prevHash,
  });
}
