import type { Consent, DataCategory, Purpose } from '../../contract/types.js';
import { ConfigError } from '../../errors.js';
import type { CodeList } from './codes.js';
import type { FieldNames } from './reading.js';

// The writing side of `consents` in `contract-parts.ts`: a JSON system's consents under the
// names its `fields.yaml` gives them, so that the names that read a consent also write it.

/** How a system writes a consent's values. */
export interface ConsentWriting {
  /** The system's lists for the consent's codes. */
  codes: { kind: CodeList<Consent['kind']>; purpose: CodeList<Purpose>; dataCategory: CodeList<DataCategory> };
  /** How the write fails on a code the system lacks (`has no CaseNet code`). */
  says: string;
  /** A recipient (an institution type or a registry id) as the system names it; throws naming `field` and `nativeField` when it cannot. */
  recipient: (to: string, field: string, nativeField: string) => string;
  /** What the system writes for an unknown value: `null`, or `undefined` to leave the field out. */
  absent: null | undefined;
}

const FIELDS = ['id', 'kind', 'grantedOn', 'validUntil', 'revokedOn', 'recipients', 'purposes', 'dataCategories', 'documentId'] as const;

/** The native names of `consents` in an adapter's field names, each of them present. */
function consentNames(names: FieldNames): { list: string } & Record<(typeof FIELDS)[number], string> {
  const node = names.consents;
  const missing = (field: string): never => {
    throw new ConfigError('adapter.field-names-invalid', `fields.yaml has no native name for consents.${field}, which the writer needs`, { field: `consents.${field}` });
  };
  if (typeof node !== 'object' || typeof node.native !== 'string') return missing('native');
  const out = { list: node.native } as { list: string } & Record<(typeof FIELDS)[number], string>;
  for (const f of FIELDS) {
    const name = node[f];
    out[f] = typeof name === 'string' ? name : missing(f);
  }
  return out;
}

/**
 * `consents[]` as the system writes them, in the record's order: each code goes through the
 * system's list, and a value it cannot say fails the write naming the contract path
 * (`consents[1].purposes[0]`) and the native field (`procurations.buts`).
 */
export function writeConsents(consents: readonly Consent[] | undefined, names: FieldNames, w: ConsentWriting): Record<string, unknown>[] {
  const n = consentNames(names);
  const nativeOf = (f: (typeof FIELDS)[number]): string => `${n.list}.${n[f]}`;
  const optional = (v: string | undefined): string | null | undefined => v ?? w.absent;
  return (consents ?? []).map((c, i) => {
    const at = `consents[${i}]`;
    const each = <C extends string>(list: CodeList<C>, values: readonly C[], f: 'purposes' | 'dataCategories'): string[] =>
      values.map((v, j) => list.encodeAt(v, { field: `${at}.${f}[${j}]`, nativeField: nativeOf(f) }, { says: w.says }));
    return {
      [n.id]: c.id,
      [n.kind]: w.codes.kind.encodeAt(c.kind, { field: `${at}.kind`, nativeField: nativeOf('kind') }, { says: w.says }),
      [n.grantedOn]: c.grantedOn,
      [n.validUntil]: optional(c.validUntil),
      [n.revokedOn]: optional(c.revokedOn),
      [n.recipients]: c.recipients.map((to, j) => w.recipient(to, `${at}.recipients[${j}]`, nativeOf('recipients'))),
      [n.purposes]: each(w.codes.purpose, c.purposes, 'purposes'),
      [n.dataCategories]: each(w.codes.dataCategory, c.dataCategories, 'dataCategories'),
      [n.documentId]: optional(c.documentId),
    };
  });
}
