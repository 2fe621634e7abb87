import { defineAdapter } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fromContract } from './from-contract.js';
import { SETTINGS_SCHEMA } from './settings.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';
import { receive } from './webhook.js';

/** CaseNet, the CII platform of Fribourg: REST JSON (French), signed webhooks, a change list to poll as fallback. */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: { toContract, fromContract, changeEventId },
  connect,
  webhook: { receive },
  settingsSchema: SETTINGS_SCHEMA,
});
