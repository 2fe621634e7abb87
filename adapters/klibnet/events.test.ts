import { v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { diffRecords } from '../../src/adapters/sdk.js';
import { changeEventId } from './events.js';
import { FLUE, fixtureText, mapText, swap } from './test-kit.js';

// FORMAT.md, "Reading": no events in the file; ids of snapshot changes by its recipe.
const NAMESPACE = '6f1c9a52-5b0e-4c43-9d3e-3a1f0e2b7c11';

describe('KLIBnet snapshot changes', () => {
  it('stamps every record with the export’s Stichtag, changed at ErstelltAm', () => {
    const { records, stamps } = mapText(fixtureText(FLUE));
    expect(stamps).toEqual(records.map(() => ({ version: '2026-03-09', occurredAt: '2026-03-09T02:04:51+01:00' })));
  });

  it('names a status change klibnet:<localPersonId>:<type>:<Stichtag>', () => {
    const before = mapText(fixtureText(FLUE));
    const later = swap(swap(fixtureText(FLUE), '<Stichtag>09.03.2026</Stichtag>', '<Stichtag>10.03.2026</Stichtag>'), '<GueltigBis/>', '<GueltigBis>09.03.2026</GueltigBis>');
    const withC = swap(later, '<StatusHistorie>', '<StatusHistorie><Status><StatusCd>21</StatusCd><GueltigAb>10.03.2026</GueltigAb></Status>');
    const after = mapText(withC);
    const [change] = diffRecords(before.records[0], after.records[0]!);
    expect(change).toEqual({ type: 'case.status-changed', from: 'B-refugee', to: 'C', effectiveDate: '2026-03-10' });
    const id = changeEventId(after.records[0]!, change!, after.stamps![0]!);
    expect(id).toBe(v5('klibnet:FLUE-30117:case.status-changed:2026-03-10', NAMESPACE));
  });

  it('adds the EwNr for consent events, so two consents of one day are two events', () => {
    const { records, stamps } = mapText(fixtureText(FLUE));
    const granted = diffRecords({ ...records[0]!, consents: [] }, records[0]!).filter((c) => c.type === 'consent.granted');
    expect(granted.map((c) => changeEventId(records[0]!, c, stamps![0]!))).toEqual(
      ['EW-801', 'EW-845', 'EW-846'].map((ew) => v5(`klibnet:FLUE-30117:consent.granted:2026-03-09:${ew}`, NAMESPACE)),
    );
  });
});
