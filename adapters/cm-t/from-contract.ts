import type { CaseRecord, DeliveryNaming, MapContext, NativeInput } from '../../src/adapters/sdk.js';
import { formatLocalIso, OrganisationMap, writeCsv, writing, zurichTimestamp } from '../../src/adapters/sdk.js';
import { HEADER } from './layout.js';
import { rowOf } from './write-row.js';

const own = (record: CaseRecord, ctx: MapContext) => ({
  codes: record.source.system === 'cm-t',
  person: record.source.system === 'cm-t' && record.source.institutionId === ctx.institutionId,
});

/** `CMT_Import_<yyyyMMddHHmmss>.csv`, Zurich time. */
export function importName(at: Date): string {
  return `CMT_Import_${formatLocalIso(zurichTimestamp(at)).replace(/[-:T]/g, '')}.csv`;
}

/**
 * Contract records → one CM-T import file (FORMAT.md "Write"): the export's layout, Windows-1252
 * (other characters transliterated as CM-T does at entry), `sep=;` first. Personen-ID and
 * Fall-Nr stay empty for a person CM-T does not know (another system's record).
 */
export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[] {
  const orgs = OrganisationMap.fromSettings(ctx.settings);
  const rows = records.map((record) => {
    const { cells } = writing(record, () => rowOf(record, ctx, orgs, own(record, ctx)));
    return HEADER.map((column) => cells.get(column));
  });
  return [{ name: importName(delivery?.at ?? ctx.now()), content: writeCsv(HEADER, rows, { encoding: 'windows-1252', sepLine: true }) }];
}

/**
 * The contract paths of a record that a CM-T import cannot hold (slots full, columns it
 * has not): the transport lists them in the transfer's receipt (FORMAT.md "cannot carry").
 */
export function lostOnWrite(record: CaseRecord, ctx: MapContext): string[] {
  return writing(record, () => rowOf(record, ctx, OrganisationMap.fromSettings(ctx.settings), own(record, ctx)).dropped);
}
