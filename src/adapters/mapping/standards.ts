import countries from 'i18n-iso-countries';
import { iso6393 } from 'iso-639-3';
import { invalid, type At } from './reject.js';

// Country and language codes between the ISO forms systems write and the contract's
// (ISO 3166-1 alpha-2 with `XX`; ISO 639-1 where it exists, else ISO 639-3).

/** ICAO codes for stateless and refugee travel documents, and ISO's "unknown": all `XX`. */
const NO_STATE: Readonly<Record<string, string>> = { XXA: 'XX', XXB: 'XX', XXC: 'XX', XXX: 'XX' };

/** ISO 3166-1 alpha-3 (and the ICAO `XX?` codes) → alpha-2. An unknown code rejects. */
export function countryFromAlpha3(code: string | null | undefined, where: At): string | undefined {
  if (code === null || code === undefined || code.trim() === '') return undefined;
  const raw = code.trim().toUpperCase();
  const found = NO_STATE[raw] ?? countries.alpha3ToAlpha2(raw);
  if (!found) throw invalid('mapping.unknown-code', where, 'is not an ISO 3166-1 alpha-3 country code');
  return found;
}

/** Contract country → alpha-3; `XX` is written as `noState` (stateless or unknown, as the system says it). */
export function countryToAlpha3(code: string, noState = 'XXX'): string | undefined {
  if (code === 'XX') return noState;
  return countries.alpha2ToAlpha3(code) ?? undefined;
}

/** An ISO 3166-1 alpha-2 code as the contract has it; anything else rejects. */
export function countryAlpha2(code: string | null | undefined, where: At, noState: readonly string[] = []): string | undefined {
  if (code === null || code === undefined || code.trim() === '') return undefined;
  const raw = code.trim();
  if (noState.includes(raw)) return 'XX';
  if (raw === 'XX' || (/^[A-Z]{2}$/.test(raw) && countries.isValid(raw))) return raw;
  throw invalid('mapping.unknown-code', where, 'is not an ISO 3166-1 alpha-2 country code');
}

interface LanguageEntry {
  contract: string;
  b?: string;
  t?: string;
  three: string;
}

let index: { byAny: Map<string, LanguageEntry>; byContract: Map<string, LanguageEntry> } | undefined;

function languages(): NonNullable<typeof index> {
  if (index) return index;
  const byAny = new Map<string, LanguageEntry>();
  const byContract = new Map<string, LanguageEntry>();
  for (const l of iso6393) {
    const entry: LanguageEntry = { contract: l.iso6391 ?? l.iso6393, three: l.iso6393, ...(l.iso6392B ? { b: l.iso6392B } : {}), ...(l.iso6392T ? { t: l.iso6392T } : {}) };
    for (const code of [l.iso6393, l.iso6392B, l.iso6392T, l.iso6391]) if (code && !byAny.has(code)) byAny.set(code, entry);
    if (!byContract.has(entry.contract)) byContract.set(entry.contract, entry);
  }
  index = { byAny, byContract };
  return index;
}

/** Any ISO 639 code (639-1, 639-2 B or T, 639-3; any case) → the contract's code. An unknown code rejects. */
export function languageCode(code: string | null | undefined, where: At): string | undefined {
  if (code === null || code === undefined || code.trim() === '') return undefined;
  const found = languages().byAny.get(code.trim().toLowerCase());
  if (!found) throw invalid('mapping.unknown-code', where, 'is not an ISO 639 language code');
  return found.contract;
}

/** The contract's language code as ISO 639-2/B (`ger`), 639-2/T (`deu`) or 639-3; undefined when there is none. */
export function languageAs(code: string, form: 'B' | 'T' | '3'): string | undefined {
  const entry = languages().byContract.get(code);
  if (!entry) return undefined;
  if (form === '3') return entry.three;
  return form === 'B' ? entry.b : entry.t;
}
