import { defineAdapter, type CaseRecord, type MapContext } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import { createNfamSimulator } from './simulator.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';
import { receive } from './webhook.js';

/** NFAM, the canton of Bern's case system: REST with cursor paging, signed webhooks. */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: {
    toContract,
    fromContract: (records: readonly CaseRecord[], ctx: MapContext) => fromContract(records, ctx),
  },
  connect,
  webhook: { receive },
  simulator: () => createNfamSimulator(),
});
