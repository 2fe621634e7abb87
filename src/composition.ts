import { adapter as inbox } from '../adapters/inbox/index.js';
import { adapter as nfam } from '../adapters/nfam/index.js';
import { AdapterRegistry } from './adapters/registry.js';
import type { Adapter } from './adapters/port.js';

/**
 * The composition root: the one place that knows every adapter of this build. The core
 * reaches them only through the registry and the SDK's port; adding a system is adding
 * its adapter here.
 */
export const ADAPTERS: readonly Adapter[] = [inbox, nfam];

export function defaultRegistry(): AdapterRegistry {
  return new AdapterRegistry(ADAPTERS);
}
