import type { Adapter } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fromContract } from './from-contract.js';
import { toContract } from './to-contract.js';

/** Schaffhausen's AIS Excel tool: workbook snapshots read from a SharePoint library, one workbook per delivered person. */
export const adapter: Adapter = {
  id: 'excel-sh', title: "Excel tool of Schaffhausen's Flüchtlingskoordination (SH): workbook snapshots over WebDAV",
  capabilities: { read: true, listChanges: true, deliver: true, webhook: false, cannotCarry: ['residence.asylumApplicationDate'] },
  mapper: { toContract, fromContract, changeEventId },
};
