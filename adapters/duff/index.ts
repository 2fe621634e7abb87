import type { Adapter } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fromContract } from './from-contract.js';
import { toContract } from './to-contract.js';
import { receive } from './webhook.js';

/** DuFF, the canton of Aargau's platform: REST JSON (German), signed webhooks, documents. */
export const adapter: Adapter = {
  id: 'duff', title: 'DuFF (Aargau): REST JSON, signed webhooks, documents',
  // DuFF keeps no household and no asylum application date; sex `other` is written as 3 (README).
  capabilities: { read: true, listChanges: true, deliver: true, webhook: true, cannotCarry: ['person.householdId', 'residence.asylumApplicationDate'] },
  mapper: { toContract, fromContract, changeEventId },
  webhook: { receive },
};
