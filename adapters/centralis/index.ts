import { defineAdapter } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fromContract } from './from-contract.js';
import { SETTINGS_SCHEMA } from './settings.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';

/** Centralis CRM (Neuchâtel): Dataverse Web API, OData v4, option sets, change tracking. */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: { toContract, fromContract, changeEventId },
  // The registry calls `connect(settings)`; a document source (`ConnectOptions`) is for callers that hold the bytes.
  connect: (settings) => connect(settings),
  settingsSchema: SETTINGS_SCHEMA,
});
