import { defineAdapter } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fromContract } from './from-contract.js';
import { SETTINGS_SCHEMA } from './settings.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';

/** SharePoint lists of the Swiss Red Cross and SOS Ticino: SharePoint REST, verbose OData, Italian. */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: { toContract, fromContract, changeEventId },
  connect,
  settingsSchema: SETTINGS_SCHEMA,
});
