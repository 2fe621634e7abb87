import { parseDate, parseTimestamp, type Notation } from './dates.js';
import type { At } from './reject.js';

// The notations more than one format fixes, and the strict parsers of the JSON formats
// (CaseNet, Lora, Duff) that write ISO only. A format with a notation of its own declares
// it beside its readers, as a `Notation`: the check is the same everywhere.

/** `yyyy-mm-dd`. */
export const ISO_DATE: Notation = { shape: /^\d{4}-\d{2}-\d{2}$/, says: 'a date (yyyy-mm-dd)' };

/** `dd.mm.yyyy`, two digits for day and month (the SDK reads one as well). */
export const DMY_DATE: Notation = { shape: /^\d{2}\.\d{2}\.\d{4}$/, says: 'a date (dd.mm.yyyy)' };

/** RFC 3339 with an offset or `Z`, seconds, a fraction allowed. */
export const ZONED_TIMESTAMP: Notation = {
  shape: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i,
  says: 'an RFC 3339 timestamp with offset',
};

/** Swiss local time `yyyy-MM-dd HH:mm:ss`, without offset. */
export const LOCAL_TIMESTAMP: Notation = { shape: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, says: 'a local timestamp (yyyy-MM-dd HH:mm:ss)' };

/** `yyyy-mm-dd` only, a calendar date; blank is undefined. */
export function isoDate(value: string | undefined, where: At): string | undefined {
  return parseDate(value, where, { notation: ISO_DATE });
}

/** RFC 3339 with an offset or `Z` (a fraction allowed) → Zurich time with its offset, no fraction. */
export function zonedTimestamp(value: string | undefined, where: At): string | undefined {
  return parseTimestamp(value, where, { notation: ZONED_TIMESTAMP });
}

/** Swiss local `yyyy-MM-dd HH:mm:ss` (the offset of that day) → Zurich time with its offset. */
export function localTimestamp(value: string | undefined, where: At): string | undefined {
  return parseTimestamp(value, where, { notation: LOCAL_TIMESTAMP });
}
