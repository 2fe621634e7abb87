import { booleanOf, down, countryFromAlpha3, languageCode, integer, invalid, parseBirthDate, parseDate, parseTimestamp, required, text, type At, type XmlElement } from '../../src/adapters/sdk.js';

// Reading Tutoris values: where a value sits (contract path and Tutoris path from the
// `Klient`, `Dossier/Fallfuehrung/@Stelle`), and the quirks of FORMAT.md.

/** An attribute's place: `down(base, 'from', '@Von')` (native steps join with `/` as in the FORMAT's structure). */
export const attr = (base: At, field: string, name: string): At => down(base, field, `@${name}`);

// Quirk 3: `00.00.0000` (or unpadded `0.0.0000`) is no date; `31.12.9999` an open end.
const NO_DATE = /^0{1,2}\.0{1,2}\.0{4}$/;
export const OPEN_END = '31.12.9999';

function blankOrNone(value: string | undefined): boolean {
  return value === undefined || value.trim() === '' || NO_DATE.test(value.trim());
}

/** A date (quirk 2: one or two digits for day and month). */
export function dateOf(value: string | undefined, where: At): string | undefined {
  return blankOrNone(value) ? undefined : parseDate(value, where);
}

/** An end date: also `31.12.9999` is absent (open end). */
export function endDateOf(value: string | undefined, where: At): string | undefined {
  return value?.trim() === OPEN_END ? undefined : dateOf(value, where);
}

/** Quirk 4: zeros for the unknown parts of a date of birth. */
export function birthDateOf(value: string | undefined, where: At): string | undefined {
  return blankOrNone(value) ? undefined : parseBirthDate(value, where);
}

/** Quirk 5: Swiss local `dd.mm.yyyy HH:MM`, with the Zurich offset of that day. */
export function timestampOf(value: string | undefined, where: At): string | undefined {
  return parseTimestamp(value, where);
}

/** Quirk 8. */
export function jn(value: string | undefined, where: At): boolean | undefined {
  return booleanOf(value, where, ['J'], ['N']);
}

/** An attribute that must be there (any `@Id`, `@DossierNr`): trimmed. */
export function requiredAttr(element: XmlElement, name: string, where: At): string {
  return required(element.attr(name)?.trim(), where);
}

export function optionalAttr(element: XmlElement, name: string): string | undefined {
  const value = element.attr(name)?.trim();
  return value === '' ? undefined : value;
}

/** Free text (quirk 10): CDATA and line breaks kept, only the ends trimmed. */
export function textOf(element: XmlElement | undefined): string | undefined {
  return element === undefined ? undefined : text(element.text);
}

/** `@Jahre`, `@Bytes`, `@Version`, `@BFS`…: integers, in range. */
export function integerOf(value: string | undefined, where: At, range?: { min?: number; max?: number }): number | undefined {
  const raw = value?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^[+-]?\d+$/.test(raw)) throw invalid('mapping.invalid-number', where, 'is not a whole number');
  return integer(raw, where, range);
}

/** A date that must be there. */
export function requiredDate(value: string | undefined, where: At): string {
  return required(dateOf(value, where), where);
}

// Quirk 7: lists come newest first. They are read with the SDK's `ordered(…, { newestFirst:
// true, keyOf })`: backwards before the stable sort, so entries of one key keep the order
// the writer gave them (oldest first) and round trips hold; a missing or bad key rejects
// naming the element by its native position, having no place in the order.

/** Countries are ISO alpha-3 (`XXA` stateless, `XXX` unknown: `XX`); anything else rejects. */
export function countryOf(code: string | undefined, where: At): string | undefined {
  return countryFromAlpha3(code, where);
}

/** ISO 639-2/B (`ger`, `per`) or another ISO 639 code (`prs`, kept as ISO 639-3). */
export function languageOf(code: string | undefined, where: At): string {
  return required(languageCode(code, where), where);
}
