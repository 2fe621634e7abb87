import { ConfigError } from '../../errors.js';
import { OrganisationMap } from '../mapping/organisations.js';

// An institution's adapter settings as the registry holds them: plain JSON, checked when the
// adapter first reads them, so a wrong registry entry fails naming its key, not a record.

/** A setting that is missing or of the wrong form: `settings.<key> <what>`. */
export function settingError(key: string, what: string): ConfigError {
  return new ConfigError('adapter.settings-invalid', `settings.${key} ${what}`, { field: `settings.${key}` });
}

/** A setting that must be a non-blank text (a Mandant, an instance), trimmed. */
export function textSetting(settings: Readonly<Record<string, unknown>>, key: string, what: string): string {
  const value = settings[key];
  if (typeof value !== 'string' || value.trim() === '') throw settingError(key, what);
  return value.trim();
}

/** What a file system's installation declares: its Mandant and its own codes for institutions. */
export interface MandantSettings {
  mandant: string;
  organisations: OrganisationMap;
}

/** `settings.mandant` (`system` names it in the error) and `settings.organisations`. */
export function mandantSettings(settings: Readonly<Record<string, unknown>>, system: string): MandantSettings {
  return { mandant: textSetting(settings, 'mandant', `must name the ${system} Mandant of the institution`), organisations: OrganisationMap.fromSettings(settings) };
}
