import { describe, expect, it } from 'vitest';
import { startOfZurichDay, zurichDate, zurichOffsetMinutes, zurichTimestamp } from './time.js';

describe('Zurich time', () => {
  it('writes instants with the offset of their day, across both clock changes', () => {
    expect(zurichTimestamp(new Date('2026-03-29T00:59:59Z'))).toBe('2026-03-29T01:59:59+01:00');
    expect(zurichTimestamp(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00');
    expect(zurichTimestamp(new Date('2026-10-25T00:59:59Z'))).toBe('2026-10-25T02:59:59+02:00');
    expect(zurichTimestamp(new Date('2026-10-25T01:00:00Z'))).toBe('2026-10-25T02:00:00+01:00');
    expect(zurichTimestamp(new Date('2025-03-03T08:15:22.987Z'))).toBe('2025-03-03T09:15:22+01:00');
    expect(zurichOffsetMinutes(new Date('2026-07-01T12:00:00Z'))).toBe(120);
  });

  it('gives the calendar day in Zurich and where it starts', () => {
    expect(zurichDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(startOfZurichDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfZurichDay('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });
});
