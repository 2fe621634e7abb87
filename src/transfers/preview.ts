import type { Decision } from '../contract/types.js';
import { validateCaseRecord } from '../contract/validate.js';
import { decide } from '../policy/engine.js';
import { explainDecision } from '../policy/explain.js';
import { decisionSummary, gatewayConsents } from './disclose.js';
import { personRef } from './person.js';
import type { Services } from './services.js';

export interface PreviewRequest {
  sourceInstitutionId: string;
  localCaseId: string;
  localPersonId: string;
  recipients: string[];
  purpose: string;
  actor: string;
  requestId?: string;
}

/**
 * What would go to each recipient, and what would be withheld and why, before anything
 * leaves: the record read now, the decision the worker would take now. Audited as a
 * preview; nothing is sent.
 */
export async function previewTransfer(services: Services, request: PreviewRequest): Promise<{ recipient: string; decision: Decision; explanation: string[] }[]> {
  const { connections, store } = services;
  const recipients = request.recipients.map((id) => connections.institution(id, 'to'));
  const { connection, institution: source } = connections.endpoint(request.sourceInstitutionId);
  const nativeId = (await store.caseRef(source.system, source.id, request.localCaseId)) ?? undefined;
  const { record } = await connection.read({ localCaseId: request.localCaseId, localPersonId: request.localPersonId, ...(nativeId ? { nativeId } : {}) });
  const valid = validateCaseRecord(record);
  const ref = personRef(services.pseudonymKey, source.system, request.localPersonId);
  const consents = await gatewayConsents(services, ref, valid);
  const at = services.clock();
  const out = [];
  for (const recipient of recipients) {
    const decision = decide({ record: valid, recipient, purpose: request.purpose, at, bundle: services.bundle, gatewayConsents: consents });
    await store.appendAudit({
      kind: 'transfer.preview',
      actor: request.actor,
      personRef: ref,
      institutionId: recipient.id,
      requestId: request.requestId ?? null,
      data: decisionSummary(decision),
    });
    out.push({ recipient: recipient.id, decision, explanation: explainDecision(decision) });
  }
  return out;
}
