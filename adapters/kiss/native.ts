import { booleanOf, DMY_DATE, instantKey, parseDate, parseTimestamp, required, SORTING, sortKey, mandantSettings, type At, type MandantSettings, type MapContext, type Notation } from '../../src/adapters/sdk.js';

// Readers of KiSS's attribute-centred layout: codes, dates and ids are attributes (the
// SDK's `attrValue`), names and free text are elements (`childValue`, `childRows`); places
// go one step down with the SDK's `down` (`responsabilite/@phase`, `statuts/statut[1]/@des`).

/** `dd.mm.yyyy` only: KiSS has no blank-date sentinel, and an ISO date is malformed here. */
export function date(value: string | undefined, where: At): string | undefined {
  return parseDate(value, where, { notation: DMY_DATE });
}

export function requiredDate(value: string | undefined, where: At): string {
  return required(date(value, where), where);
}

const TIMESTAMP: Notation = { shape: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$/, says: 'a timestamp (yyyy-MM-ddTHH:mm:ss)' };

/**
 * `yyyy-MM-ddTHH:mm:ss`: Swiss local time without offset (KiSS 5.2), UTC with `Z` (KiSS
 * 5.4); both come out with the Europe/Zurich offset.
 */
export function timestamp(value: string | undefined, where: At): string | undefined {
  return parseTimestamp(value, where, { notation: TIMESTAMP });
}

/** The instant of a timestamp for sorting, whatever its form; blank for what does not parse. */
export function instantOf(value: string | undefined): string {
  return sortKey(() => instantKey(timestamp(value, SORTING)));
}

export const bool = (value: string | undefined, where: At): boolean | undefined => booleanOf(value, where, ['oui'], ['non']);

/** What a KiSS installation declares in the registry: its mandant and its service codes. */
export type KissSettings = MandantSettings;

export function settingsOf(ctx: Pick<MapContext, 'settings'>): KissSettings {
  return mandantSettings(ctx.settings, 'KiSS');
}
