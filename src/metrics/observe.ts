import type { Store } from '../store/index.js';
import type { Metrics } from './metrics.js';

/**
 * Counts every move of a transfer in one place: the store's compare-and-set methods (an
 * attempt's start included). A move is counted once it is written (the method returned
 * the moved row), whoever made it: the worker, the choke point, a replay, a cancellation.
 * A failing metric never fails a move.
 */
export function observeTransfers(store: Store, metrics: Metrics): void {
  const transition = store.transition.bind(store);
  store.transition = async (...args) => {
    const moved = await transition(...args);
    if (moved) count(metrics, () => metrics.transferMoved(moved));
    return moved;
  };
  const claim = store.claim.bind(store);
  store.claim = async (...args) => {
    const claimed = await claim(...args);
    if (claimed) count(metrics, () => metrics.transferMoved(claimed.transfer));
    return claimed;
  };
  const cancelOpen = store.cancelOpen.bind(store);
  store.cancelOpen = async (...args) => {
    const result = await cancelOpen(...args);
    for (const moved of result.cancelled) count(metrics, () => metrics.transferMoved(moved));
    return result;
  };
}

function count(metrics: Metrics, fn: () => void): void {
  try {
    fn();
  } catch {
    metrics.scrapeErrors.inc({ part: 'observe' });
  }
}
