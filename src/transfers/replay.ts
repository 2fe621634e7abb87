import { ConflictError, NotFoundError } from '../errors.js';
import type { TransferRecord } from '../store/index.js';
import type { Services } from './services.js';
import { jobIdOf } from './states.js';

/** A dead letter goes round again, under a new job id; only `failed` can be replayed. */
export async function replayTransfer(services: Services, id: string, actor: string, requestId?: string): Promise<TransferRecord> {
  const transfer = await services.store.getTransfer(id);
  if (!transfer) throw new NotFoundError('transfer.not-found', 'no transfer with this id', { field: 'id' });
  if (transfer.state !== 'failed') {
    throw new ConflictError('transfer.not-replayable', `only a failed transfer can be replayed; this one is ${transfer.state}`, {
      field: 'state',
    });
  }
  const replayed = await services.store.transition(
    id,
    ['failed'],
    'accepted',
    { replays: transfer.replays + 1, attemptsAtReplay: transfer.attempts, error: null },
    { kind: 'transfer.state', actor, requestId: requestId ?? null, data: { step: 'replay', replay: transfer.replays + 1 } },
  );
  if (!replayed) throw new ConflictError('transfer.not-replayable', 'the transfer changed meanwhile; look at it again', { field: 'state' });
  await services.queue.enqueue(replayed.targetSystem, { jobId: jobIdOf(replayed), transferId: replayed.id, ...(requestId ? { requestId } : {}) });
  return replayed;
}
