import { invalid, missing, type At } from './reject.js';

/** A decoded code: the contract value, and the native value kept when it fell back to `other`. */
export interface Decoded<C extends string> {
  value: C;
  nativeCode?: string;
}

export interface CodeListDefinition<C extends string> {
  /** Native code → contract value, in the order `encode` prefers for a value with several. */
  codes: Readonly<Record<string, C>>;
  /** Contract values a native value may carry as is (`B`, `C`, `A1`). */
  asIs?: readonly C[];
  /**
   * For lists with `other`: an unknown native value becomes `other` keeping it as
   * `nativeCode`. Without it, an unknown value rejects the record.
   */
  fallback?: boolean;
  /** Native values that themselves mean "other" (`ANDERE`, `autre`): `other` without `nativeCode`. */
  meansOther?: readonly string[];
  /** Compare native values without regard to case (`PDF`, `pdf`). */
  ignoreCase?: boolean;
  /**
   * The native code to write for a value several codes map to, when the first listed is
   * not the one (`{ other: '99' }`: object keys that look like numbers come in numeric order).
   */
  write?: Readonly<Partial<Record<C, string>>>;
}

/**
 * A native code list with contract.md's fallback rule. `decode` reads, `encode` writes:
 * a record's own `nativeCode` goes back to its system as it came (round trips hold), a
 * foreign one (another system's) is written as this list's own "other".
 */
export class CodeList<C extends string> {
  private readonly byNative = new Map<string, C>();
  private readonly byValue = new Map<C, string>();
  private readonly asIs: ReadonlySet<string>;
  private readonly meansOther: ReadonlySet<string>;

  constructor(private readonly definition: CodeListDefinition<C>) {
    const norm = (s: string): string => (definition.ignoreCase ? s.toUpperCase() : s);
    for (const [native, value] of Object.entries(definition.codes)) {
      this.byNative.set(norm(native), value);
      if (!this.byValue.has(value)) this.byValue.set(value, native);
    }
    this.asIs = new Set(definition.asIs ?? []);
    this.meansOther = new Set((definition.meansOther ?? []).map(norm));
    this.norm = norm;
  }

  private readonly norm: (s: string) => string;

  /** The contract value of a native code; a missing one is `mapping.required`. */
  decode(native: string | number | null | undefined, where: At): Decoded<C> {
    const found = this.decodeOptional(native, where);
    if (!found) throw missing(where);
    return found;
  }

  /** Like `decode`, but an absent native value gives `undefined`. */
  decodeOptional(native: string | number | null | undefined, where: At): Decoded<C> | undefined {
    if (native === null || native === undefined) return undefined;
    const raw = String(native).trim();
    if (raw === '') return undefined;
    const key = this.norm(raw);
    const mapped = this.byNative.get(key);
    if (mapped !== undefined) {
      return mapped === 'other' && !this.meansOther.has(key) ? { value: mapped, nativeCode: raw } : { value: mapped };
    }
    if (this.asIs.has(raw)) return { value: raw as C };
    if (this.definition.fallback) return { value: 'other' as C, nativeCode: raw };
    throw invalid('mapping.unknown-code', where, `holds a code its list does not know`);
  }

  /** The value alone, for lists without `nativeCode` (`person.sex`, a phase). */
  value(native: string | number | null | undefined, where: At): C {
    return this.decode(native, where).value;
  }

  valueOptional(native: string | number | null | undefined, where: At): C | undefined {
    return this.decodeOptional(native, where)?.value;
  }

  /**
   * The native code to write for a contract value. `nativeCode` is written back only when
   * the record came from this system (`own`); otherwise `other` is written as the list's
   * own "other" code. Returns undefined when the list cannot say the value.
   */
  encode(value: C, nativeCode?: string, own = true): string | undefined {
    if (value === 'other' && nativeCode !== undefined && own) return nativeCode;
    const preferred = this.definition.write?.[value];
    if (preferred !== undefined) return preferred;
    // A value the system writes as it is wins over a code that also maps to it (`C`, not `FLC`).
    if (this.asIs.has(value)) return value;
    return this.byValue.get(value);
  }

  /**
   * `encode` for writing a record: a value the list cannot say rejects naming both sides
   * (inside `writing`, the delivery fails on that path). `code` and `says` name the fault
   * as the adapter's FORMAT does (`has no DuFF code`).
   */
  encodeAt(value: C, where: At, options: { nativeCode?: string | undefined; own?: boolean; code?: string; says?: string } = {}): string {
    const native = this.encode(value, options.nativeCode, options.own ?? true);
    if (native === undefined) throw invalid(options.code ?? 'mapping.unwritable-code', where, options.says ?? 'has no code in the table the system writes');
    return native;
  }

  /** Whether a native code is one of the list's (as is, or mapped). */
  has(native: string): boolean {
    const key = this.norm(native.trim());
    return this.byNative.has(key) || this.asIs.has(native.trim());
  }

  /** The contract values the list can say. */
  values(): C[] {
    return [...new Set([...this.byValue.keys(), ...(this.definition.asIs ?? [])])];
  }

  /** Native codes that map to contract values (for documentation and tests). */
  natives(): string[] {
    return [...this.byNative.keys()];
  }
}

export function codeList<C extends string>(definition: CodeListDefinition<C>): CodeList<C> {
  return new CodeList(definition);
}

/** J/N, oui/non, 1/0, true/false: a native boolean list. */
export function booleanOf(native: string | number | boolean | null | undefined, where: At, truthy: readonly string[], falsy: readonly string[]): boolean | undefined {
  if (native === null || native === undefined) return undefined;
  if (typeof native === 'boolean') return native;
  const raw = String(native).trim();
  if (raw === '') return undefined;
  const key = raw.toLowerCase();
  if (truthy.some((t) => t.toLowerCase() === key)) return true;
  if (falsy.some((f) => f.toLowerCase() === key)) return false;
  throw invalid('mapping.invalid-boolean', where, `is neither ${truthy[0]} nor ${falsy[0]}`);
}
