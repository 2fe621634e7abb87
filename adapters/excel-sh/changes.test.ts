import { describe, expect, it } from 'vitest';
import { diffRecords, eventIdFor } from '../../src/adapters/sdk.js';
import { adapter } from './index.js';
import { fixture, map, set, sheet } from './test-support.js';

// Each workbook is a full snapshot: events come from comparing a person with the last one.

function nextWorkbook(edit: (book: ReturnType<typeof fixture>) => void) {
  const book = fixture('rich');
  sheet(book, 'Personen').rows.get(2)!.set(2, { value: 45397, numFmt: 'dd.mm.yyyy' }); // Stand: 15.04.2024
  edit(book);
  return map(book);
}

describe('excel-sh changes between workbooks', () => {
  const before = map(fixture('rich'));
  const [was] = before.records;

  it('a changed Phase and Zuständige Stelle are two events, with ids of Pers-Nr, Stand and type', () => {
    const after = nextWorkbook((b) => {
      set(b, 'Personen', 0, 'Phase', 'Regelstruktur');
      set(b, 'Personen', 0, 'Zuständige Stelle', 'Sozialdienst Neuhausen');
    });
    const [now] = after.records;
    const [stamp] = after.stamps!;
    expect(stamp).toEqual({ version: '2024-04-15', occurredAt: '2024-04-15T00:00:00+02:00' });
    const changes = diffRecords(was, now!);
    expect(changes.map((c) => [c.type, c.from, c.to])).toEqual([
      ['case.phase-changed', 'communal', 'regular'],
      ['case.institution-changed', 'sh-sd-stadt', 'sh-sd-neuhausen'],
    ]);
    const ids = changes.map((c) => adapter.mapper.changeEventId!(now!, c, stamp!));
    expect(ids).toEqual([eventIdFor('excel-sh', '540213', '2024-04-15', 'case.phase-changed'), eventIdFor('excel-sh', '540213', '2024-04-15', 'case.institution-changed')]);
    // The same workbook read again gives the same ids.
    expect(changes.map((c) => adapter.mapper.changeEventId!(now!, c, after.stamps![0]!))).toEqual(ids);
  });

  it('a new status is a status change; any other difference one case.updated', () => {
    const status = nextWorkbook((b) => {
      set(b, 'Personen', 0, 'Status 1', 'C Niedergelassene');
      set(b, 'Personen', 0, 'Status 1 ab', { value: 45383, numFmt: 'dd.mm.yyyy' });
    });
    expect(diffRecords(was, status.records[0]!).map((c) => [c.type, c.from, c.to, c.effectiveDate])).toEqual([['case.status-changed', 'B', 'C', '2024-04-01']]);
    const note = nextWorkbook((b) => set(b, 'Verlauf', 0, 'Eintrag', 'Neu formuliert.'));
    expect(diffRecords(was, note.records[0]!).map((c) => c.type)).toEqual(['case.updated']);
    expect(diffRecords(was, map(fixture('rich')).records[0]!)).toEqual([]);
  });

  it('a new Einwilligungen row and a widerrufen am are consent events, one id per consent', () => {
    const after = nextWorkbook((b) => {
      set(b, 'Einwilligungen', 1, 'widerrufen am', { value: 45390, numFmt: 'dd.mm.yyyy' });
      const consents = sheet(b, 'Einwilligungen');
      consents.rows.set(5, new Map(consents.rows.get(4)!));
      consents.rows.get(5)!.set(1, { value: 'EW-147-4' });
      consents.rows.get(5)!.delete(6);
    });
    const [now] = after.records;
    const changes = diffRecords(was, now!);
    expect(changes.map((c) => [c.type, c.consentId])).toEqual([
      ['consent.revoked', 'EW-147-2'],
      ['consent.granted', 'EW-147-4'],
    ]);
    expect(changes.map((c) => adapter.mapper.changeEventId!(now!, c, after.stamps![0]!))).toEqual([
      eventIdFor('excel-sh', '540213', '2024-04-15', 'consent.revoked', 'EW-147-2'),
      eventIdFor('excel-sh', '540213', '2024-04-15', 'consent.granted', 'EW-147-4'),
    ]);
  });
});
