import { envRefSetting, OrganisationMap, secretOf, settingError, textSetting, timeoutSetting, wholeSetting, withSystemCodes, type EnvRef, type MapContext } from '../../src/adapters/sdk.js';

/** What the mapping reads of an institution's settings (README "Settings"). */
export interface DuffSettings {
  /** DuFF organisation codes (`GEM-4021-SD`) → registry institution ids. */
  organisations: OrganisationMap;
}

export function settingsOf(ctx: Pick<MapContext, 'settings'>): DuffSettings {
  return { organisations: OrganisationMap.fromSettings(ctx.settings) };
}

/** What the transport reads besides the map (README "Transport"). */
export interface DuffTransportSettings extends DuffSettings {
  /** `https://duff.ag.example/api/v1`: the paths of FORMAT "Transport" are under it. */
  baseUrl: string;
  /** Sent as `X-DuFF-API-Key`; always `{ env: NAME }`. */
  apiKey: EnvRef;
  /** The acting organisation (`MIKA-IB`), sent as `X-DuFF-Organisation`: it sets what DuFF lets the gateway read. */
  organisation: string;
  /** Seconds between two polls; absent, the gateway does not poll (webhooks only). */
  pollIntervalSeconds?: number;
  /** Seconds one request may take. */
  timeoutSeconds: number;
  /** Upper bound of `proSeite` (DuFF serves 1 to 100 Dossiers a page). */
  pageSize?: number;
}

/** DuFF's own bound of `proSeite`. */
export const MAX_PAGE_SIZE = 100;

/** Every transport setting, checked, so a wrong registry entry fails at connect naming its key. */
export function transportSettingsOf(ctx: Pick<MapContext, 'settings'>): DuffTransportSettings {
  const s = ctx.settings;
  const baseUrl = s.baseUrl;
  // No credentials in the URL: the API key goes in its header only.
  if (typeof baseUrl !== 'string' || !/^https?:\/\/[^/@\s]+(\/\S*)?$/.test(baseUrl)) throw settingError('baseUrl', 'must be the DuFF API root URL (https://…/api/v1)');
  const apiKey = envRefSetting(s, 'apiKey', 'must be { env: NAME }: the API key is never written in the registry');
  const organisation = textSetting(s, 'organisation', 'must be the acting DuFF organisation code (MIKA-IB)');
  // It goes into a header as is: a code, nothing that could break the request.
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(organisation)) throw settingError('organisation', 'must be a DuFF organisation code (letters, digits, dots, dashes)');
  const poll = wholeSetting(s, 'pollIntervalSeconds', { min: 1, unit: 'seconds' });
  const timeoutSeconds = timeoutSetting(s);
  const pageSize = wholeSetting(s, 'pageSize', { min: 1, max: MAX_PAGE_SIZE, what: `must be a whole number from 1 to ${MAX_PAGE_SIZE} (DuFF's proSeite)` });
  return {
    ...settingsOf(ctx),
    baseUrl,
    apiKey,
    organisation,
    ...(poll === undefined ? {} : { pollIntervalSeconds: poll }),
    timeoutSeconds,
    ...(pageSize === undefined ? {} : { pageSize }),
  };
}

/** The transport settings with the API key read from `env`; every failure is a `duff.*` ConfigError naming the key, never a value. */
export function connectionSettingsOf(ctx: Pick<MapContext, 'settings'>, env: Readonly<Record<string, string | undefined>>): DuffTransportSettings & { key: string } {
  return withSystemCodes('duff', () => ({ ...transportSettingsOf(ctx), key: secretOf(ctx.settings, 'apiKey', env) }));
}
