import type { TransferState } from '../contract/types.js';

/** States from which a worker may (re)start an attempt; a crash can leave any of them. */
export const WORKABLE: readonly TransferState[] = ['accepted', 'retrying', 'extracting', 'evaluating', 'delivering'];

/** States a revocation can stop outright; a delivery in flight is flagged instead. */
export const CANCELLABLE: readonly TransferState[] = ['accepted', 'retrying', 'extracting', 'evaluating'];

export function jobIdOf(transfer: { id: string; replays: number }): string {
  return transfer.replays === 0 ? transfer.id : `${transfer.id}.replay-${transfer.replays}`;
}
