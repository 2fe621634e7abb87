import type { Adapter, CaseRecord, DeliveryNaming, MapContext } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fromContract } from './from-contract.js';
import { toContract } from './to-contract.js';

/** ORS's Microsoft Dynamics NAV 2018 (canton of Fribourg): OData v4, polled; snapshot events. */
export const adapter: Adapter = {
  id: 'navision', title: 'Navision (ORS, Fribourg): Dynamics NAV 2018 OData v4, polled on Derniere_Modif_Dossier',
  // No native field for them (FORMAT.md "What this format cannot carry").
  capabilities: { read: true, listChanges: true, deliver: true, webhook: false, cannotCarry: ['residence.asylumApplicationDate', 'integrationPlan.goals'] },
  mapper: {
    toContract,
    fromContract: (records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming) => fromContract(records, ctx, delivery),
    changeEventId,
  },
};
