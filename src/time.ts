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

const HOUR = 3_600_000;
// Zurich's offset changes only on whole UTC hours, so one look-up per hour serves every
// instant in it; Intl is slow enough that whole-canton imports notice.
const offsets = new Map<number, number>();

/** Zurich's offset from UTC at an instant, in minutes (+60 in winter, +120 in summer). */
export function zurichOffsetMinutes(instant: Date): number {
  const hour = Math.floor(instant.getTime() / HOUR);
  const cached = offsets.get(hour);
  if (cached !== undefined) return cached;
  const probe = new Date(hour * HOUR);
  const f: Record<string, string> = {};
  for (const part of parts.formatToParts(probe)) f[part.type] = part.value;
  const wall = Date.UTC(+f.year!, +f.month! - 1, +f.day!, +f.hour!, +f.minute!, +f.second!);
  const offset = Math.round((wall - probe.getTime()) / 60_000);
  if (offsets.size > 200_000) offsets.clear();
  offsets.set(hour, offset);
  return offset;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The Zurich wall clock of an instant, as a UTC Date holding those fields. */
function wallClock(instant: Date): { wall: Date; offset: number } {
  const offset = zurichOffsetMinutes(instant);
  return { wall: new Date(Math.floor(instant.getTime() / 1000) * 1000 + offset * 60_000), offset };
}

/** The Zurich calendar date of an instant, `YYYY-MM-DD`. */
export function zurichDate(instant: Date): string {
  const { wall } = wallClock(instant);
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}

/** RFC 3339 in Zurich time with its offset, seconds precision. */
export function zurichTimestamp(instant: Date): string {
  const { wall, offset } = wallClock(instant);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
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
