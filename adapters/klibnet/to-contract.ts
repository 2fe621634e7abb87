import { zurichTimestamp, type MapContext, type MapResult, type NativeInput } from '../../src/adapters/sdk.js';
import { checkComplete, headOf, readExport } from './head.js';
import { settingsOf } from './native.js';
import { mapUe, type UeContext } from './ue.js';

/**
 * KLIBnet export files → one contract record per person of each UE (FORMAT.md). A
 * person's fault rejects that person (`<UENr>/<PersNr>`), a UE's fault every member of
 * it; a file that is not a complete export is refused whole (InputError naming it).
 */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const settings = settingsOf(ctx);
  const extractedAt = zurichTimestamp(ctx.now());
  const out: Required<MapResult> = { records: [], rejections: [], stamps: [] };
  let stamped = true;
  for (const input of inputs) {
    const { kopf, ues } = readExport(input);
    const head = headOf(kopf, input.name, settings);
    checkComplete(head, ues.length);
    const ueCtx: UeContext = { head, settings, institutionId: ctx.institutionId, canton: ctx.canton, extractedAt };
    for (const ue of ues) {
      const result = mapUe(ue, ueCtx);
      out.records.push(...result.records);
      out.rejections.push(...result.rejections);
      if (result.stamps) out.stamps.push(...result.stamps);
      else stamped = false;
    }
  }
  // Stamps go with the records one for one, or not at all (an import file has no Stichtag).
  return stamped ? out : { records: out.records, rejections: out.rejections };
}
