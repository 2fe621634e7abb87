import de from './i18n/de.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import it from './i18n/it.json' with { type: 'json' };

/**
 * The pages speak French, German and Italian. Every word they show is in the catalogue
 * (`i18n/<lang>.json`, one file per language, the same keys in each); code holds none.
 */
export const LANGS = ['fr', 'de', 'it'] as const;
export type Lang = (typeof LANGS)[number];
export type Messages = typeof fr;

// The type of each catalogue is checked against the French one: a missing key fails the type check.
const CATALOGUES: Record<Lang, Messages> = { fr, de: de satisfies Messages, it: it satisfies Messages };

/** The language names as each language writes its own, for the switch. */
export const ENDONYMS: Record<Lang, string> = { fr: 'Français', de: 'Deutsch', it: 'Italiano' };

export function messages(lang: Lang): Messages {
  return CATALOGUES[lang];
}

export const isLang = (value: unknown): value is Lang => LANGS.includes(value as Lang);

/** `{name}` placeholders filled in; a missing value leaves the placeholder visible rather than a blank. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** A code of a list (category, purpose, reason, …) in the language; the code itself when the catalogue lacks it. */
export function term(list: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(list, code) ? list[code]! : code;
}

/** The explicit choice (query, then cookie) wins; else the first of ours the browser asks for; else French. */
export function pickLang(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  for (const candidate of [query, cookie]) if (isLang(candidate)) return candidate;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { lang: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry): entry is { lang: Lang; q: number; index: number } => isLang(entry.lang) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.lang ?? 'fr';
}
