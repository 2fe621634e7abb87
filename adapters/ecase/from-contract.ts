import type { CaseRecord, DeliveryNaming, MapContext, NativeInput } from '../../src/adapters/sdk.js';
import { ConfigError, formatLocalIso, OrganisationMap, writeCsv, writing, zurichTimestamp } from '../../src/adapters/sdk.js';
import { mandantSetting } from './delivery.js';
import { COLUMNS, EXTERNAL_ID, MANIFEST, MANIFEST_COLUMNS, TABLES, type Tabelle } from './layout.js';
import { rowsOf, type Rows } from './write-rows.js';

const WRITE = { encoding: 'utf-8', bom: true, trailingSeparator: true } as const;

/** `ECASE_IMPORT_<Mandant>_<yyyyMMdd>_<HHmmss>` in Zurich time. */
export function importStem(mandant: string, at: Date): string {
  const local = formatLocalIso(zurichTimestamp(at)).replace(/[-:]/g, '');
  return `ECASE_IMPORT_${mandant}_${local.slice(0, 8)}_${local.slice(9, 15)}`;
}

/**
 * Contract records → an Ecase import (FORMAT.md "Write"): the ten tables, `Faelle` with
 * `ExterneID` = recordId, then the manifest, last, so Ecase never reads a half-written
 * delivery. The file names carry the delivery's time (`delivery.at`, else now); Ecase's
 * names have no room for the transfer id (see receipts.ts).
 */
export function fromContract(records: readonly CaseRecord[], ctx: MapContext, delivery?: DeliveryNaming): NativeInput[] {
  const mandant = mandantSetting(ctx.settings);
  if (mandant === undefined) throw new ConfigError('adapter.settings-invalid', 'settings.mandant is needed to name an Ecase import', { field: 'settings.mandant' });
  const orgs = OrganisationMap.fromSettings(ctx.settings);
  const all = Object.fromEntries(TABLES.map((t) => [t, []])) as unknown as Rows;
  for (const record of records) {
    const own = { codes: record.source.system === 'ecase', fall: record.source.system === 'ecase' && record.source.institutionId === ctx.institutionId };
    const rows = writing(record, () => rowsOf(record, orgs, own));
    for (const table of TABLES) all[table].push(...rows[table]);
  }
  const stem = importStem(mandant, delivery?.at ?? ctx.now());
  const header = (table: Tabelle): readonly string[] => (table === 'Faelle' ? [...COLUMNS.Faelle, EXTERNAL_ID] : COLUMNS[table]);
  const files = TABLES.map((table) => ({ name: `${stem}_${table}.csv`, content: writeCsv(header(table), all[table], WRITE) }));
  const manifest = writeCsv(
    MANIFEST_COLUMNS,
    TABLES.map((table) => [`${stem}_${table}.csv`, all[table].length]),
    WRITE,
  );
  return [...files, { name: `${stem}_${MANIFEST}.csv`, content: manifest }];
}
