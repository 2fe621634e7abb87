import { describe, expect, it } from 'vitest';
import { Reject } from './reject.js';
import { dateOfLocalMidnight, excelDate, excelLocalTimestamp, formatDmy, formatLocalDmy, formatPartialDmy, localMidnightUtc, parseBirthDate, parseDate, parseTimestamp, toExcelSerial, withPrecision } from './dates.js';
import { thrown } from '../testing.js';

const here = { field: 'person.arrivalDate', nativeField: 'Einreise' };
const rejects = (fn: () => unknown): Reject => thrown(Reject, fn);

describe('Swiss dates', () => {
  it('reads dd.mm.yyyy with one or two digits, and ISO', () => {
    expect(parseDate('03.05.2012', here)).toBe('2012-05-03');
    expect(parseDate('3.5.2012', here)).toBe('2012-05-03');
    expect(parseDate('2012-05-03', here)).toBe('2012-05-03');
    expect(parseDate(' ', here)).toBeUndefined();
    expect(parseDate(null, here)).toBeUndefined();
  });

  it('treats declared sentinels and open ends as absent', () => {
    const rules = { absent: ['00.00.0000', '31.12.9999', '0001-01-01', '01.01.1900'] };
    for (const sentinel of rules.absent) expect(parseDate(sentinel, here, rules)).toBeUndefined();
  });

  it('rejects impossible dates naming both sides, never the value', () => {
    const r = rejects(() => parseDate('31.02.2020', here));
    expect(r.code).toBe('mapping.invalid-date');
    expect(r.field).toBe('person.arrivalDate');
    expect(r.nativeField).toBe('Einreise');
    expect(r.why).not.toContain('2020');
    expect(() => parseDate('00.00.0000', here)).toThrow(Reject);
    expect(() => parseDate('2023-13-01', here)).toThrow(Reject);
    expect(() => parseDate('31.12.9999', here)).toThrow(Reject);
  });
});

describe('dates of birth', () => {
  it('reads partial dates in every documented form', () => {
    expect(parseBirthDate('00.00.1987', here)).toBe('1987');
    expect(parseBirthDate('00.06.2015', here)).toBe('2015-06');
    expect(parseBirthDate('0.0.1979', here)).toBe('1979');
    expect(parseBirthDate('0.3.2001', here)).toBe('2001-03');
    expect(parseBirthDate('1987-00-00', here)).toBe('1987');
    expect(parseBirthDate('2001-06-00', here)).toBe('2001-06');
    expect(parseBirthDate('06.2015', here)).toBe('2015-06');
    expect(parseBirthDate('1991', here)).toBe('1991');
    expect(parseBirthDate('14.2.1990', here)).toBe('1990-02-14');
    expect(withPrecision('1990-01-01', 'year')).toBe('1990');
    expect(withPrecision('1990-04-01', 'month')).toBe('1990-04');
  });

  it('rejects a day without a month and impossible parts', () => {
    expect(() => parseBirthDate('12.00.1990', here)).toThrow(Reject);
    expect(() => parseBirthDate('13.2000', here)).toThrow(Reject);
    expect(() => parseBirthDate('30.02.1990', here)).toThrow(Reject);
  });
});

describe('timestamps', () => {
  it('adds the Zurich offset of that day to local times', () => {
    expect(parseTimestamp('14.03.2026 06:20', here)).toBe('2026-03-14T06:20:00+01:00');
    expect(parseTimestamp('2.9.2019 08:05', here)).toBe('2019-09-02T08:05:00+02:00');
    expect(parseTimestamp('2023-08-02T11:05:00', here)).toBe('2023-08-02T11:05:00+02:00');
    expect(parseTimestamp('2023-08-02 11:05:09', here)).toBe('2023-08-02T11:05:09+02:00');
  });

  it('converts instants with an offset or Z, cutting fractions', () => {
    expect(parseTimestamp('2026-03-30T09:05:09.250Z', here)).toBe('2026-03-30T11:05:09+02:00');
    expect(parseTimestamp('2026-01-10T08:00:00+00:00', here)).toBe('2026-01-10T09:00:00+01:00');
  });

  it('rejects impossible clocks', () => {
    expect(() => parseTimestamp('14.03.2026 25:20', here)).toThrow(Reject);
    expect(() => parseTimestamp('yesterday', here)).toThrow(Reject);
  });

  it('reads UTC instants of local midnight as their Zurich date, and writes them back', () => {
    expect(dateOfLocalMidnight('2022-05-29T22:00:00Z', here)).toBe('2022-05-30');
    expect(dateOfLocalMidnight('2021-03-21T23:00:00Z', here)).toBe('2021-03-22');
    expect(localMidnightUtc('2022-05-30')).toBe('2022-05-29T22:00:00Z');
  });
});

describe('Excel serials', () => {
  it('reads the 1900 and the 1904 system', () => {
    expect(excelDate(45000, false, here)).toBe('2023-03-15');
    expect(excelDate(43538, true, here)).toBe('2023-03-15');
    expect(excelDate(1, false, here)).toBe('1900-01-01');
    expect(excelDate(61, false, here)).toBe('1900-03-01');
  });

  it('rounds day fractions to the minute in local time', () => {
    // 16:09:59.999 as some readers give it
    expect(excelLocalTimestamp(45000 + (16 * 3600 + 9 * 60 + 59.999) / 86400, false, here)).toBe('2023-03-15T16:10:00+01:00');
  });

  it('writes serials that read back', () => {
    for (const flag of [false, true]) expect(excelDate(toExcelSerial('2023-03-15', flag), flag, here)).toBe('2023-03-15');
    expect(excelLocalTimestamp(toExcelSerial('2023-08-02T11:05:00+02:00', false), false, here)).toBe('2023-08-02T11:05:00+02:00');
  });
});

describe('writing Swiss forms', () => {
  it('formats dates and local timestamps', () => {
    expect(formatDmy('2026-03-05')).toBe('05.03.2026');
    expect(formatPartialDmy('1987')).toBe('00.00.1987');
    expect(formatPartialDmy('2015-06')).toBe('00.06.2015');
    expect(formatLocalDmy('2026-03-14T05:20:00Z')).toBe('14.03.2026 06:20');
  });
});
