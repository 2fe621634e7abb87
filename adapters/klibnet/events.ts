import { eventIdFor, type CaseRecord, type RecordChange, type RecordStamp } from '../../src/adapters/sdk.js';
import type { Head } from './head.js';

// KLIBnet writes no events: the gateway compares each person with its last snapshot
// (`diffRecords`) and names what changed by the FORMAT's recipe.

/** Every record of an export has the export's version: its `Stichtag`, changed at `ErstelltAm`. */
export function stampOf(head: Pick<Head, 'stichtag' | 'erstelltAm'>): RecordStamp | undefined {
  return head.stichtag && head.erstelltAm ? { version: head.stichtag, occurredAt: head.erstelltAm } : undefined;
}

/** UUID v5 of `klibnet:<localPersonId>:<type>:<Stichtag>[:<EwNr>]`: the same change read twice is one event. */
export function changeEventId(record: CaseRecord, change: RecordChange, stamp: RecordStamp): string {
  const parts: string[] = ['klibnet', record.source.localPersonId, change.type, stamp.version];
  if (change.consentId !== undefined) parts.push(change.consentId);
  return eventIdFor(...parts);
}
