import { invalid, languageCode, type At } from '../../src/adapters/sdk.js';

/**
 * A Dataverse global option set (`GET /GlobalOptionSetDefinitions(Name='cosm_langue')`):
 * each option's integer `Value`, its French label and its `ExternalValue`, which for
 * `cosm_langue` is the ISO 639 code. Its values are not fixed in FORMAT.md: an
 * installation adds languages, so the transport reads the metadata, caches it, and reads
 * it again when a contact holds a value the cached set does not know.
 */
export interface OptionSet {
  name: string;
  options: readonly OptionSetOption[];
}

export interface OptionSetOption {
  value: number;
  label?: string;
  externalValue?: string;
}

type Json = Record<string, unknown>;

/** Whether a response body is option-set metadata (by its content, not its name). */
export function isOptionSetBody(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const b = body as Json;
  return Array.isArray(b.Options) && (typeof b.OptionSetType === 'string' || String(b['@odata.context'] ?? '').includes('OptionSet'));
}

/** The option set of a metadata body; undefined when the body is no option-set metadata. */
export function optionSetOf(body: unknown): OptionSet | undefined {
  if (!isOptionSetBody(body)) return undefined;
  const b = body as Json;
  const options: OptionSetOption[] = [];
  for (const o of b.Options as unknown[]) {
    const option = (o ?? {}) as Json;
    if (typeof option.Value !== 'number') continue;
    const label = ((option.Label as Json | undefined)?.UserLocalizedLabel as Json | undefined)?.Label;
    options.push({
      value: option.Value,
      ...(typeof label === 'string' ? { label } : {}),
      ...(typeof option.ExternalValue === 'string' && option.ExternalValue.trim() !== '' ? { externalValue: option.ExternalValue.trim() } : {}),
    });
  }
  return { name: typeof b.Name === 'string' ? b.Name : '', options };
}

/**
 * The option set as the `languageOptions` setting (`{ "100000007": "prs" }`), which is
 * how `fromContract` learns it: the transport passes its cached set in the settings.
 */
export function optionSetSetting(set: OptionSet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of set.options) if (o.externalValue) out[String(o.value)] = o.externalValue;
  return out;
}

/** The `languageOptions` setting as an option set (options without a code are not in it). */
export function optionSetFromSetting(setting: unknown): OptionSet | undefined {
  if (!setting || typeof setting !== 'object' || Array.isArray(setting)) return undefined;
  const options: OptionSetOption[] = [];
  for (const [value, code] of Object.entries(setting as Record<string, unknown>)) {
    if (/^\d+$/.test(value) && typeof code === 'string') options.push({ value: Number(value), externalValue: code });
  }
  return { name: 'cosm_langue', options };
}

/** Reads and writes language option values through an option set. */
export class LanguageOptions {
  private readonly byValue = new Map<number, OptionSetOption>();
  private readonly byCode = new Map<string, number>();

  constructor(readonly set: OptionSet | undefined) {
    for (const o of set?.options ?? []) {
      this.byValue.set(o.value, o);
      if (!o.externalValue) continue;
      const code = safeLanguage(o.externalValue);
      if (code && !this.byCode.has(code)) this.byCode.set(code, o.value);
    }
  }

  has(value: number): boolean {
    return this.byValue.has(value);
  }

  /** The contract language of an option value; a value outside the set, or an option without `ExternalValue`, rejects. */
  decode(value: number | string | null | undefined, where: At): string | undefined {
    if (value === null || value === undefined || value === '') return undefined;
    const option = this.byValue.get(Number(value));
    if (!option) throw invalid('mapping.unknown-code', where, 'holds a value the cosm_langue option set does not know');
    if (!option.externalValue) throw invalid('mapping.unknown-code', where, 'holds an option without ExternalValue (no ISO 639 code)');
    return languageCode(option.externalValue, where);
  }

  /** The option value of a contract language; undefined when the set has none. */
  encode(code: string): number | undefined {
    return this.byCode.get(code);
  }
}

function safeLanguage(code: string): string | undefined {
  try {
    return languageCode(code, { field: '', nativeField: '' });
  } catch {
    return undefined;
  }
}

/** `"100000009,100000000"` → `[100000009, 100000000]`, in that order (multi-select choices). */
export function multiSelect(value: unknown, where: At): number[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'number') return [value];
  if (typeof value !== 'string') throw invalid('mapping.invalid-code', where, 'is not a multi-select value');
  const parts = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.some((p) => !/^\d+$/.test(p))) throw invalid('mapping.invalid-code', where, 'is not a list of option values');
  return parts.map(Number);
}
