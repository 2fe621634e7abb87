import { parseDate, parseTimestamp, type Notation } from '../mapping/dates.js';
import { booleanOf } from '../mapping/codes.js';
import { invalid, type At } from '../mapping/reject.js';
import type { XmlElement } from './element.js';

// Values of an XML element as mappings read them: an element's or attribute's text
// trimmed, blank as absent (absent means unknown), and XML Schema's own value types.

/** The trimmed text of the first child `local`; absent when missing or blank (`<AbgeschlossenAm/>`). */
export function childValue(element: XmlElement | undefined, local: string): string | undefined {
  const raw = element?.child(local)?.text.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/** An attribute, trimmed; absent when missing or blank. */
export function attrValue(element: XmlElement | undefined, name: string): string | undefined {
  const raw = element?.attr(name)?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/** The rows of a list container (`Personen/Person`); none when the container is missing. */
export function childRows(element: XmlElement | undefined, container: string, row: string): XmlElement[] {
  return element?.child(container)?.all(row) ?? [];
}

const XS_DATE = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/;

/** `xs:dateTime`: seconds, a fraction allowed, with an offset, `Z` or none (then Swiss local time). */
export const XS_DATE_TIME: Notation = { shape: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/, says: 'an xs:dateTime' };

/** `xs:date` (a time zone, allowed by XML Schema, says nothing of the calendar day: dropped). */
export function xsDate(value: string | undefined, where: At): string | undefined {
  const raw = value?.trim();
  if (raw === undefined || raw === '') return undefined;
  const match = XS_DATE.exec(raw);
  if (!match) throw invalid('mapping.invalid-date', where, 'is not an xs:date (YYYY-MM-DD)');
  return parseDate(match[1], where);
}

/** `xs:dateTime` with any offset, `Z` or none (Swiss local time) → Zurich offset, seconds. */
export function xsDateTime(value: string | undefined, where: At): string | undefined {
  return parseTimestamp(value?.trim(), where, { notation: XS_DATE_TIME });
}

/** `xs:boolean`: true/false or 1/0. */
export function xsBoolean(value: string | undefined, where: At): boolean | undefined {
  return booleanOf(value, where, ['true', '1'], ['false', '0']);
}
