import type { CaseRecord, Consent, DataCategory, Decision, DisclosedCategory, WithheldEntry } from '../contract/types.js';
import { zurichDate, zurichTimestamp } from '../time.js';
import type { PolicyBundle } from './bundle.js';
import { CATEGORY_ORDER, hasLeaf, SENSITIVE, type CategoryMap } from './categories.js';
import { mergeConsents, type GatewayConsent } from './consents.js';
import { isPermit, type DenyRule, type DisclosureRule, type Institution, type PermitRule } from './types.js';

export interface DecisionInput {
  record: CaseRecord;
  recipient: Institution;
  purpose: string;
  at: Date;
  bundle: Pick<PolicyBundle, 'disclosure' | 'categoryMap' | 'version'>;
  /** Revocations of the record's consents that its installation reported (`consent.revoked`). */
  sourceRevocations?: readonly { consentId: string; revokedOn: string }[];
  /** Consents recorded at the gateway, in their institutions' namespaces. */
  gatewayConsents?: readonly GatewayConsent[];
}

/**
 * The categories a record holds, and the paths the category map does not know: one walk,
 * which stops where a single category holds a whole subtree.
 */
export function categoriesPresent(record: CaseRecord, map: CategoryMap): { categories: DataCategory[]; unknownPaths: string[] } {
  const found = new Set<DataCategory>();
  const unknown = new Set<string>();
  const leaf = (path: string): void => {
    const cls = map.classify(path);
    if (cls.kind === 'category') found.add(cls.category);
    else if (cls.kind === 'unknown') unknown.add(path);
  };
  const walk = (value: unknown, path: string): void => {
    if (value !== null && typeof value === 'object' && path) {
      const whole = map.wholeSubtree(path);
      if (whole) {
        if (!found.has(whole) && hasLeaf(value)) found.add(whole);
        return;
      }
    }
    if (Array.isArray(value)) {
      if (value.every((v) => v === null || typeof v !== 'object')) return path ? leaf(path) : undefined;
      for (const item of value) walk(item, `${path}[]`);
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const key in value as Record<string, unknown>) walk((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      return;
    }
    if (path) leaf(path);
  };
  walk(record, '');
  return { categories: CATEGORY_ORDER.filter((c) => found.has(c)), unknownPaths: [...unknown].sort() };
}

function addresses(rule: DisclosureRule, recipient: Institution): boolean {
  return (rule.recipients.institutions ?? []).includes(recipient.id) || (rule.recipients.types ?? []).includes(recipient.type);
}

/**
 * Decides, category by category, what the recipient may see of the record, per
 * policy.md: deny wins over permit; default deny; a sensitive category, or one a rule
 * names in `consentRequiredFor`, needs a consent that covers it today (Europe/Zurich).
 * Pure: the same input gives the same decision, whatever the order of the rules.
 */
export function decide(input: DecisionInput): Decision {
  const { record, recipient, purpose, bundle } = input;
  const today = zurichDate(input.at);
  const consents = mergeConsents(record.consents ?? [], input.sourceRevocations ?? [], input.gatewayConsents ?? []);
  const rules = bundle.disclosure.filter((r) => addresses(r, recipient));
  const denies = rules.filter((r): r is DenyRule => !isPermit(r) && (!r.purposes || r.purposes.includes(purpose as never)));
  const permits = rules.filter((r): r is PermitRule => isPermit(r) && r.purposes.includes(purpose as never));
  const { categories, unknownPaths } = categoriesPresent(record, bundle.categoryMap);

  const disclosed: DisclosedCategory[] = [];
  const withheld: WithheldEntry[] = [];
  const recorded: PermitRule[] = [];

  for (const category of categories) {
    const denying = denies.filter((r) => r.deny.includes(category)).map((r) => r.id).sort()[0];
    if (denying) {
      withheld.push({ category, reason: 'denied', rule: denying });
      continue;
    }
    const needsConsent = (rule: PermitRule): boolean => SENSITIVE.has(category) || (rule.consentRequiredFor ?? []).includes(category);
    // Fewest conditions first (only the consent condition counts), then the smallest id.
    const best = permits
      .filter((r) => r.permit.includes(category))
      .sort((a, b) => Number(needsConsent(a)) - Number(needsConsent(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
    if (!best) {
      withheld.push({ category, reason: 'no-legal-basis' });
      continue;
    }
    if (needsConsent(best)) {
      const missing = consentGap(consents, recipient, purpose, category, today);
      if (missing) {
        withheld.push({ category, ...missing });
        continue;
      }
    }
    disclosed.push({ category, rule: best.id, legalBasis: best.legalBasis });
    recorded.push(best);
  }
  for (const path of unknownPaths) withheld.push({ path, reason: 'unknown-field' });

  return {
    recipient: recipient.id,
    purpose,
    evaluatedAt: zurichTimestamp(input.at),
    policyVersion: bundle.version,
    rejected: !disclosed.some((d) => d.category === 'identity'),
    obligations: [...new Set(recorded.flatMap((r) => r.obligations ?? []))].sort(),
    disclosed,
    withheld,
  };
}

type Gap = { reason: 'consent-revoked' | 'consent-expired' | 'consent-out-of-scope' | 'consent-missing'; consentId?: string };

/** Null when a consent covers the category today; otherwise the one reason it does not. */
function consentGap(consents: readonly Consent[], recipient: Institution, purpose: string, category: DataCategory, today: string): Gap | null {
  const forRecipient = (c: Consent): boolean => c.recipients.includes(recipient.id) || c.recipients.includes(recipient.type);
  const matching = consents.filter((c) => forRecipient(c) && c.purposes.includes(purpose as never) && c.dataCategories.includes(category));
  const covers = (c: Consent): boolean =>
    c.grantedOn <= today && (c.validUntil === undefined || c.validUntil >= today) && (c.revokedOn === undefined || c.revokedOn > today);
  if (matching.some(covers)) return null;
  const revoked = matching.filter((c) => c.revokedOn !== undefined && c.revokedOn <= today).sort((a, b) => a.id.localeCompare(b.id))[0];
  if (revoked) return { reason: 'consent-revoked', consentId: revoked.id };
  const expired = matching.filter((c) => c.validUntil !== undefined && c.validUntil < today).sort((a, b) => a.id.localeCompare(b.id))[0];
  if (expired) return { reason: 'consent-expired', consentId: expired.id };
  if (consents.some((c) => c.dataCategories.includes(category) && !matching.includes(c))) return { reason: 'consent-out-of-scope' };
  return { reason: 'consent-missing' };
}
