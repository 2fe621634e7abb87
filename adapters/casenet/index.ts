import type { Adapter } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fromContract } from './from-contract.js';
import { SETTINGS_SCHEMA } from './settings.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';
import { receive } from './webhook.js';

/** CaseNet, the CII platform of Fribourg: REST JSON (French), signed webhooks, a change list to poll as fallback. */
export const adapter: Adapter = {
  id: 'casenet', title: 'CaseNet (Fribourg CII): REST JSON, signed webhooks',
  // CaseNet keeps no household and no asylum application date. Value-level losses
  // (CII exit states, other systems' nativeCodes) are in the README.
  capabilities: { read: true, listChanges: true, deliver: true, webhook: true, cannotCarry: ['person.householdId', 'residence.asylumApplicationDate'] },
  mapper: { toContract, fromContract, changeEventId },
  connect,
  webhook: { receive },
  settingsSchema: SETTINGS_SCHEMA,
};
