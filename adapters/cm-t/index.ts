import type { Adapter } from '../../src/adapters/sdk.js';
import { changeEventId } from './events.js';
import { fromContract } from './from-contract.js';
import { receipts } from './receipts.js';
import { toContract } from './to-contract.js';

export { lostOnWrite } from './from-contract.js';
export { streamExport, type ExportItem } from './stream.js';

/** Glarus' Case Management Integrationstool: one wide Windows-1252 CSV row per person, both ways. */
export const adapter: Adapter = {
  id: 'cm-t', title: 'CM-T, Case Management Integrationstool (GL): one wide CSV row per person, SFTP',
  capabilities: { read: true, listChanges: true, deliver: true, webhook: false, cannotCarry: ['person.householdId', 'socialAssistance'] },
  mapper: { toContract, fromContract, changeEventId },
  receipts,
};
