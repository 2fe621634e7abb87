import type { CaseRecord } from '../contract/types.js';
import { validateCaseRecord } from '../contract/validate.js';
import { runWithContext } from '../context.js';
import { ContractError, MappingError, PasserelleError } from '../errors.js';
import type { JobInfo } from '../queue/port.js';
import { FINAL_STATES, type TransferRecord } from '../store/index.js';
import { disclose } from './disclose.js';
import type { Services } from './services.js';
import { WORKABLE } from './states.js';

/**
 * The worker's step for one job: one attempt at one transfer. Safe to run twice for the
 * same job (a crashed worker's job runs again): every move is a compare-and-set in the
 * store, and targets drop a second delivery of the same transfer id.
 */
export function createJobHandler(services: Services): (job: JobInfo) => Promise<void> {
  return (job) =>
    runWithContext({ transferId: job.transferId, ...(job.requestId ? { requestId: job.requestId } : {}) }, () => attempt(services, job));
}

async function attempt(services: Services, job: JobInfo): Promise<void> {
  const { store, logger } = services;
  const current = await store.getTransfer(job.transferId);
  if (!current || FINAL_STATES.includes(current.state)) return;
  const started = await store.transition(
    current.id,
    WORKABLE,
    'extracting',
    { attempts: current.attempts + 1 },
    { kind: 'transfer.state', actor: 'worker', data: { step: 'attempt', attempt: current.attempts + 1, resumedFrom: current.state } },
  );
  if (!started) return;
  logger.info({ attempt: started.attempts, target: started.targetInstitutionId }, 'transfer attempt');
  try {
    const record = await extract(services, started);
    const outcome = await disclose(services, started, record);
    if (outcome.kind !== 'superseded') logger.info({ state: outcome.transfer.state }, 'transfer finished');
  } catch (error) {
    await recordFailure(services, started, job, error);
    throw error;
  }
}

async function extract(services: Services, transfer: TransferRecord): Promise<CaseRecord> {
  const { connection } = services.connections.endpoint(transfer.sourceInstitutionId);
  const nativeId =
    transfer.nativeId ??
    (await services.store.caseRef(transfer.sourceSystem, transfer.sourceInstitutionId, transfer.localCaseId)) ??
    undefined;
  const { record } = await connection.read({
    localCaseId: transfer.localCaseId,
    localPersonId: transfer.localPersonId,
    ...(nativeId ? { nativeId } : {}),
  });
  // Validate at the edge: the inside trusts its types from here on.
  return validateCaseRecord(record);
}

async function recordFailure(services: Services, transfer: TransferRecord, job: JobInfo, error: unknown): Promise<void> {
  const { store, logger } = services;
  const failure = describe(error);
  const fresh = await store.getTransfer(transfer.id);
  if (!fresh || FINAL_STATES.includes(fresh.state)) return;
  const from = [fresh.state];
  const audit = (step: string) => ({ kind: 'transfer.state', actor: 'worker', data: { step, error: failure } });

  if (error instanceof MappingError || error instanceof ContractError) {
    // The source's record breaks the contract: no retry mends that.
    await store.transition(transfer.id, from, 'rejected', { error: failure }, audit('invalid-record'));
    logger.warn({ err: error }, 'source record rejected');
    return;
  }
  if (fresh.cancelRequested) {
    await store.transition(transfer.id, from, 'cancelled', { error: { code: 'consent.revoked', message: 'cancelled: a consent of the person was revoked' } }, audit('cancel-requested'));
    return;
  }
  const retryable = !(error instanceof PasserelleError) || error.retryable;
  if (retryable && job.attempt < job.maxAttempts) {
    await store.transition(transfer.id, from, 'retrying', { error: failure }, audit('retry'));
    logger.warn({ err: error, attempt: job.attempt, of: job.maxAttempts }, 'transfer attempt failed; will retry');
    return;
  }
  await store.transition(transfer.id, from, 'failed', { error: failure }, audit('dead-letter'));
  logger.error({ err: error, attempt: job.attempt }, 'transfer failed; replay it once the cause is fixed');
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof PasserelleError) {
    const field = error.details.field ? ` (${error.details.field})` : '';
    return { code: error.code, message: error.message + field };
  }
  // Unknown errors may carry anything in their message; keep only the class name.
  return { code: 'internal', message: `unexpected ${error instanceof Error ? error.name : 'error'} in the worker` };
}
