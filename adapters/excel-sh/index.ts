import { defineAdapter, fileSettingsSchema, contentRule } from '../../src/adapters/sdk.js';
import { changeEventId } from './changes.js';
import { fromContract } from './from-contract.js';
import { toContract } from './to-contract.js';

/** Schaffhausen's AIS Excel tool: workbook snapshots read from a SharePoint library, one workbook per delivered person. */
export const adapter = defineAdapter(new URL('./adapter.yaml', import.meta.url), {
  mapper: { toContract, fromContract, changeEventId },
  files: {
    // Each saved workbook is a full snapshot; Excel's lock files (`~$…`) and other names are not.
    // A workbook is whole once its zip directory ends it (a PUT still running has none yet).
    drop: { rule: contentRule({ pattern: /^AIS_Fallliste_SH_\d{4}-\d{2}-\d{2}\.xlsx$/, check: (files) => (wholeZip(files[0]?.content) ? { complete: true } : { complete: false, reason: 'the workbook has no zip directory at its end yet' }) }) },
  },
  settingsSchema: fileSettingsSchema({ organisations: 'Labels of the list L_Stelle → registry institution ids.' }),
});

/** A zip (xlsx) ends with its end-of-central-directory record: `PK\x05\x06` within the last 64 KiB + 22 bytes. */
function wholeZip(content: Uint8Array | undefined): boolean {
  if (!content || content.length < 22) return false;
  for (let i = content.length - 22; i >= Math.max(0, content.length - 65_557); i -= 1) {
    if (content[i] === 0x50 && content[i + 1] === 0x4b && content[i + 2] === 0x05 && content[i + 3] === 0x06) return true;
  }
  return false;
}
