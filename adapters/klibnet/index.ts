import { defineAdapter, contentRule, fileSettingsSchema } from '../../src/adapters/sdk.js';
import { changeEventId } from './events.js';
import { fromContract } from './from-contract.js';
import { exportStatus } from './head.js';
import { receipts } from './receipts.js';
import { streamExport } from './stream.js';
import { toContract } from './to-contract.js';

export { isCompleteExport, exportStatus, type ExportStatus } from './head.js';
export { streamExport, type StreamedItem } from './stream.js';
export { stampOf, changeEventId } from './events.js';

/** `export/KLIB_<Datenbank>_<Mandant>_<yyyyMMdd>.xml`; the import files (`KLIB_IMP_…`) name no database there. */
export const EXPORT_NAME = /^KLIB_(?:WSH|FLUE|ASYL)_[^/]+_\d{8}\.xml$/;

/** Diartis KLIBnet with the Asyl module: nightly XML exports per database, import files answered by a Rückmeldung. */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: { toContract, fromContract, changeEventId },
  receipts,
  files: {
    // No marker: an export is whole once it parses and holds its `Kopf/AnzahlUE` UEs. One
    // still short of them after 30 minutes (the 02:00 run is long over) is reported.
    drop: { rule: contentRule({ pattern: EXPORT_NAME, check: (files) => (files[0] ? exportStatus(files[0].content, files[0].name) : { complete: false, reason: 'no file' }), reportAfterMs: 30 * 60_000 }) },
    stream: streamExport,
  },
  settingsSchema: fileSettingsSchema({
    required: ['mandant'],
    organisations: 'StelleCd (and AnbieterCd, GenehmigtDurchCd, EmpfStelleCd) → registry institution ids.',
    properties: {
      mandant: { type: 'string', minLength: 1, pattern: '\\S', description: 'Kopf/Mandant of the installation: exports of another Mandant are refused whole.' },
    },
  }),
});
