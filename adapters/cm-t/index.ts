import { defineAdapter, fileSettingsSchema, contentRule } from '../../src/adapters/sdk.js';
import { changeEventId } from './events.js';
import { fromContract } from './from-contract.js';
import { receipts } from './receipts.js';
import { streamExport } from './stream.js';
import { toContract } from './to-contract.js';

export { lostOnWrite } from './from-contract.js';
export { streamExport, type ExportItem } from './stream.js';

/** Glarus' Case Management Integrationstool: one wide Windows-1252 CSV row per person, both ways. */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: { toContract, fromContract, changeEventId },
  receipts,
  files: {
    // The nightly export has no marker: the tool writes row by row, each ending in CRLF, so a
    // file that does not end in a line break is still being written.
    drop: { rule: contentRule({ pattern: /^CMT_Export_\d{8}\.csv$/, check: (files) => (files[0]?.content.at(-1) === 0x0a ? { complete: true } : { complete: false, reason: 'the export does not end with a line break yet' }) }) },
    stream: streamExport,
  },
  settingsSchema: fileSettingsSchema({ organisations: 'CM-T Stelle names → registry institution ids.' }),
});
