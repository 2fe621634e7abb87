import { describe, expect, it } from 'vitest';
import { eventIdFor } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fixture, type Body } from './test-support.js';
import { SAMPLE_CONTEXT } from './testing.js';
import { toContract } from './to-contract.js';
import { edited, getPath, jsonInput, polledChanges, setPath } from '../../src/adapters/testing.js';

const ctx = { ...SAMPLE_CONTEXT, now: () => new Date('2025-02-14T06:00:00Z') };
const read = (edit: (dossier: Body) => void) => toContract([jsonInput('d', edited(fixture('rich.dossier.json'), edit))], ctx);

describe('DuFF changes found by polling (the fallback to webhooks)', () => {
  it('give a new status its own stable event id; a change elsewhere is one case.updated', () => {
    const { changes, ids, stamp } = polledChanges(read, changeEventId, (d) => {
      // Newest first: the new status, then the one it ends.
      const verlauf = getPath(d, 'aufenthalt.statusverlauf') as Body[];
      verlauf[0]!.gueltigBis = '2025-02-19';
      verlauf.unshift({ status: 'FL', gueltigAb: '2025-02-20' });
      setPath(d, 'version', 58);
      setPath(d, 'geaendertAm', '2025-02-20T10:00:00+01:00');
    });
    expect(changes).toEqual([{ type: 'case.status-changed', from: 'F-refugee', to: 'B-refugee', effectiveDate: '2025-02-20' }]);
    expect(stamp).toEqual({ version: '58', occurredAt: '2025-02-20T10:00:00+01:00' });
    expect(ids).toEqual([eventIdFor('duff', 'AG-2022-002874', '58', 'case.status-changed')]);
    expect(polledChanges(read, changeEventId, (d) => setPath(d, 'person.vorname', 'Senayt')).changes).toEqual([{ type: 'case.updated' }]);
  });
});
