import type { Adapter } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fromContract } from './from-contract.js';
import { SETTINGS_SCHEMA } from './settings.js';
import { toContract } from './to-contract.js';
import { connect } from './transport.js';

/** Lora, the asylum and refugee system of Valais and Jura: REST JSON by thematic module, polled over HTTP Basic. */
export const adapter: Adapter = {
  id: 'lora', title: 'Lora (Valais, Jura): REST JSON by thematic module, polled',
  // TRAVAIL_REMUNERE and AIDE_SOCIALE are read-only for the gateway's profile; Lora keeps
  // no asylum application date. Value-level losses (sex other, goal ids…) are in the README.
  capabilities: { read: true, listChanges: true, deliver: true, webhook: false, cannotCarry: ['employment', 'socialAssistance', 'residence.asylumApplicationDate'] },
  mapper: { toContract, fromContract, changeEventId },
  connect,
  settingsSchema: SETTINGS_SCHEMA,
};
