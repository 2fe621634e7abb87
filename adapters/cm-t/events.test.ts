import { describe, expect, it } from 'vitest';
import { diffRecords } from '../../src/adapters/sdk.js';
import { changeEventId } from './events.js';
import { toContract } from './to-contract.js';
import { ctx, file, load, person } from './test-support.js';
import { snapshotOf, expectStableChanges } from '../../src/adapters/testing.js';

function read(edit: (s: ReturnType<typeof load>) => void = () => {}, name = 'CMT_Export_20260301.csv') {
  const sheet = load('rich');
  edit(sheet);
  return snapshotOf(toContract([file(sheet, name)], ctx));
}

const newStatus = (s: ReturnType<typeof load>): void => {
  person(s, '1093').set('Status3_bis', '31.01.2026');
  person(s, '1093').set('Status4', 'C');
  person(s, '1093').set('Status4_von', '1.2.2026');
};

describe('CM-T changes from snapshots (FORMAT.md "Changes")', () => {
  it('stamps a row with the hash of its cells and the export\'s date', () => {
    const { stamp } = read();
    expect(stamp.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(stamp.occurredAt).toBe('2026-03-01T00:00:00+01:00');
    expect(read().stamp).toEqual(stamp);
    expect(read(newStatus).stamp.version).not.toBe(stamp.version);
  });

  it('without a date in the file name, the latest time the row names is when it changed', () => {
    expect(read(() => {}, 'export.csv').stamp.occurredAt).toBe('2023-05-22T10:40:00+02:00');
  });

  it('a new open status group is a status change, with the same id each time the export is read', () => {
    const before = read();
    const after = read(newStatus);
    const changes = expectStableChanges(before, after, read(newStatus), changeEventId);
    expect(changes).toEqual([{ type: 'case.status-changed', from: 'B', to: 'C', effectiveDate: '2026-02-01' }]);
  });

  it('phase, Stelle and consents give their own events with distinct ids; other edits one case.updated', () => {
    const before = read();
    const after = read((s) => {
      person(s, '1093').set('Phase', 'Gemeinde');
      person(s, '1093').set('Stelle', 'Gemeinde Glarus Nord');
      person(s, '1093').set('Einw2_widerrufen', '15.02.2026');
    });
    const changes = diffRecords(before.record, after.record);
    expect(changes.map((c) => c.type)).toEqual(['case.phase-changed', 'case.institution-changed', 'consent.revoked']);
    expect(new Set(changes.map((c) => changeEventId(after.record, c, after.stamp))).size).toBe(3);
    const edited = read((s) => person(s, '1093').set('Abkl2_Ziele', 'Lehrstelle als Elektroinstallateur.'));
    expect(diffRecords(before.record, edited.record)).toEqual([{ type: 'case.updated' }]);
    // An Excel re-save changes the row's text, not the record: no event.
    expect(diffRecords(before.record, read((s) => person(s, '1093').set('Einreise', '1.3.2017')).record)).toEqual([]);
  });
});
