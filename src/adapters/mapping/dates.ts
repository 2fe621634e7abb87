import { zurichDate, zurichOffsetMinutes, zurichTimestamp } from '../../time.js';
import { invalid, type At } from './reject.js';

// Swiss dates as the canton systems write them, and back. Every parser takes the place
// (`At`) of the value so a bad one rejects its record naming both sides.

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

function ymd(y: number, m: number, d: number, where: At): string {
  if (!isCalendarDate(y, m, d)) throw invalid('mapping.invalid-date', where, 'is not a date of the calendar');
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/**
 * The one notation a format fixes (`dd.mm.yyyy` with two digits, RFC 3339 with an offset):
 * a value of another shape is malformed there, though the parser could read it. `says`
 * names it in the rejection: `is not ${says}`. Named ones are in notations.ts.
 */
export interface Notation {
  readonly shape: RegExp;
  readonly says: string;
}

/**
 * Rejects a value that is not in the notation. Parsers test it after blanks and declared
 * sentinels are found absent, on the value as the native side gave it (padding is not
 * the notation).
 */
export function inNotation(value: string, notation: Notation | undefined, where: At): void {
  if (notation && !notation.shape.test(value)) throw invalid('mapping.invalid-date', where, `is not ${notation.says}`);
}

export interface TimestampRules {
  /** The format's one notation; without it every form `parseTimestamp` reads is taken. */
  notation?: Notation;
}

export interface DateRules extends TimestampRules {
  /** Which forms the format writes; both unless said (a stricter format refuses the other). */
  form?: 'dmy' | 'iso' | 'either';
  /**
   * Native values that mean "no date": blank sentinels (`00.00.0000`, `0001-01-01`,
   * `01.01.1900`) and, for end dates, open ends (`31.12.9999`).
   */
  absent?: readonly string[];
}

const DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `d.m.yyyy` (one or two digits for day and month) or `yyyy-mm-dd`; absent for blank. */
export function parseDate(value: string | null | undefined, where: At, rules: DateRules = {}): string | undefined {
  if (value === null || value === undefined) return undefined;
  const raw = value.trim();
  if (raw === '' || rules.absent?.includes(raw)) return undefined;
  inNotation(value, rules.notation, where);
  const form = rules.form ?? 'either';
  const dmy = form !== 'iso' ? DMY.exec(raw) : null;
  if (dmy) return ymd(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]), where);
  const iso = form !== 'dmy' ? ISO.exec(raw) : null;
  if (iso) return ymd(Number(iso[1]), Number(iso[2]), Number(iso[3]), where);
  throw invalid('mapping.invalid-date', where, form === 'dmy' ? 'is not a date (dd.mm.yyyy)' : form === 'iso' ? 'is not a date (yyyy-mm-dd)' : 'is not a date (dd.mm.yyyy or yyyy-mm-dd)');
}

/**
 * A date of birth, possibly partial (contract: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`), in the
 * forms the systems write: zeros for unknown parts (`00.00.1987`, `0.3.2001`,
 * `1987-00-00`), `mm.yyyy`, `yyyy`, or a full date.
 */
export function parseBirthDate(value: string | null | undefined, where: At, rules: DateRules = {}): string | undefined {
  if (value === null || value === undefined) return undefined;
  const raw = value.trim();
  if (raw === '' || rules.absent?.includes(raw)) return undefined;
  inNotation(value, rules.notation, where);
  const full = dmyParts(raw);
  if (full) {
    const [y, m, d] = full;
    return partialFromParts(y, m === 0 ? undefined : m, d === 0 ? undefined : d, where, m === 0 && d !== 0);
  }
  const monthYear = /^(\d{1,2})\.(\d{4})$/.exec(raw);
  if (monthYear) return partialFromParts(Number(monthYear[2]), Number(monthYear[1]), undefined, where);
  const isoMonth = /^(\d{4})-(\d{2})$/.exec(raw);
  if (isoMonth) return partialFromParts(Number(isoMonth[1]), Number(isoMonth[2]), undefined, where);
  if (/^\d{4}$/.test(raw)) return partialFromParts(Number(raw), undefined, undefined, where);
  throw invalid('mapping.invalid-date', where, 'is not a date of birth');
}

/** Year, month and day of `d.m.yyyy` or `yyyy-mm-dd`, zeros kept. */
function dmyParts(raw: string): [number, number, number] | undefined {
  const dmy = DMY.exec(raw);
  if (dmy) return [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])];
  const iso = ISO.exec(raw);
  return iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : undefined;
}

/** A partial date from its parts; a day without a month is malformed. */
export function partialFromParts(year: number, month: number | undefined, day: number | undefined, where: At, dayWithoutMonth = false): string {
  if (dayWithoutMonth || (month === undefined && day !== undefined)) throw invalid('mapping.invalid-date', where, 'has a day but no month');
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw invalid('mapping.invalid-date', where, 'has an impossible year');
  if (month === undefined) return String(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw invalid('mapping.invalid-date', where, 'has a month outside 1-12');
  if (day === undefined) return `${year}-${pad2(month)}`;
  return ymd(year, month, day, where);
}

/** A full date cut to what is known of it: `precision` month gives `YYYY-MM`, year `YYYY`. */
export function withPrecision(date: string, precision: 'day' | 'month' | 'year'): string {
  return precision === 'year' ? date.slice(0, 4) : precision === 'month' ? date.slice(0, 7) : date;
}

const LOCAL_DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const ISO_TS = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A timestamp as the systems write it, as RFC 3339 in Zurich time with its offset and
 * seconds (fractions cut): `dd.mm.yyyy HH:MM[:SS]` and ISO without offset are Swiss local
 * time; ISO with `Z` or an offset is that instant.
 */
export function parseTimestamp(value: string | null | undefined, where: At, rules: TimestampRules = {}): string | undefined {
  if (value === null || value === undefined) return undefined;
  const raw = value.trim();
  if (raw === '') return undefined;
  inNotation(value, rules.notation, where);
  const dmy = LOCAL_DMY.exec(raw);
  if (dmy) {
    return localToZurich(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]), Number(dmy[4]), Number(dmy[5]), Number(dmy[6] ?? 0), where);
  }
  const iso = ISO_TS.exec(raw);
  if (iso) {
    const [y, m, d, hh, mm, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(iso[i] ?? 0)) as [number, number, number, number, number, number];
    const zone = iso[7];
    if (!zone) return localToZurich(y, m, d, hh, mm, ss, where);
    ymd(y, m, d, where);
    checkClock(hh, mm, ss, where);
    const offset = zone.toUpperCase() === 'Z' ? 0 : offsetMinutes(zone);
    const instant = Date.UTC(y, m - 1, d, hh, mm, ss) - offset * 60_000;
    return zurichTimestamp(new Date(instant));
  }
  throw invalid('mapping.invalid-date', where, 'is not a timestamp');
}

function offsetMinutes(zone: string): number {
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

function checkClock(hh: number, mm: number, ss: number, where: At): void {
  if (hh > 23 || mm > 59 || ss > 59) throw invalid('mapping.invalid-date', where, 'has an impossible time of day');
}

/** Swiss wall-clock time → the instant, written in Zurich time with its offset. */
export function localToZurich(y: number, m: number, d: number, hh: number, mm: number, ss: number, where: At): string {
  ymd(y, m, d, where);
  checkClock(hh, mm, ss, where);
  return zurichTimestamp(new Date(wallToInstant(y, m, d, hh, mm, ss)));
}

/** Epoch milliseconds of a Zurich wall-clock time (the offset of that day, not of now). */
export function wallToInstant(y: number, m: number, d: number, hh: number, mm: number, ss = 0): number {
  const wall = Date.UTC(y, m - 1, d, hh, mm, ss);
  const first = wall - zurichOffsetMinutes(new Date(wall)) * 60_000;
  return wall - zurichOffsetMinutes(new Date(first)) * 60_000;
}

/**
 * The Zurich calendar date of an instant written as the UTC timestamp of its local
 * midnight (SharePoint date columns, Dynamics "User Local" fields): `2022-05-29T22:00:00Z`
 * is 30 May. An impossible date, or an instant that is not a Zurich midnight, rejects.
 */
export function dateOfLocalMidnight(value: string | null | undefined, where: At): string | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const raw = value.trim();
  const m = ISO_TS.exec(raw);
  if (!m || !m[7]) throw invalid('mapping.invalid-date', where, 'is not a timestamp with an offset');
  const [y, mo, d, hh, mm, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  ymd(y, mo, d, where);
  checkClock(hh, mm, ss, where);
  const offset = m[7].toUpperCase() === 'Z' ? 0 : offsetMinutes(m[7]);
  const instant = new Date(Date.UTC(y, mo - 1, d, hh, mm, ss) - offset * 60_000);
  const date = zurichDate(instant);
  if (localMidnightUtc(date) !== instant.toISOString().replace('.000Z', 'Z')) {
    throw invalid('mapping.invalid-date', where, 'is not the start of a day in Swiss time');
  }
  return date;
}

/** A contract date as the UTC instant of its Zurich midnight (`2022-05-30` → `2022-05-29T22:00:00Z`). */
export function localMidnightUtc(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(wallToInstant(y, m, d, 0, 0, 0)).toISOString().replace('.000Z', 'Z');
}

// Excel's day zero: 1899-12-31 in the 1900 system (with Lotus' phantom 29 February 1900),
// 1904-01-01 in the 1904 system of workbooks saved on a Mac.
const DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function serialMs(serial: number, date1904: boolean): number {
  if (date1904) return EPOCH_1904 + serial * DAY;
  // Serials before the phantom leap day count from 1899-12-31.
  return (serial < 60 ? EPOCH_1900 + DAY : EPOCH_1900) + serial * DAY;
}

/** The date of an Excel serial (whole days; a day fraction is dropped). */
export function excelDate(serial: number, date1904: boolean, where: At): string {
  if (!Number.isFinite(serial) || serial < 0) throw invalid('mapping.invalid-date', where, 'is not a date serial');
  const day = new Date(serialMs(Math.floor(serial), date1904));
  return ymd(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), where);
}

/** An Excel serial with a day fraction, Swiss local time, rounded to the minute. */
export function excelLocalTimestamp(serial: number, date1904: boolean, where: At): string {
  if (!Number.isFinite(serial) || serial < 0) throw invalid('mapping.invalid-date', where, 'is not a date serial');
  const minutes = Math.round(serialMs(serial, date1904) / 60_000);
  const wall = new Date(minutes * 60_000);
  return localToZurich(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), 0, where);
}

/** A contract date (or Zurich timestamp) as an Excel serial. */
export function toExcelSerial(value: string, date1904: boolean): number {
  const wall = zurichWall(value);
  const ms = Date.UTC(wall.y, wall.m - 1, wall.d, wall.hh, wall.mm, wall.ss);
  const days = (ms - (date1904 ? EPOCH_1904 : EPOCH_1900)) / DAY;
  return !date1904 && days < 61 ? days - 1 : days;
}

interface Wall {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  ss: number;
}

/** The Zurich wall-clock parts of a contract date or timestamp. */
export function zurichWall(value: string): Wall {
  if (ISO.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return { y, m, d, hh: 0, mm: 0, ss: 0 };
  }
  const local = zurichTimestamp(new Date(value));
  const [y, m, d, hh, mm, ss] = [local.slice(0, 4), local.slice(5, 7), local.slice(8, 10), local.slice(11, 13), local.slice(14, 16), local.slice(17, 19)].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { y, m, d, hh, mm, ss };
}

/** `2026-03-05` → `05.03.2026`. */
export function formatDmy(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** A partial date of birth with zeros for what is unknown: `1987` → `00.00.1987`. */
export function formatPartialDmy(date: string): string {
  const [y, m = '00', d = '00'] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** A contract timestamp as Swiss local `dd.mm.yyyy HH:MM` (seconds with `withSeconds`). */
export function formatLocalDmy(timestamp: string, withSeconds = false): string {
  const w = zurichWall(timestamp);
  const clock = `${pad2(w.hh)}:${pad2(w.mm)}${withSeconds ? `:${pad2(w.ss)}` : ''}`;
  return `${pad2(w.d)}.${pad2(w.m)}.${w.y} ${clock}`;
}

/** A contract timestamp as Swiss local ISO without offset, `yyyy-mm-ddTHH:MM:SS`. */
export function formatLocalIso(timestamp: string, separator = 'T'): string {
  const w = zurichWall(timestamp);
  return `${w.y}-${pad2(w.m)}-${pad2(w.d)}${separator}${pad2(w.hh)}:${pad2(w.mm)}:${pad2(w.ss)}`;
}
