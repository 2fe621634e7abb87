import { ConfigError, OrganisationMap, secretOf, settingError, textSetting, type MapContext } from '../../src/adapters/sdk.js';

/** What the mapping reads of an institution's settings (README "Settings"). */
export interface DuffSettings {
  /** DuFF organisation codes (`GEM-4021-SD`) → registry institution ids. */
  organisations: OrganisationMap;
}

export function settingsOf(ctx: Pick<MapContext, 'settings'>): DuffSettings {
  return { organisations: OrganisationMap.fromSettings(ctx.settings) };
}

/** A secret named by reference: the variable that holds it, never the value (registry rule). */
export interface EnvRef {
  env: string;
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

export const DEFAULT_TIMEOUT_SECONDS = 30;
/** DuFF's own bound of `proSeite`. */
export const MAX_PAGE_SIZE = 100;

const isEnvRef = (v: unknown): v is EnvRef =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as EnvRef).env === 'string' && /^[A-Z][A-Z0-9_]*$/.test((v as EnvRef).env);

/** Every transport setting, checked, so a wrong registry entry fails at connect naming its key. */
export function transportSettingsOf(ctx: Pick<MapContext, 'settings'>): DuffTransportSettings {
  const s = ctx.settings;
  const baseUrl = s.baseUrl;
  // No credentials in the URL: the API key goes in its header only.
  if (typeof baseUrl !== 'string' || !/^https?:\/\/[^/@\s]+(\/\S*)?$/.test(baseUrl)) throw settingError('baseUrl', 'must be the DuFF API root URL (https://…/api/v1)');
  if (!isEnvRef(s.apiKey)) throw settingError('apiKey', 'must be { env: NAME }: the API key is never written in the registry');
  const organisation = textSetting(s, 'organisation', 'must be the acting DuFF organisation code (MIKA-IB)');
  // It goes into a header as is: a code, nothing that could break the request.
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(organisation)) throw settingError('organisation', 'must be a DuFF organisation code (letters, digits, dots, dashes)');
  const poll = s.pollIntervalSeconds;
  if (poll !== undefined && (typeof poll !== 'number' || !Number.isInteger(poll) || poll < 1)) throw settingError('pollIntervalSeconds', 'must be a whole number of seconds, at least 1');
  const timeout = s.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > 600) throw settingError('timeoutSeconds', 'must be a number of seconds, more than 0 and at most 600');
  const pageSize = s.pageSize;
  if (pageSize !== undefined && (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
    throw settingError('pageSize', `must be a whole number from 1 to ${MAX_PAGE_SIZE} (DuFF's proSeite)`);
  }
  return {
    ...settingsOf(ctx),
    baseUrl,
    apiKey: s.apiKey,
    organisation,
    ...(poll === undefined ? {} : { pollIntervalSeconds: poll }),
    timeoutSeconds: timeout,
    ...(pageSize === undefined ? {} : { pageSize }),
  };
}

/** The transport settings with the API key read from `env`; every failure is a `duff.*` ConfigError naming the key, never a value. */
export function connectionSettingsOf(ctx: Pick<MapContext, 'settings'>, env: Readonly<Record<string, string | undefined>>): DuffTransportSettings & { key: string } {
  try {
    const s = transportSettingsOf(ctx);
    return { ...s, key: secretOf(ctx.settings, 'apiKey', env) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const code = error.code === 'adapter.secret-missing' ? 'duff.secret-missing' : 'duff.settings-invalid';
    throw new ConfigError(code, error.message, error.details);
  }
}
