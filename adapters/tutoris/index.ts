import type { Adapter } from '../../src/adapters/sdk.js';
import { eventsOf } from './events.js';
import { fromContract } from './from-contract.js';
import { receipts } from './receipts.js';
import { toContract } from './to-contract.js';

/** Infogate Tutoris: AIS export files in, import files out, quittung files back. */
export const adapter: Adapter = {
  id: 'tutoris', title: 'Infogate Tutoris: AIS export and import files (XML), quittungen',
  // Tutoris links relatives instead of keeping households, and has no asylum application date.
  capabilities: { read: true, listChanges: true, deliver: true, webhook: false, cannotCarry: ['person.householdId', 'residence.asylumApplicationDate'] },
  mapper: { toContract, fromContract, eventsOf },
  receipts,
};

export { streamExport, type StreamItem } from './stream.js';
export { generateExport, type GenerateOptions } from './generate.js';
export { writeImport, type Omission } from './from-contract.js';
