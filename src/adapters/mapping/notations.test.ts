import { describe, expect, it } from 'vitest';
import { parseBirthDate, parseDate, parseTimestamp, type Notation } from './dates.js';
import { DMY_DATE, isoDate, localTimestamp, zonedTimestamp } from './notations.js';
import { Reject } from './reject.js';
import { thrown } from '../testing.js';

const here = { field: 'journal[0].at', nativeField: 'journal.dateHeure' };
const rejects = (fn: () => unknown): Reject => thrown(Reject, fn);

describe('strict notations', () => {
  it('reads ISO dates only with isoDate', () => {
    expect(isoDate('2024-03-05', here)).toBe('2024-03-05');
    expect(isoDate(undefined, here)).toBeUndefined();
    const r = rejects(() => isoDate('05.03.2024', here));
    expect([r.code, r.why]).toEqual(['mapping.invalid-date', 'journal.dateHeure is not a date (yyyy-mm-dd) (journal[0].at)']);
    expect(rejects(() => isoDate('2024-02-30', here)).why).toContain('not a date of the calendar');
  });

  it('reads RFC 3339 with an offset only with zonedTimestamp', () => {
    expect(zonedTimestamp('2024-03-05T09:15:30.250Z', here)).toBe('2024-03-05T10:15:30+01:00');
    expect(rejects(() => zonedTimestamp('2024-03-05T10:15:30', here)).why).toContain('RFC 3339');
    expect(rejects(() => zonedTimestamp('2024-03-05 10:15:30+01:00', here)).code).toBe('mapping.invalid-date');
  });

  it('reads Swiss local yyyy-MM-dd HH:mm:ss only with localTimestamp, with that day’s offset', () => {
    expect(localTimestamp('2024-07-01 08:00:00', here)).toBe('2024-07-01T08:00:00+02:00');
    expect(rejects(() => localTimestamp('2024-07-01T08:00:00', here)).why).toContain('yyyy-MM-dd HH:mm:ss');
  });

  it('takes a notation as an option of the parsers: tested on the value as given, after blanks and sentinels', () => {
    expect(parseDate('05.03.2024', here, { notation: DMY_DATE })).toBe('2024-03-05');
    expect(rejects(() => parseDate('5.3.2024', here, { notation: DMY_DATE })).why).toContain('dd.mm.yyyy');
    expect(rejects(() => parseDate(' 05.03.2024', here, { notation: DMY_DATE })).code).toBe('mapping.invalid-date');
    expect(parseDate('  ', here, { notation: DMY_DATE })).toBeUndefined();
    expect(parseDate('01.01.1900', here, { notation: { shape: /^\d{4}$/, says: 'x' }, absent: ['01.01.1900'] })).toBeUndefined();
    const year: Notation = { shape: /^\d{4}$/, says: 'a year (yyyy)' };
    expect(parseBirthDate('1987', here, { notation: year })).toBe('1987');
    expect(rejects(() => parseBirthDate('00.00.1987', here, { notation: year })).why).toContain('a year (yyyy)');
    const dmyTime: Notation = { shape: /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/, says: 'a timestamp (dd.mm.yyyy HH:MM:SS)' };
    expect(parseTimestamp('05.03.2024 07:05:00', here, { notation: dmyTime })).toBe('2024-03-05T07:05:00+01:00');
    expect(rejects(() => parseTimestamp('05.03.2024 07:05', here, { notation: dmyTime })).why).not.toContain('07:05');
  });
});
