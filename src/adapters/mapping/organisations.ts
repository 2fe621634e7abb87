import { ConfigError } from '../../errors.js';
import { invalid, type At } from './reject.js';

/**
 * A system's own codes for institutions (NFAM organisation ids, Tutoris' Stelle codes,
 * KLIBnet's StelleCd) and the registry ids they stand for, from the institution's
 * settings. Unknown codes reject the record; writing an institution the map does not
 * know is refused naming the path.
 */
export class OrganisationMap {
  private readonly toRegistry: ReadonlyMap<string, string>;
  private readonly toNative: ReadonlyMap<string, string>;

  constructor(entries: Readonly<Record<string, string>>) {
    this.toRegistry = new Map(Object.entries(entries));
    const reverse = new Map<string, string>();
    for (const [native, id] of Object.entries(entries)) if (!reverse.has(id)) reverse.set(id, native);
    this.toNative = reverse;
  }

  /** From the setting `key` (default `organisations`); a malformed one is a ConfigError naming it. */
  static fromSettings(settings: Readonly<Record<string, unknown>>, key = 'organisations'): OrganisationMap {
    const value = settings[key];
    if (value === undefined) return new OrganisationMap({});
    if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
      throw new ConfigError('adapter.settings-invalid', `settings.${key} must map the system's codes to institution ids`, { field: `settings.${key}` });
    }
    return new OrganisationMap(value as Record<string, string>);
  }

  /** The registry id of a native code; absent when blank, a rejection when unknown. */
  institution(code: string | number | null | undefined, where: At): string | undefined {
    if (code === null || code === undefined) return undefined;
    const raw = String(code).trim();
    if (raw === '') return undefined;
    const id = this.toRegistry.get(raw);
    if (id === undefined) throw invalid('mapping.unknown-organisation', where, 'names an institution the configuration table does not know');
    return id;
  }

  /** Every native code with its registry id, in the settings' order (drop-down lists, documentation). */
  entries(): [string, string][] {
    return [...this.toRegistry.entries()];
  }

  has(code: string): boolean {
    return this.toRegistry.has(code);
  }

  /** The native code of a registry id, or undefined. */
  nativeOf(institutionId: string): string | undefined {
    return this.toNative.get(institutionId);
  }

  /** The native code of a registry id; a refusal naming the contract path when there is none. */
  requireNative(institutionId: string, field: string, nativeField: string): string {
    const code = this.toNative.get(institutionId);
    if (code === undefined) throw invalid('mapping.unknown-organisation', { field, nativeField }, 'cannot be written: the institution has no code in the configuration table');
    return code;
  }
}
