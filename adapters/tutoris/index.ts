import { fileSettingsSchema, markerRule, type Adapter } from '../../src/adapters/sdk.js';
import { eventsOf } from './events.js';
import { fromContract } from './from-contract.js';
import { receipts } from './receipts.js';
import { streamExport } from './stream.js';
import { toContract } from './to-contract.js';

/** Infogate Tutoris: AIS export files in, import files out, quittung files back. */
export const adapter: Adapter = {
  id: 'tutoris', title: 'Infogate Tutoris: AIS export and import files (XML), quittungen',
  // Tutoris links relatives instead of keeping households, and has no asylum application date.
  capabilities: { read: true, listChanges: true, deliver: true, webhook: false, cannotCarry: ['person.householdId', 'residence.asylumApplicationDate'] },
  mapper: { toContract, fromContract, eventsOf },
  receipts,
  files: {
    // Datenexport AIS writes the export, then an empty `<name>.ok`: read once the marker is there, in name order.
    drop: { rule: markerRule({ pattern: /^TUT_AIS_[^/]+\.xml$/, suffix: '.ok' }) },
    outbox: true,
    // Tutoris imports every 5 minutes; no quittung after 30 minutes means the import file was not taken.
    receiptWindowMs: 30 * 60_000,
    stream: streamExport,
  },
  settingsSchema: fileSettingsSchema({
    required: ['mandant'],
    organisations: 'Stelle codes → registry institution ids.',
    properties: {
      mandant: { type: 'string', minLength: 1, description: 'The Tutoris Mandant of the institution (SH-KSA): files of another Mandant are refused.' },
      importEncoding: { enum: ['ISO-8859-1', 'UTF-8', 'iso-8859-1', 'utf-8'] },
      importVersion: { type: 'string', minLength: 1 },
    },
  }),

};

export { streamExport, type StreamItem } from './stream.js';
export { generateExport, type GenerateOptions } from './generate.js';
export { writeImport, type Omission } from './from-contract.js';
