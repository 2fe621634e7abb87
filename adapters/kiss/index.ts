import { defineAdapter, fileSettingsSchema, renameRule } from '../../src/adapters/sdk.js';
import { eventsOf } from './events.js';
import { fromContract } from './from-contract.js';
import { receipts } from './receipts.js';
import { toContract } from './to-contract.js';

/** `export/UA_<noUA>_<yyyyMMddHHmmss>.xml`: one file per UA and mutation. */
export const EXPORT_NAME = /^UA_\d+_\d{14}\.xml$/;

/** Diartis KiSS, Romandie edition: one XML file per UA and mutation, with its events; import files answered by an accusé. */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: { toContract, fromContract, eventsOf },
  receipts,
  files: {
    // The interface d'échange writes `<name>.part`, then renames it: a name without `.part`
    // is whole. Listings come in name order, so a UA's mutations are read oldest first.
    drop: { rule: renameRule({ pattern: EXPORT_NAME, partial: '.part' }) },
  },
  settingsSchema: fileSettingsSchema({
    required: ['mandant'],
    organisations: 'KiSS service codes (@service, @validePar, destinataireService…) → registry institution ids.',
    properties: {
      mandant: { type: 'string', minLength: 1, pattern: '\\S', description: 'entete/@mandant of the installation: files of another mandant are refused whole.' },
    },
  }),
});
