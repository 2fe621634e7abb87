import { recipientTrails, type Disclosure, type RecipientTrail } from '../audit/queries.js';
import type { Consent, DataCategory } from '../contract/types.js';
import { SENSITIVE, leafPaths } from '../policy/categories.js';
import { mergeConsents } from '../policy/consents.js';
import { isPermit } from '../policy/types.js';
import { transferOrigins, type TransferOrigin } from '../store/console-queries.js';
import { consentsOf } from '../transfers/disclose.js';
import { openInboxItem } from '../transfers/inbox.js';
import type { Services } from '../transfers/services.js';
import { CONTRACT_LEAF_PATHS } from './schema-fields.js';

/** A delivery as the officer sees it: the audit's disclosure with its origin and what the recipient did. */
export interface DisclosureRow {
  d: Disclosure;
  origin: TransferOrigin | undefined;
  trail: RecipientTrail;
}

export async function disclosureRows(services: Services, items: readonly Disclosure[]): Promise<DisclosureRow[]> {
  const ids = items.map((d) => d.transferId);
  const [origins, trails] = await Promise.all([transferOrigins(services.store.sql, ids), recipientTrails(services.store.sql, ids)]);
  return items.map((d) => ({ d, origin: origins.get(d.transferId), trail: trails.get(d.transferId) ?? { reads: 0, firstReadAt: null, acknowledgedAt: null } }));
}

export type ConsentLine = { kind: 'not-needed' } | { kind: 'covered'; consent: Consent } | { kind: 'covered-unnamed' };

export interface CategoryLine {
  category: string;
  rule: string;
  legalBasis: string;
  fields: string[];
  consent: ConsentLine;
}

/**
 * For each disclosed category: the fields that went and the consent that covered it.
 * The fields come from the sealed record while the gateway still keeps it (an inbox
 * delivery), else from the contract and the category map. The covering consent is found
 * as the engine found it, among the record's consents and those recorded at the gateway;
 * when the record is gone and no gateway consent covers it, the page says so.
 */
export async function categoryLines(services: Services, row: DisclosureRow): Promise<{ lines: CategoryLine[]; fieldsFrom: 'record' | 'map' }> {
  const { d, origin } = row;
  const map = services.bundle.categoryMap;
  const item = await services.store.getInboxItem(d.transferId);
  const record = item?.wrappedKey ? (await openInboxItem(services.vault, item)).record : undefined;
  const paths = record ? [...new Set(leafPaths(record))] : CONTRACT_LEAF_PATHS;
  const byCategory = new Map<string, string[]>();
  for (const path of paths) {
    const cls = map.classify(path);
    if (cls.kind === 'category') byCategory.set(cls.category, [...(byCategory.get(cls.category) ?? []), path]);
  }
  const gateway = origin ? await consentsOf(services, origin.personRef) : { sourceRevocations: [], gatewayConsents: [] };
  const consents = mergeConsents(record?.consents ?? [], gateway.sourceRevocations, gateway.gatewayConsents);
  const recipient = services.bundle.institution(d.recipient);
  const day = (d.evaluatedAt ?? d.deliveredAt).slice(0, 10);
  const lines = (d.disclosed as { category: DataCategory; rule: string; legalBasis: string }[]).map((entry): CategoryLine => {
    const rule = services.bundle.disclosure.find((r) => r.id === entry.rule);
    const needed = SENSITIVE.has(entry.category) || Boolean(rule && isPermit(rule) && (rule.consentRequiredFor ?? []).includes(entry.category));
    let consent: ConsentLine = { kind: 'not-needed' };
    if (needed) {
      const covering = consents
        .filter((c) => (c.recipients.includes(d.recipient) || (recipient !== undefined && c.recipients.includes(recipient.type))) && c.purposes.includes(d.purpose as never) && c.dataCategories.includes(entry.category))
        .filter((c) => c.grantedOn <= day && (c.validUntil === undefined || c.validUntil >= day) && (c.revokedOn === undefined || c.revokedOn > day))
        .sort((a, b) => a.id.localeCompare(b.id))[0];
      consent = covering ? { kind: 'covered', consent: covering } : { kind: 'covered-unnamed' };
    }
    return { ...entry, fields: byCategory.get(entry.category) ?? [], consent };
  });
  return { lines, fieldsFrom: record ? 'record' : 'map' };
}
