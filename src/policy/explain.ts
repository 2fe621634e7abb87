import type { Decision } from '../contract/types.js';

/** A decision in words, for a case manager or an officer reading the CLI. */
export function explainDecision(decision: Decision): string[] {
  const lines = [
    `To ${decision.recipient}, for ${decision.purpose}, as of ${decision.evaluatedAt} (policy ${decision.policyVersion.slice(0, 19)}…):`,
  ];
  if (decision.rejected) lines.push('  REJECTED: the identity of the person may not go, so nothing goes.');
  for (const d of decision.disclosed) lines.push(`  goes      ${d.category.padEnd(18)} rule ${d.rule}; ${d.legalBasis}`);
  for (const w of decision.withheld) {
    if ('path' in w) lines.push(`  withheld  ${w.path.padEnd(18)} unknown-field (the category map does not know this field)`);
    else lines.push(`  withheld  ${w.category.padEnd(18)} ${w.reason}${w.consentId ? ` (consent ${w.consentId})` : ''}${w.rule ? ` (rule ${w.rule})` : ''}`);
  }
  if (decision.obligations.length) lines.push(`  obligations: ${decision.obligations.join(', ')}`);
  return lines;
}
