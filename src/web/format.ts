import type { Lang } from './i18n.js';

/**
 * Swiss forms: dates `02.12.2026`, times `14:05` on the Zurich clock, AHV numbers
 * `756.1234.5678.97`. Country and language names come from the platform's ICU data.
 */
const ZONE = 'Europe/Zurich';
const LOCALES: Record<Lang, string> = { fr: 'fr-CH', de: 'de-CH', it: 'it-CH' };

const dateTime = new Intl.DateTimeFormat('de-CH', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2026-12-02` → `02.12.2026`; `2026-12` → `12.2026`; `2026` stays; anything else is shown as it is. */
export function swissDate(value: string | null | undefined): string {
  if (!value) return '';
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (full) return `${full[3]}.${full[2]}.${full[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) return `${month[2]}.${month[1]}`;
  if (/^\d{4}$/.test(value)) return value;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : swissDateTime(value).slice(0, 10);
}

/** An instant on the Zurich clock: `02.12.2026 14:05`. */
export function swissDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const instant = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(instant.getTime())) return String(value);
  const parts: Record<string, string> = {};
  for (const part of dateTime.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}

/** `7563817462957` → `756.3817.4629.57`. */
export function formatAhv(vn: string | undefined): string {
  if (!vn) return '';
  return /^\d{13}$/.test(vn) ? `${vn.slice(0, 3)}.${vn.slice(3, 7)}.${vn.slice(7, 11)}.${vn.slice(11)}` : vn;
}

/** What a person types for an AHV number (dots, spaces), as 13 digits; undefined when it is not one. */
export function ahvDigits(input: string): string | undefined {
  const compact = input.replace(/[\s.]/g, '');
  return /^\d{13}$/.test(compact) && /^[\d.\s]+$/.test(input) ? compact : undefined;
}

const regionNames = new Map<Lang, Intl.DisplayNames>();
const languageNames = new Map<Lang, Intl.DisplayNames>();

function names(cache: Map<Lang, Intl.DisplayNames>, lang: Lang, type: 'region' | 'language'): Intl.DisplayNames {
  let found = cache.get(lang);
  if (!found) cache.set(lang, (found = new Intl.DisplayNames([LOCALES[lang]], { type, fallback: 'code' })));
  return found;
}

/** `AF` → `Afghanistan`; `XX` (stateless or unknown) and unknown codes stay as they are. */
export function countryName(lang: Lang, code: string | undefined): string {
  if (!code) return '';
  if (code === 'XX') return code;
  try {
    return names(regionNames, lang, 'region').of(code) ?? code;
  } catch {
    return code;
  }
}

/** `prs` → `dari`, `de` → `allemand`. */
export function languageName(lang: Lang, code: string | undefined): string {
  if (!code) return '';
  try {
    return names(languageNames, lang, 'language').of(code) ?? code;
  } catch {
    return code;
  }
}

export function number(lang: Lang, value: number): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(value);
}
