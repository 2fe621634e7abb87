import { randomUUID } from 'node:crypto';
import type { CaseEvent } from '../contract/types.js';
import { InputError } from '../errors.js';
import { needsPersonMunicipality, routeEvent } from '../routing/route.js';
import type { EventRow, NewTransfer, TransferRecord } from '../store/index.js';
import { zurichDate } from '../time.js';
import { personRef } from './person.js';
import { cancelTransfersOfPerson } from './revoke.js';
import { readForCaller } from './source-read.js';
import type { Services } from './services.js';
import { jobIdOf } from './states.js';

export interface IntakeResult {
  eventId: string;
  duplicate: boolean;
  transfers: TransferRecord[];
  /** For consent events: the transfers the revocation cancelled. */
  cancelled: string[];
}

export interface IntakeOptions {
  /** Who reported it (token subject, `webhook:nfam`), for the audit. */
  actor: string;
  requestId?: string;
  /** The source system's own case handle, when the event brought one (webhooks). */
  nativeId?: string;
  /** The drop folder delivery that raised it (its folder's institution and name): what a later withdrawal of that delivery cancels. */
  delivery?: { institutionId: string; id: string };
}

/**
 * Turns a valid CaseEvent into transfers: checks it against the registry, routes it,
 * writes event and transfers in one transaction (state `accepted`) and queues them. The
 * event id is the idempotency key. Bad input throws before anything is written.
 */
export async function acceptEvent(services: Services, event: CaseEvent, options: IntakeOptions): Promise<IntakeResult> {
  const { store, connections } = services;
  const source = connections.institution(event.source.institutionId, 'source.institutionId');
  if (source.system !== event.source.system) {
    throw new InputError(
      'event.system-mismatch',
      `institution "${source.id}" runs "${source.system}", not "${event.source.system}"`,
      { field: 'source.system' },
      422,
    );
  }
  if (event.targetInstitutionId !== undefined) connections.institution(event.targetInstitutionId, 'targetInstitutionId');

  // The person is the installation's own: another installation's event can never reach them.
  const ref = personRef(services.pseudonymKey, source.installation, event.case.localPersonId);
  const row: EventRow = {
    eventId: event.eventId,
    type: event.type,
    sourceSystem: event.source.system,
    sourceInstitutionId: source.id,
    localCaseId: event.case.localCaseId,
    localPersonId: event.case.localPersonId,
    personRef: ref,
    // The store takes the handle remembered for the case when the event brings none.
    nativeId: options.nativeId ?? null,
    change: (event.change as Record<string, unknown> | undefined) ?? null,
    targetInstitutionId: event.targetInstitutionId ?? null,
    consentId: event.consentId ?? null,
    occurredAt: event.occurredAt,
    outcome: {},
    delivery: options.delivery ?? null,
  };
  const audit = { actor: options.actor, eventId: event.eventId, requestId: options.requestId ?? null, personRef: ref };
  // Written with the event, in its statement: who holds the person, and the case's handle.
  const also = { person: { installation: source.installation, system: source.system }, ...(options.nativeId ? { caseRef: options.nativeId } : {}) };

  if (event.type === 'consent.revoked' || event.type === 'consent.granted') {
    row.outcome = { consent: event.type };
    const accepted = await store.acceptEvent(
      row,
      [],
      [{ ...audit, kind: 'event.accepted', institutionId: source.id, data: { type: event.type, consentId: event.consentId } }],
      also,
    );
    if (accepted.duplicate || event.type === 'consent.granted' || !event.consentId) {
      return { eventId: event.eventId, duplicate: accepted.duplicate, transfers: [], cancelled: [] };
    }
    const consentId = event.consentId;
    const cancelled = await cancelTransfersOfPerson(services, ref, { consentId, eventId: event.eventId, actor: options.actor, step: 'consent-revoked' }, (tx) =>
      store.recordRevocation(consentId, ref, zurichDate(new Date(event.occurredAt)), event.eventId, tx),
    );
    return { eventId: event.eventId, duplicate: false, transfers: [], cancelled };
  }

  const earlier = async (): Promise<IntakeResult | null> => {
    const existing = await store.listTransfersOfEvent(source.id, event.eventId);
    return existing && { eventId: event.eventId, duplicate: true, transfers: existing, cancelled: [] };
  };
  let transfers: NewTransfer[];
  try {
    let personMunicipality: number | undefined;
    if (needsPersonMunicipality(event, services.bundle)) {
      // Reading the source is costly: not for an event already taken.
      const known = await store.eventAndCaseRef(source.id, event.eventId, event.source.system, event.case.localCaseId);
      const taken = known.taken ? await earlier() : null;
      if (taken) return taken;
      personMunicipality = await lookUpMunicipality(services, source.id, event, options.nativeId ?? known.caseRef ?? undefined);
    }
    transfers = plan(services, event, row, personMunicipality);
  } catch (error) {
    // An event taken before is answered as it was, even if today's rules or registry would refuse it.
    if (error instanceof InputError) {
      const taken = await earlier();
      if (taken) return taken;
    }
    throw error;
  }
  const accepted = await store.acceptEvent(
    row,
    transfers,
    [
      { ...audit, kind: 'event.accepted', institutionId: source.id, data: { type: event.type, transfers: transfers.map((t) => t.id) } },
      ...transfers.map((t) => ({
        ...audit,
        kind: 'transfer.state',
        transferId: t.id,
        institutionId: t.targetInstitutionId,
        data: { to: 'accepted', rule: t.ruleId, purpose: t.purpose, target: t.targetInstitutionId },
      })),
    ],
    also,
  );
  if (!accepted.duplicate) {
    for (const t of accepted.transfers) {
      try {
        await services.queue.enqueue(t.targetSystem, { jobId: jobIdOf(t), transferId: t.id, ...(options.requestId ? { requestId: options.requestId } : {}) });
      } catch (error) {
        // Committed in the store, which is the truth: the reconciler queues it once the queue is back.
        services.logger.warn({ transferId: t.id, err: error }, 'transfer accepted but not queued: the queue is unreachable; the reconciler will queue it');
      }
    }
  }
  services.logger.info({ eventId: event.eventId, transfers: accepted.transfers.length, duplicate: accepted.duplicate }, 'event accepted');
  return { eventId: event.eventId, duplicate: accepted.duplicate, transfers: accepted.transfers, cancelled: [] };
}

/** The transfers an event routes to; `row.outcome` says what routing made of it. */
function plan(services: Services, event: CaseEvent, row: EventRow, personMunicipality: number | undefined): NewTransfer[] {
  const routed = routeEvent(event, services.bundle, personMunicipality === undefined ? {} : { personMunicipality });
  const unresolved = routed.unresolved[0];
  if (unresolved) {
    throw new InputError(unresolved.code, `rule "${unresolved.ruleId}": ${unresolved.reason}`, { field: 'event', rule: unresolved.ruleId }, 422);
  }
  // Routing gives one transfer per target and purpose already (the first rule's).
  const transfers: NewTransfer[] = routed.transfers.map((t) => ({
    id: randomUUID(),
    ruleId: t.ruleId,
    targetInstitutionId: t.targetInstitutionId,
    targetSystem: services.connections.institution(t.targetInstitutionId, 'targetInstitutionId').system,
    purpose: t.purpose,
  }));
  row.outcome = { rules: routed.transfers.map((t) => t.ruleId), routed: transfers.length };
  return transfers;
}

/** `byMunicipalityOf: person` needs the record: read it now, before anything is written. */
async function lookUpMunicipality(services: Services, sourceId: string, event: CaseEvent, nativeId: string | undefined): Promise<number | undefined> {
  const record = await readForCaller(services, sourceId, { localCaseId: event.case.localCaseId, localPersonId: event.case.localPersonId, ...(nativeId ? { nativeId } : {}) });
  return record.person.municipality?.bfsNumber;
}
