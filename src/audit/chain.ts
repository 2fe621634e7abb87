import { hash } from 'node:crypto';
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
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i ? ',' : '') + canonical(value[i]);
    return out + ']';
  }
  const object = value as Record<string, unknown>;
  // Default sort: UTF-16 code units, as `<` compares.
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonical(v);
    first = false;
  }
  return out + '}';
}

/** SHA-256 over the canonical form of the entry, which includes the previous hash. */
export function entryHash(entry: ChainedFields): string {
  return hash('sha256', canonical(entry), 'hex');
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

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The hash of a row at its place in the chain, after the entry whose hash is `prevHash`:
 * the same as `entryHash` of its fields, written out in canonical key order at once (the
 * verifier hashes a million of them).
 */
export function rowHash(row: EntryRow, seq: number, prevHash: string): string {
  const at = typeof row.at === 'string' && ISO_UTC.test(row.at) ? row.at : (row.at instanceof Date ? row.at : new Date(row.at)).toISOString();
  const text =
    `{"actor":${JSON.stringify(row.actor)},"at":"${at}","data":${canonical(row.data)},"eventId":${JSON.stringify(row.event_id)},` +
    `"institutionId":${JSON.stringify(row.institution_id)},"kind":${JSON.stringify(row.kind)},"personRef":${JSON.stringify(row.person_ref)},` +
    `"prevHash":${JSON.stringify(prevHash)},"requestId":${JSON.stringify(row.request_id)},"seq":${seq},"transferId":${JSON.stringify(row.transfer_id)}}`;
  return hash('sha256', text, 'hex');
}
