import { mapRecords, parseXml, zurichTimestamp, type MapContext, type MapEachOptions, type MapResult, type NativeInput, type XmlElement } from '../../src/adapters/sdk.js';
import { headerOf, type FileHeader } from './export-file.js';
import { mapKlient, personNrOf, type KlientEnv } from './klient.js';
import { settingsOf, type TutorisSettings } from './settings.js';

/** A `Klient` with its position in its file (the native id of one without `@PersonNr`). */
export interface KlientItem {
  klient: XmlElement;
  position: number;
}

export function envOf(ctx: MapContext, settings: TutorisSettings): KlientEnv {
  return { orgs: settings.organisations, institutionId: ctx.institutionId, canton: ctx.canton, extractedAt: zurichTimestamp(ctx.now()) };
}

// The contract paths a schema fault can name that are not native fields but configuration.
const CONFIGURED: Readonly<Record<string, string>> = {
  'source.institutionId': 'TutorisExport/@Mandant',
  'source.canton': 'TutorisExport/@Mandant',
};

const OPTIONS: MapEachOptions<KlientItem> = {
  nativeIdOf: ({ klient, position }) => personNrOf(klient, position),
  nativeFieldOf: (field) => CONFIGURED[field] ?? field,
};

/** The one mapping of Klienten to records, shared by `toContract` and `streamExport`. */
export function mapKlienten(items: Iterable<KlientItem>, env: KlientEnv): MapResult {
  return mapRecords(items, ({ klient }) => mapKlient(klient, env), OPTIONS);
}

/** The root of a Tutoris file, refused as a whole when it is not of the institution's Mandant. */
export function readFile(input: NativeInput, settings: TutorisSettings): { header: FileHeader; klienten: KlientItem[] } {
  const root = parseXml(input.content, { file: input.name });
  const header = headerOf(root, input.name, settings);
  return { header, klienten: root.all('Klient').map((klient, position) => ({ klient, position })) };
}

/**
 * Tutoris export files (`Art` Delta or Voll; and the gateway's own import files) →
 * one record per `Klient`, in file and document order. A Klient that breaks the
 * contract is rejected naming its `@PersonNr`; the others go on. A file that is not an
 * export of the institution's Mandant is refused whole (InputError naming it).
 */
export function toContract(inputs: readonly NativeInput[], ctx: MapContext): MapResult {
  const settings = settingsOf(ctx);
  const env = envOf(ctx, settings);
  const items = inputs.flatMap((input) => readFile(input, settings).klienten);
  return mapKlienten(items, env);
}
