import type { Decision } from '../contract/types.js';
import { validateCaseRecord } from '../contract/validate.js';
import { ContractError, InputError } from '../errors.js';
import { decide } from '../policy/engine.js';
import { explainDecision } from '../policy/explain.js';
import { consentsOf, decisionSummary } from './disclose.js';
import { personRef } from './person.js';
import type { Services } from './services.js';
import { readForCaller } from './source-read.js';

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
 * leaves: the record read now, the decision the worker would take now. One audit entry
 * per preview, naming its recipients and their decisions; nothing is sent.
 */
export async function previewTransfer(services: Services, request: PreviewRequest): Promise<{ recipient: string; decision: Decision; explanation: string[] }[]> {
  const { connections, store } = services;
  const recipients = request.recipients.map((id) => connections.institution(id, 'to'));
  const source = connections.institution(request.sourceInstitutionId, 'source.institutionId');
  const record = await readForCaller(services, source.id, { localCaseId: request.localCaseId, localPersonId: request.localPersonId });
  let valid;
  try {
    valid = validateCaseRecord(record);
  } catch (error) {
    if (error instanceof ContractError) throw new InputError(error.code, `the source's record breaks the contract: ${error.message}`, { field: 'case.localCaseId' }, 422);
    throw error;
  }
  const ref = personRef(services.pseudonymKey, source.installation, request.localPersonId);
  const consents = await consentsOf(services, ref);
  const at = services.clock();
  const out = recipients.map((recipient) => {
    const decision = decide({ record: valid, recipient, purpose: request.purpose, at, bundle: services.bundle, ...consents });
    return { recipient: recipient.id, decision, explanation: explainDecision(decision) };
  });
  await store.appendAudit({
    kind: 'transfer.preview',
    actor: request.actor,
    personRef: ref,
    institutionId: source.id,
    requestId: request.requestId ?? null,
    data: { purpose: request.purpose, recipients: out.map((p) => p.recipient), decisions: out.map((p) => decisionSummary(p.decision)) },
  });
  return out;
}
