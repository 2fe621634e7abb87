import type { Adapter, CaseRecord, MapContext } from '../../src/adapters/sdk.js';
import { fromContract } from './from-contract.js';
import { createNfamSimulator } from './simulator.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';
import { receive } from './webhook.js';

/** NFAM, the canton of Bern's case system: REST with cursor paging, signed webhooks. */
export const adapter: Adapter = {
  id: 'nfam',
  title: 'NFAM (canton of Bern): REST, cursor paging, signed webhooks',
  capabilities: {
    read: true,
    listChanges: true,
    deliver: true,
    webhook: true,
    cannotCarry: ['person.householdId'],
  },
  mapper: {
    toContract,
    fromContract: (records: readonly CaseRecord[], ctx: MapContext) => fromContract(records, ctx),
  },
  connect,
  webhook: { receive },
  simulator: () => createNfamSimulator(),
};
