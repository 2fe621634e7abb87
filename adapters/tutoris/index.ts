import { defineAdapter, fileSettingsSchema, markerRule } from '../../src/adapters/sdk.js';
import { eventsOf } from './events.js';
import { fromContract } from './from-contract.js';
import { receipts } from './receipts.js';
import { streamExport } from './stream.js';
import { toContract } from './to-contract.js';

/** Infogate Tutoris: AIS export files in, import files out, quittung files back. */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: { toContract, fromContract, eventsOf },
  receipts,
  files: {
    // Datenexport AIS writes the export, then an empty `<name>.ok`: read once the marker is there, in name order.
    drop: { rule: markerRule({ pattern: /^TUT_AIS_[^/]+\.xml$/, suffix: '.ok' }) },
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
});

export { streamExport, type StreamItem } from './stream.js';
export { generateExport, type GenerateOptions } from './generate.js';
export { writeImport, type Omission } from './from-contract.js';
