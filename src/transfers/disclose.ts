import { createHash } from 'node:crypto';
import type { CaseRecord, Consent, Decision } from '../contract/types.js';
import { applyDecision } from '../policy/filter.js';
import { decide } from '../policy/engine.js';
import type { TransferRecord } from '../store/index.js';
import type { Services } from './services.js';

export type DisclosureOutcome =
  | { kind: 'delivered'; transfer: TransferRecord }
  | { kind: 'rejected'; transfer: TransferRecord }
  /** Someone else moved the transfer meanwhile (a revocation): nothing was sent. */
  | { kind: 'superseded' };

/**
 * The one choke point through which a record leaves the gateway: decide, filter, seal,
 * deliver, and audit each step, on success and on failure alike. Nothing else sends a
 * record. Errors of the delivery itself propagate to the caller, which records them.
 */
export async function disclose(services: Services, transfer: TransferRecord, record: CaseRecord): Promise<DisclosureOutcome> {
  const { store, connections, bundle, clock } = services;
  const evaluating = await store.transition(transfer.id, ['extracting'], 'evaluating', {}, stateAudit('extracted'));
  if (!evaluating) return { kind: 'superseded' };

  // Taken here, on every attempt, right before delivery: a consent revoked while the
  // transfer waited is seen.
  const recipient = connections.institution(transfer.targetInstitutionId, 'targetInstitutionId');
  const gatewayConsents = await revokedConsents(services, transfer, record);
  const decision = decide({ record, recipient, purpose: transfer.purpose, at: clock(), bundle, gatewayConsents });
  const decisionAudit = { kind: 'transfer.decision', actor: 'policy', data: decisionSummary(decision) };
  const stepAudit = (step: string) => ({ kind: 'transfer.state', actor: 'worker', data: { step } });

  if (decision.rejected) {
    const rejected = await store.transition(
      transfer.id,
      ['evaluating'],
      'rejected',
      { decision, error: { code: 'policy.rejected', message: 'the policy withholds the identity of the person, so nothing may go' } },
      [stepAudit('rejected-by-policy'), decisionAudit],
    );
    return rejected ? { kind: 'rejected', transfer: rejected } : { kind: 'superseded' };
  }

  const filtered = applyDecision(record, decision, bundle.categoryMap);
  const sealed = await services.keys.sign(filtered);
  const payloadHash = 'sha256:' + createHash('sha256').update(sealed.split('.')[1] ?? '', 'utf8').digest('hex');
  const legalBasis = [...new Set(decision.disclosed.map((d) => d.legalBasis))].join('; ') || null;
  const delivering = await store.transition(
    transfer.id,
    ['evaluating'],
    'delivering',
    { decision, legalBasis, payloadHash },
    [stepAudit('decided'), { ...decisionAudit, data: { ...decisionAudit.data, payloadHash } }],
  );
  if (!delivering) return { kind: 'superseded' };

  const { connection } = connections.endpoint(transfer.targetInstitutionId);
  const receipt = await connection.deliver({
    transferId: transfer.id,
    senderInstitutionId: transfer.sourceInstitutionId,
    targetInstitutionId: transfer.targetInstitutionId,
    purpose: transfer.purpose,
    record: filtered,
    sealed,
    decision,
  });
  const delivered = await store.transition(
    transfer.id,
    ['delivering'],
    'delivered',
    { receipt, error: null },
    stateAudit('delivered', { receipt: { reference: receipt.reference, status: receipt.status }, payloadHash }),
  );
  if (delivered) return { kind: 'delivered', transfer: delivered };
  // Our delivery went out but the row moved: record the fact, it must not vanish.
  await store.appendAudit({
    kind: 'transfer.delivered-after-move',
    actor: 'worker',
    transferId: transfer.id,
    personRef: transfer.personRef,
    data: { receipt: { reference: receipt.reference, status: receipt.status }, payloadHash },
  });
  return { kind: 'superseded' };
}

function stateAudit(step: string, data: Record<string, unknown> = {}) {
  return { kind: 'transfer.state', actor: 'worker', data: { step, ...data } };
}

/** What the audit keeps of a decision: categories, rules, bases, reasons. No values. */
export function decisionSummary(decision: Decision): Record<string, unknown> {
  return {
    recipient: decision.recipient,
    purpose: decision.purpose,
    evaluatedAt: decision.evaluatedAt,
    policyVersion: decision.policyVersion,
    rejected: decision.rejected,
    obligations: decision.obligations,
    disclosed: decision.disclosed,
    withheld: decision.withheld,
  };
}

/**
 * Revocations recorded at the gateway, as consents: the source record's consent with the
 * gateway's revocation date, which wins over an older source record.
 */
async function revokedConsents(services: Services, transfer: TransferRecord, record: CaseRecord): Promise<Consent[]> {
  const revocations = await services.store.revocationsOf(transfer.personRef);
  if (revocations.length === 0) return [];
  const byId = new Map((record.consents ?? []).map((c) => [c.id, c]));
  const out: Consent[] = [];
  for (const revocation of revocations) {
    const consent = byId.get(revocation.consentId);
    if (consent) out.push({ ...consent, revokedOn: revocation.revokedOn });
  }
  return out;
}
