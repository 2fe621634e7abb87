import type { CaseRecord } from '../contract/types.js';
import { validateCaseRecord } from '../contract/validate.js';
import { runWithContext } from '../context.js';
import { ContractError, MappingError, PasserelleError, UpstreamError } from '../errors.js';
import { backoffDelay, RateLimited, RetryLater, type JobInfo } from '../queue/port.js';
import { FINAL_STATES, type Claimed, type TransferRecord } from '../store/index.js';
import { disclose, personConsents } from './disclose.js';
import type { Services } from './services.js';
import { WORKABLE } from './states.js';

/**
 * The worker's step for one job: one attempt at one transfer. Safe to run twice for the
 * same job (a crashed worker's job runs again): every move is a compare-and-set in the
 * store, and targets drop a second delivery of the same transfer id.
 *
 * The store is the truth about attempts: the count, the backoff and the dead letter come
 * from the transfer's stored attempts, so a job queued again (reconciler, a flushed
 * Redis) continues the count. A job ends normally once its transfer is final; it asks
 * the queue to run it again (`RetryLater`, with the delay) only when the store says so.
 */
export function createJobHandler(services: Services): (job: JobInfo) => Promise<void> {
  return (job) =>
    runWithContext({ transferId: job.transferId, ...(job.requestId ? { requestId: job.requestId } : {}) }, () => attempt(services, job));
}

const CANCELLED = { code: 'transfer.cancelled', message: 'cancelled before delivery: a consent of the person was revoked, or operations cancelled it' };

async function attempt(services: Services, job: JobInfo): Promise<void> {
  const { store, logger, retry } = services;
  let claimed: Claimed | null;
  try {
    claimed = await store.claim(job.transferId, WORKABLE, retry.attempts, { kind: 'transfer.state', actor: 'worker' });
  } catch (error) {
    // Nothing moved; the job runs again (and the reconciler re-queues it after a loss).
    throw failedToStart(services, job, 0, error);
  }
  if (!claimed) return notClaimed(services, job);
  const started = claimed.transfer;
  logger.info({ attempt: started.attempts, target: started.targetInstitutionId }, 'transfer attempt');
  try {
    const record = await extract(services, started, claimed.caseRef);
    const outcome = await disclose(services, started, record, personConsents(claimed.consents, claimed.revocations), claimed.event ?? undefined);
    if (outcome.kind !== 'superseded') logger.info({ state: outcome.transfer.state }, 'transfer finished');
    else {
      const fresh = await store.getTransfer(started.id);
      if (fresh?.cancelRequested && !FINAL_STATES.includes(fresh.state)) await cancelNow(services, fresh, 'cancel-requested');
    }
  } catch (error) {
    if (isTooManyRequests(error)) {
      const waited = await giveBack(services, started, error);
      if (waited !== null) throw new RateLimited(waited);
      return;
    }
    const delayMs = await recordFailure(services, started, error);
    if (delayMs !== null) throw new RetryLater(delayMs, { cause: error });
  }
}

/** Why an attempt did not start, from the store: final, cancelled, out of attempts, or moved meanwhile. */
async function notClaimed(services: Services, job: JobInfo): Promise<void> {
  const { store, logger, retry } = services;
  let current: TransferRecord | null;
  try {
    current = await store.getTransfer(job.transferId);
  } catch (error) {
    throw failedToStart(services, job, 0, error);
  }
  if (!current || FINAL_STATES.includes(current.state)) return;
  if (current.cancelRequested) return void (await cancelNow(services, current, 'cancel-requested'));
  // Waiting for the target's answer: that answer, or its deadline, moves it on.
  if (!WORKABLE.includes(current.state)) return;
  // A replay opens a new round: its attempts are counted from the replay on.
  if (current.attempts - current.attemptsAtReplay >= retry.attempts) {
    await store.transition(current.id, [current.state], 'failed', { error: current.error ?? { code: 'transfer.attempts-exhausted', message: 'no attempt left' } }, stateAudit('dead-letter', { attempts: current.attempts }));
    logger.error({ attempts: current.attempts }, 'transfer failed: attempts exhausted; replay it once the cause is fixed');
    return;
  }
  // Moved between the claim and this read: the job runs again and finds where it stands.
  throw new RetryLater(backoffDelay(retry, 1));
}

const isTooManyRequests = (error: unknown): error is UpstreamError => error instanceof UpstreamError && error.details.httpStatus === 429;

/**
 * A 429 is the target asking to wait, not a failed delivery: the attempt is given back and
 * the job waits as long as the target said (`Retry-After`, within the backoff ceiling).
 */
async function giveBack(services: Services, transfer: TransferRecord, error: UpstreamError): Promise<number | null> {
  const { store, logger, retry } = services;
  const delayMs = Math.min(Math.max(error.retryAfterMs ?? retry.backoffMs, 1000), retry.maxBackoffMs);
  const moved = await store.transition(
    transfer.id,
    ['extracting', 'delivering'],
    'retrying',
    { attempts: transfer.attempts - 1, error: describe(error) },
    stateAudit('rate-limited', { waitMs: delayMs }),
    { unlessCancelRequested: true },
  );
  if (!moved) {
    const fresh = await store.getTransfer(transfer.id);
    if (fresh?.cancelRequested && !FINAL_STATES.includes(fresh.state)) await cancelNow(services, fresh, 'cancel-requested');
    return null;
  }
  logger.warn({ attempt: transfer.attempts, code: error.code, retryAt: at(delayMs) }, 'the target asked to wait (429); the attempt is not counted');
  return delayMs;
}

async function extract(services: Services, transfer: TransferRecord, caseRef: string | null): Promise<CaseRecord> {
  const { connection } = services.connections.endpoint(transfer.sourceInstitutionId);
  const nativeId = transfer.nativeId ?? caseRef ?? undefined;
  const { record } = await connection.read({
    localCaseId: transfer.localCaseId,
    localPersonId: transfer.localPersonId,
    ...(nativeId ? { nativeId } : {}),
  });
  // Validate at the edge: the inside trusts its types from here on.
  return validateCaseRecord(record);
}

/**
 * Records a failed attempt and says when to try again (null: the transfer is final).
 * One log line per failed attempt, whatever failed: transfer id, attempt, code, retry time.
 */
async function recordFailure(services: Services, transfer: TransferRecord, error: unknown): Promise<number | null> {
  const { store, logger, retry } = services;
  const failure = describe(error);
  let fresh: TransferRecord | null;
  try {
    fresh = await store.getTransfer(transfer.id);
  } catch (storeError) {
    // The store itself is down: try again later; the next attempt starts from what the store holds.
    const delayMs = backoffDelay(retry, transfer.attempts);
    logger.warn({ attempt: transfer.attempts, code: describe(storeError).code, cause: failure.code, retryAt: at(delayMs) }, 'transfer attempt failed: the store is unreachable');
    return delayMs;
  }
  if (!fresh || FINAL_STATES.includes(fresh.state)) return null;
  const from = [fresh.state];
  const audit = (step: string) => stateAudit(step, { error: failure });

  if (error instanceof MappingError || error instanceof ContractError) {
    await store.transition(transfer.id, from, 'rejected', { error: failure }, audit('invalid-record'));
    logger.warn({ attempt: fresh.attempts, code: failure.code }, 'transfer attempt failed: the source record is rejected');
    return null;
  }
  if (fresh.cancelRequested) {
    await cancelNow(services, fresh, 'cancel-requested');
    logger.warn({ attempt: fresh.attempts, code: failure.code }, 'transfer attempt failed, and its cancellation wins');
    return null;
  }
  const retryable = !(error instanceof PasserelleError) || error.retryable;
  const inRound = fresh.attempts - fresh.attemptsAtReplay;
  if (retryable && inRound < retry.attempts) {
    const delayMs = delayFor(services, inRound, error);
    const moved = await store.transition(transfer.id, from, 'retrying', { error: failure }, audit('retry'), { unlessCancelRequested: true });
    if (!moved) {
      const again = await store.getTransfer(transfer.id);
      if (again?.cancelRequested && !FINAL_STATES.includes(again.state)) await cancelNow(services, again, 'cancel-requested');
      return null;
    }
    logger.warn({ attempt: fresh.attempts, of: fresh.attemptsAtReplay + retry.attempts, code: failure.code, retryAt: at(delayMs) }, 'transfer attempt failed; will retry');
    return delayMs;
  }
  await store.transition(transfer.id, from, 'failed', { error: failure }, audit('dead-letter'));
  logger.error({ attempt: fresh.attempts, code: failure.code }, 'transfer attempt failed; the transfer failed (dead letter): replay it once the cause is fixed');
  return null;
}

/** The backoff of the store's attempt count, never sooner than the target asked for (Retry-After). */
function delayFor(services: Services, attempts: number, error: unknown): number {
  const base = backoffDelay(services.retry, attempts);
  const asked = error instanceof UpstreamError && error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, services.retry.maxBackoffMs) : 0;
  return Math.max(base, asked);
}

function failedToStart(services: Services, job: JobInfo, attempt: number, error: unknown): RetryLater {
  const delayMs = backoffDelay(services.retry, Math.max(1, attempt));
  services.logger.warn({ transferId: job.transferId, attempt, code: describe(error).code, retryAt: at(delayMs) }, 'transfer attempt failed before it started: the store is unreachable');
  return new RetryLater(delayMs, { cause: error });
}

async function cancelNow(services: Services, transfer: TransferRecord, step: string): Promise<void> {
  await services.store.transition(transfer.id, [transfer.state], 'cancelled', { error: CANCELLED }, stateAudit(step));
}

function stateAudit(step: string, data: Record<string, unknown> = {}) {
  return { kind: 'transfer.state', actor: 'worker', data: { step, ...data } };
}

const at = (delayMs: number): string => new Date(Date.now() + delayMs).toISOString();

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof PasserelleError) {
    const field = error.details.field ? ` (${error.details.field})` : '';
    return { code: error.code, message: error.message + field };
  }
  // Unknown errors may carry anything in their message; keep only the class name.
  return { code: 'internal', message: `unexpected ${error instanceof Error ? error.name : 'error'} in the worker` };
}
