import { describe, expect, it } from 'vitest';
import { canonical, entryHash, rowHash, type EntryRow } from './chain.js';

describe('the chain rule', () => {
  it('writes canonical JSON: keys sorted by code unit, no blanks, undefined left out', () => {
    expect(canonical({ b: 1, a: [true, null, { d: 'é', c: undefined }], A: 'x', é: 2, z: 1.5 })).toBe('{"A":"x","a":[true,null,{"d":"é"}],"b":1,"z":1.5,"é":2}');
    expect(canonical('line\u2028"')).toBe(JSON.stringify('line\u2028"'));
  });

  it('hashes a row exactly as the entry of its fields', () => {
    const rows: EntryRow[] = [
      { at: new Date('2026-03-01T10:00:00.123Z'), kind: 'transfer.state', actor: 'worker', transfer_id: 't1', event_id: null, request_id: 'r', person_ref: 'p2:ab', institution_id: 'be-asi', data: { step: 'attempt', n: [1, { b: 2, a: 'ü' }] } },
      { at: '2026-03-01T10:00:00.123Z', kind: 'k', actor: 'a"b', transfer_id: null, event_id: 'e', request_id: null, person_ref: null, institution_id: null, data: {} },
      { at: '2026-03-01 11:00:00.5+01', kind: 'k', actor: 'a', transfer_id: null, event_id: null, request_id: null, person_ref: null, institution_id: null, data: { x: null } },
    ];
    for (const row of rows) {
      const fields = {
        seq: 42,
        at: new Date(row.at).toISOString(),
        kind: row.kind,
        actor: row.actor,
        transferId: row.transfer_id,
        eventId: row.event_id,
        requestId: row.request_id,
        personRef: row.person_ref,
        institutionId: row.institution_id,
        data: row.data,
        prevHash: 'f'.repeat(64),
      };
      expect(rowHash(row, 42, 'f'.repeat(64))).toBe(entryHash(fields));
    }
  });
});
