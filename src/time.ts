/**
 * Time in the contract is Europe/Zurich: dates are the Zurich calendar day, timestamps
 * carry the Zurich offset of that instant, without fraction (`2025-03-03T09:15:22+01:00`).
 */
const ZONE = 'Europe/Zurich';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function fields(instant: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of parts.formatToParts(instant)) out[part.type] = part.value;
  return out;
}

/** The Zurich calendar date of an instant, `YYYY-MM-DD`. */
export function zurichDate(instant: Date): string {
  const f = fields(instant);
  return `${f.year}-${f.month}-${f.day}`;
}

/** RFC 3339 in Zurich time with its offset, seconds precision. */
export function zurichTimestamp(instant: Date): string {
  const f = fields(instant);
  const wall = Date.UTC(+f.year!, +f.month! - 1, +f.day!, +f.hour!, +f.minute!, +f.second!);
  const offsetMinutes = Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}:${f.second}${sign}${hh}:${mm}`;
}

/** The instant a Zurich calendar day starts (`2026-03-29` → 2026-03-28T23:00:00Z). */
export function startOfZurichDay(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError('expected a date YYYY-MM-DD');
  const [, y, m, d] = match;
  // Zurich's clock changes happen at 02:00/03:00, never at midnight, so one correction
  // of the offset guessed at UTC midnight is exact.
  const guess = Date.UTC(+y!, +m! - 1, +d!, 0, 0, 0);
  const first = guess - zurichOffsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess - zurichOffsetMinutes(new Date(first)) * 60_000);
}

export function zurichOffsetMinutes(instant: Date): number {
  const ts = zurichTimestamp(instant);
  const sign = ts.at(-6) === '-' ? -1 : 1;
  return sign * (Number(ts.slice(-5, -3)) * 60 + Number(ts.slice(-2)));
}
