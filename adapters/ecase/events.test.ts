import { describe, expect, it } from 'vitest';
import { diffRecords } from '../../src/adapters/sdk.js';
import { changeEventId } from './events.js';
import { toContract } from './to-contract.js';
import { ctx, files, row, twoCases } from './test-support.js';
import { snapshotOf, expectStableChanges } from '../../src/adapters/testing.js';

function read(edit: (s: ReturnType<typeof twoCases>) => void = () => {}) {
  const sheets = twoCases();
  edit(sheets);
  return snapshotOf(toContract(files(sheets), ctx));
}

const newStatus = (s: ReturnType<typeof twoCases>): void => {
  row(s, 'Verlauf', 'Code', 'B').set('Bis', '29.02.2024');
  s.Verlauf.rows.unshift(['GR-INT-2019-0042', 'AUFENTHALT', 'C', '', '01.03.2024', '']);
  row(s, 'Faelle', 'FallNr', 'GR-INT-2019-0042').set('Mutiert', '01.03.2024 08:10');
};

describe('Ecase changes from snapshots (FORMAT.md "Changes")', () => {
  it('stamps each Fall with its Mutiert in Zurich time', () => {
    expect(read().stamp).toEqual({ version: '2024-03-14T16:42:00+01:00', occurredAt: '2024-03-14T16:42:00+01:00' });
    expect(toContract(files(twoCases()), ctx).stamps).toHaveLength(2);
  });

  it('a new open AUFENTHALT row is a status change whose id is the same each time it is read', () => {
    const before = read();
    const after = read(newStatus);
    const changes = expectStableChanges(before, after, read(newStatus), changeEventId);
    expect(changes).toEqual([{ type: 'case.status-changed', from: 'B', to: 'C', effectiveDate: '2024-03-01' }]);
    expect(changeEventId(after.record, changes[0]!, after.stamp)).not.toBe(changeEventId(before.record, changes[0]!, before.stamp));
  });

  it('phase and Stelle changes, and a revoked and a new consent, are events of their own with distinct ids', () => {
    const before = read();
    const after = read((s) => {
      const fall = row(s, 'Faelle', 'FallNr', 'GR-INT-2019-0042');
      fall.set('Phase', 'REGEL');
      fall.set('Stelle', 'SOD-CHUR');
      fall.set('Mutiert', '02.03.2024 09:00');
      row(s, 'Einwilligungen', 'EwNr', 'EW-903').set('Widerrufen', '01.03.2024');
      s.Einwilligungen.rows.push(['EW-904', 'GR-INT-2019-0042', 'SPEZIFISCH', '01.03.2024', '', '', 'SOD-CHUR', 'UEBERGABE', 'PERSON', '']);
    });
    const changes = diffRecords(before.record, after.record);
    expect(changes.map((c) => c.type)).toEqual(['case.phase-changed', 'case.institution-changed', 'consent.revoked', 'consent.granted']);
    const ids = changes.map((c) => changeEventId(after.record, c, after.stamp));
    expect(new Set(ids).size).toBe(4);
  });

  it('any other difference is one case.updated; no difference, nothing', () => {
    const before = read();
    expect(diffRecords(before.record, read().record)).toEqual([]);
    const after = read((s) => row(s, 'Journal', 'EintragNr', 'J-52044').set('Text', 'RAV meldet Festanstellung.'));
    expect(diffRecords(before.record, after.record)).toEqual([{ type: 'case.updated' }]);
  });

  it('without Mutiert, a hash of the Fall\'s rows is the version and the delivery time the moment', () => {
    const blank = (s: ReturnType<typeof twoCases>): void => row(s, 'Faelle', 'FallNr', 'GR-INT-2019-0042').set('Mutiert', '');
    const a = read(blank).stamp;
    expect(a.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.occurredAt).toBe('2024-03-14T17:00:00+01:00');
    expect(read(blank).stamp).toEqual(a);
    expect(read((s) => (blank(s), row(s, 'Journal', 'EintragNr', 'J-52044').set('Text', 'x'))).stamp.version).not.toBe(a.version);
  });
});
