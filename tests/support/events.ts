import { randomUUID } from 'node:crypto';

/** The rich NFAM sample's case, as events name it. */
export const RICH_CASE = { localCaseId: 'NFAM-2022-004127', localPersonId: '936c2b28-9578-5df8-b7cc-24f085b11f9c' };
export const RICH_CASE_ID = '41edf21d-9a20-55bb-a326-b37da52742a7';

/** A CaseEvent from the canton's NFAM about the rich case: by default cantonal → communal. */
export function richEvent(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    eventId: randomUUID(),
    type: 'case.phase-changed',
    occurredAt: '2025-03-03T09:15:22+01:00',
    source: { system: 'nfam', institutionId: 'be-asi' },
    case: RICH_CASE,
    change: { from: 'cantonal', to: 'communal', effectiveDate: '2025-03-01' },
    ...overrides,
  };
}

/** The rich case handed to the regional partner Bern-Mittelland, named by the event. */
export function richToRegionalPartner(): Record<string, any> {
  return richEvent({
    type: 'case.institution-changed',
    change: { from: 'be-ku-bern-nord', to: 'be-region-mittelland', effectiveDate: '2025-03-01' },
    targetInstitutionId: 'be-region-mittelland',
  });
}
