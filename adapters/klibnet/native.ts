import { booleanOf, DMY_DATE, parseDate, parseTimestamp, mandantSettings, type At, type MandantSettings, type MapContext, type Notation } from '../../src/adapters/sdk.js';

// Small readers of KLIBnet's element-per-column layout, shared by the mapping modules
// (an element's value, a list's rows and a place one step down are the SDK's `childValue`,
// `childRows` and `down`).

/** The three databases of an installation, and the prefix of every number read from one. */
export type Database = 'WSH' | 'FLUE' | 'ASYL';
export const DATABASES: readonly Database[] = ['WSH', 'FLUE', 'ASYL'];

/** The blank date KLIBnet migrated from KLIB/DOS: it means no date. */
export const NO_DATE = '01.01.1900';

/** `dd.mm.yyyy` only (an ISO date is malformed here); empty and `01.01.1900` are absent. */
export function date(value: string | undefined, where: At): string | undefined {
  return parseDate(value, where, { notation: DMY_DATE, absent: [NO_DATE] });
}

const TIMESTAMP: Notation = { shape: /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/, says: 'a timestamp (dd.mm.yyyy HH:MM:SS)' };

/** `dd.mm.yyyy HH:MM:SS` only, Swiss local time (with the Zurich offset of that day). */
export function timestamp(value: string | undefined, where: At): string | undefined {
  return parseTimestamp(value, where, { notation: TIMESTAMP });
}

/** `dd.mm.yyyy HH:MM:SS`, Swiss local time: the sort key of a timestamp before it is checked. */
export function timestampKey(value: string | undefined): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(value ?? '');
  return m ? `${m[3]}${m[2]}${m[1]}${m[4]}${m[5]}${m[6]}` : (value ?? '');
}

export const bool = (value: string | undefined, where: At): boolean | undefined => booleanOf(value, where, ['1'], ['0']);

/** What an installation declares in the registry: its Mandant and its `StelleCd` table. */
export type KlibnetSettings = MandantSettings;

export function settingsOf(ctx: Pick<MapContext, 'settings'>): KlibnetSettings {
  return mandantSettings(ctx.settings, 'KLIBnet');
}

