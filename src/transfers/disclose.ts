import { createHash } from 'node:crypto';
import type { CaseRecord, Decision, Receipt } from '../contract/types.js';
import type { DeliveryEvent } from '../adapters/port.js';
import type { AwaitingReceipt } from './file-connection.js';
import type { GatewayConsent } from '../policy/consents.js';
import { applyDecision } from '../policy/filter.js';
import { sealDelivery } from '../seal/delivery.js';
import { decide } from '../policy/engine.js';
import type { TransferRecord } from '../store/index.js';
import { vnRef as vnRefOf } from './person.js';
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
export async function disclose(services: Services, transfer: TransferRecord, record: CaseRecord, consents: PersonConsents, event?: DeliveryEvent): Promise<DisclosureOutcome> {
  const { store, connections, bundle, clock } = services;
  // The consents were read when the attempt started. A revocation recorded since flags the
  // transfer (`cancelOpen`), and the move to `delivering` below never wins over that flag.
  const recipient = connections.institution(transfer.targetInstitutionId, 'targetInstitutionId');
  const decision = decide({ record, recipient, purpose: transfer.purpose, at: clock(), bundle, ...consents });
  const vnRef = record.person.vn ? vnRefOf(services.pseudonymKey, record.person.vn) : undefined;
  const decisionAudit = { kind: 'transfer.decision', actor: 'policy', data: { ...decisionSummary(decision), ...(vnRef ? { vnRef } : {}) } };
  const stepAudit = (step: string) => ({ kind: 'transfer.state', actor: 'worker', data: { step } });

  if (decision.rejected) {
    const rejected = await store.transition(
      transfer.id,
      ['extracting'],
      'rejected',
      { decision, error: { code: 'policy.rejected', message: 'the policy withholds the identity of the person, so nothing may go' }, ...(vnRef ? { vnRef } : {}) },
      [stepAudit('rejected-by-policy'), decisionAudit],
    );
    return rejected ? { kind: 'rejected', transfer: rejected } : { kind: 'superseded' };
  }

  const filtered = applyDecision(record, decision, bundle.categoryMap);
  const sealed = await sealDelivery(services.keys, {
    issuer: services.config.gatewayId,
    recipient: transfer.targetInstitutionId,
    transferId: transfer.id,
    sender: transfer.sourceInstitutionId,
    purpose: transfer.purpose,
    decision,
    record: filtered,
    at: clock(),
  });
  const payloadHash = 'sha256:' + createHash('sha256').update(sealed.split('.')[1] ?? '', 'utf8').digest('hex');
  const legalBasis = [...new Set(decision.disclosed.map((d) => d.legalBasis))].join('; ') || null;
  const delivering = await store.transition(
    transfer.id,
    ['extracting'],
    'delivering',
    { decision, legalBasis, payloadHash, ...(vnRef ? { vnRef } : {}) },
    [stepAudit('decided'), { ...decisionAudit, data: { ...decisionAudit.data, payloadHash } }],
    // The last check before the target is called: a cancellation recorded by now wins.
    { unlessCancelRequested: true },
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
    ...(event ? { event } : {}),
  });
  const { awaiting, ...answer } = receipt as Receipt & Partial<AwaitingReceipt>;
  if (awaiting) {
    // At the target's door; its answer (a protocol file, a receipt) closes the transfer later.
    const waiting = await store.transition(
      transfer.id,
      ['delivering'],
      'awaiting-receipt',
      { receipt: answer, error: null, deliveryRef: awaiting.ref, receiptDueAt: new Date(clock().getTime() + awaiting.windowMs).toISOString() },
      stateAudit('written', { receipt: { reference: answer.reference, status: answer.status }, payloadHash }),
    );
    if (waiting) return { kind: 'delivered', transfer: waiting };
  } else {
    const delivered = await store.transition(
      transfer.id,
      ['delivering'],
      'delivered',
      { receipt: answer, error: null },
      stateAudit('delivered', { receipt: { reference: answer.reference, status: answer.status }, payloadHash }),
    );
    if (delivered) return { kind: 'delivered', transfer: delivered };
  }
  // Our delivery went out but the row moved: record the fact, it must not vanish.
  await store.appendAudit({
    kind: 'transfer.delivered-after-move',
    actor: 'worker',
    transferId: transfer.id,
    personRef: transfer.personRef,
    data: { receipt: { reference: answer.reference, status: answer.status }, payloadHash },
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

/** What the gateway knows of the person's consents beside the record, as `decide()` takes it. */
export interface PersonConsents {
  /** Revocations of the record's consents reported by its installation. */
  sourceRevocations: { consentId: string; revokedOn: string }[];
  /** The consents recorded at the gateway, each in its institution's namespace, with its own revocation. */
  gatewayConsents: GatewayConsent[];
}

export async function consentsOf(services: Services, personRef: string): Promise<PersonConsents> {
  const [recorded, revocations] = await Promise.all([services.store.gatewayConsentsOf(personRef), services.store.revocationsOf(personRef)]);
  return personConsents(recorded, revocations);
}

/** A recorded consent's revocation at the gateway counts unless the consent says an earlier one. */
export function personConsents(
  recorded: readonly { institutionId: string; consent: GatewayConsent['consent']; revokedOn: string | null }[],
  revocations: { consentId: string; revokedOn: string }[],
): PersonConsents {
  return {
    sourceRevocations: revocations,
    gatewayConsents: recorded.map((c) => ({
      institutionId: c.institutionId,
      consent: c.revokedOn && !(c.consent.revokedOn && c.consent.revokedOn < c.revokedOn) ? { ...c.consent, revokedOn: c.revokedOn } : c.consent,
    })),
  };
}
