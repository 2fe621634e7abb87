import { defineAdapter, fileSettingsSchema, prefixRule } from '../../src/adapters/sdk.js';
import { deliveryStatus } from './delivery.js';
import { changeEventId } from './events.js';
import { fromContract } from './from-contract.js';
import { parseFileName } from './layout.js';
import { receipts } from './receipts.js';
import { toContract } from './to-contract.js';

export { deliveryStatus, type DeliveryStatus } from './delivery.js';
export { parseFileName } from './layout.js';

/** Infogate Ecase (GR, TG): a delivery of related CSV tables with a manifest, both ways. */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: { toContract, fromContract, changeEventId },
  receipts,
  files: {
    // One delivery is the tables of one stem; whole once its manifest is there and every count matches, else reported after 30 minutes.
    drop: {
      rule: prefixRule({
        prefixOf: (name) => {
          const parsed = parseFileName(name);
          return parsed && !parsed.import ? parsed.stem : undefined;
        },
        check: deliveryStatus,
        reportAfterMs: 30 * 60_000,
      }),
    },
  },
  settingsSchema: fileSettingsSchema({ required: ['mandant'], properties: { mandant: { type: 'string', minLength: 1 } } }),
});
