import { mandantSettings, OrganisationMap, settingError, type MapContext, type TextEncodingName } from '../../src/adapters/sdk.js';

/** What an institution running Tutoris declares in the registry (README "Settings"). */
export interface TutorisSettings {
  /** The Tutoris Mandant of the institution (`SH-KSA`): every file read must be of it. */
  mandant: string;
  /** Stelle codes → registry institution ids. */
  organisations: OrganisationMap;
  /** Encoding of the import files the gateway writes. */
  importEncoding: TextEncodingName;
  /** `@Version` of the import files. */
  importVersion: string;
}

const ENCODINGS: Readonly<Record<string, TextEncodingName>> = { 'ISO-8859-1': 'iso-8859-1', 'UTF-8': 'utf-8' };

export function settingsOf(ctx: Pick<MapContext, 'settings'>): TutorisSettings {
  const s = ctx.settings;
  const encoding = s.importEncoding ?? 'ISO-8859-1';
  const importEncoding = typeof encoding === 'string' ? ENCODINGS[encoding.toUpperCase()] : undefined;
  if (!importEncoding) throw settingError('importEncoding', 'must be ISO-8859-1 or UTF-8');
  const version = s.importVersion ?? '7.4';
  if (typeof version !== 'string' || version.trim() === '') throw settingError('importVersion', 'must be a version text such as 7.4');
  return { ...mandantSettings(s, 'Tutoris'), importEncoding, importVersion: version };
}
