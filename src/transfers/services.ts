import type { AdapterRegistry } from '../adapters/registry.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { PolicyBundle } from '../policy/bundle.js';
import type { JobQueue, RetryPolicy } from '../queue/port.js';
import type { GatewayKeys } from '../seal/keys.js';
import type { Vault } from '../seal/vault.js';
import type { Store } from '../store/index.js';
import type { Connections } from './connections.js';

/** What the flow needs, built once by `createGateway` and passed down explicitly. */
export interface Services {
  config: Config;
  store: Store;
  queue: JobQueue;
  bundle: PolicyBundle;
  registry: AdapterRegistry;
  connections: Connections;
  keys: GatewayKeys;
  vault: Vault;
  logger: Logger;
  clock: () => Date;
  retry: RetryPolicy;
  /** Key of the person pseudonyms (HMAC), so the store and audit never hold an AHV number. */
  pseudonymKey: Uint8Array;
  /** Key that signs the API's paging cursors, so none reaches SQL unless the gateway gave it out. */
  cursorKey: Uint8Array;
}
