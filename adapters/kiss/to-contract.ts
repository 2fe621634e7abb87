import { attrValue, zurichTimestamp, type MapContext, type MapResult, type NativeInput } from '../../src/adapters/sdk.js';
import { readFile, readable } from './head.js';
import { settingsOf } from './native.js';
import { mapUa, type UaContext } from './ua.js';

/**
 * KiSS export files (`UA_<noUA>_<yyyyMMddHHmmss>.xml`) → one record per member of each
 * UA. Files are read in name order and `*.part` files skipped; each is a full snapshot of
 * its UA, so when one call holds several files of a UA the last one is its state.
 */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const settings = settingsOf(ctx);
  const uaCtx: UaContext = { settings, institutionId: ctx.institutionId, canton: ctx.canton, extractedAt: zurichTimestamp(ctx.now()) };
  const latest = new Map<string, MapResult>();
  let anonymous = 0;
  for (const input of readable(inputs)) {
    for (const ua of readFile(input, settings).uas) {
      const key = attrValue(ua, 'noUA') ?? `#${anonymous++}`;
      // A newer snapshot replaces the older one, which moves to the end in its turn.
      latest.delete(key);
      latest.set(key, mapUa(ua, uaCtx));
    }
  }
  const results = [...latest.values()];
  return { records: results.flatMap((r) => r.records), rejections: results.flatMap((r) => r.rejections) };
}
