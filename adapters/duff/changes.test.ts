import { describe, expect, it } from 'vitest';
import { diffRecords, eventIdFor } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fixture, type Body } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { getPath, jsonInput, setPath, snapshotOf } from '../../src/adapters/testing.js';

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2025-02-14T06:00:00Z') };

function snapshot(edit: (dossier: Body) => void = () => undefined) {
  const dossier = fixture('rich.dossier.json');
  edit(dossier);
  return snapshotOf(toContract([jsonInput('d', dossier)], ctx));
}

describe('DuFF changes found by polling (the fallback to webhooks)', () => {
  it('give a new status its own stable event id; a change elsewhere is one case.updated', () => {
    const before = snapshot();
    const after = snapshot((d) => {
      setPath(d, 'version', 58);
      setPath(d, 'geaendertAm', '2025-02-20T10:00:00+01:00');
      // Newest first: the new status, then the one it ends.
      const verlauf = getPath(d, 'aufenthalt.statusverlauf') as Body[];
      verlauf[0]!.gueltigBis = '2025-02-19';
      verlauf.unshift({ status: 'FL', gueltigAb: '2025-02-20' });
    });
    const [change] = diffRecords(before.record, after.record);
    expect(change).toEqual({ type: 'case.status-changed', from: 'F-refugee', to: 'B-refugee', effectiveDate: '2025-02-20' });
    expect(after.stamp).toEqual({ version: '58', occurredAt: '2025-02-20T10:00:00+01:00' });
    expect(changeEventId(after.record, change!, after.stamp)).toBe(eventIdFor('duff', 'AG-2022-002874', '58', 'case.status-changed'));
    expect(diffRecords(before.record, snapshot((d) => setPath(d, 'person.vorname', 'Senayt')).record)).toEqual([{ type: 'case.updated' }]);
  });
});
