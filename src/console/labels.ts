import type { TransferOrigin } from '../store/console-queries.js';
import { swissDate } from '../web/format.js';
import { fill, term, type Messages } from '../web/i18n.js';

export type NameOf = (id: string | undefined) => string;

/** The triggering event in words: `changement de phase : phase cantonale → phase communale (01.03.2025)`. */
export function triggerText(m: Messages, origin: TransferOrigin | undefined, nameOf: NameOf): string {
  if (!origin) return '';
  const type = term(m.eventTypes, origin.eventType);
  const change = origin.change;
  if (!change) return type;
  const words = (code: string): string => {
    switch (origin.eventType) {
      case 'case.phase-changed':
        return term(m.phases, code);
      case 'case.status-changed':
        return term(m.statuses, code);
      case 'case.institution-changed':
        return nameOf(code);
      default:
        return code;
    }
  };
  return `${type}: ${words(change.from)} → ${words(change.to)}${change.effectiveDate ? ` (${swissDate(change.effectiveDate)})` : ''}`;
}

export function withheldText(m: Messages, entry: { category?: string; path?: string; reason: string; consentId?: string; rule?: string }): string {
  const reason = term(m.reasons, entry.reason);
  const extra = entry.consentId ? fill(m.console.consentAtFault, { id: entry.consentId }) : entry.rule ? fill(m.console.denyingRule, { rule: entry.rule }) : '';
  return extra ? `${reason} (${extra})` : reason;
}

export function fieldLabel(m: Messages, path: string): string {
  return term(m.fields as Record<string, string>, path);
}
