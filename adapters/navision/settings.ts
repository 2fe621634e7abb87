import { envRefSetting, OrganisationMap, secretOf, settingError, textOrEnvRefSetting, textOrSecret, timeoutSetting, wholeSetting, withSystemCodes, type EnvRef, type MapContext } from '../../src/adapters/sdk.js';

/** What an institution running ORS's Navision declares in the registry (README "Settings"). */
export interface NavisionSettings {
  /** NAV's institution and provider codes (`Institution_Code`, `Prestataire_No`, …) → registry ids. */
  organisations: OrganisationMap;
  /** The OData root: `https://…/ODataV4/Company('ORS%20Fribourg')`, no trailing slash. */
  baseUrl: string;
  /** NAV user; a literal or a variable. */
  username: string | EnvRef;
  /** Web service access key, always from a variable. */
  password: EnvRef;
  /** Seconds between two polls on `Derniere_Modif_Dossier` (NAV has no webhooks). */
  pollIntervalSeconds: number;
  /** Seconds one request may take; default 30 (NAV answers slowly on large `$expand`s). */
  timeoutSeconds: number;
  /** Upper bound of `Prefer: odata.maxpagesize`; keeps a page's joined sub-query filters short. */
  pageSize?: number;
}

export const DEFAULT_POLL_INTERVAL_SECONDS = 300;

/** The names of variables NAV's settings may give (checked when connecting). */
const ENV_NAMES = { leadingUnderscore: true };

/** The organisation map alone: all the mapping needs. */
export function organisationsOf(ctx: Pick<MapContext, 'settings'>): OrganisationMap {
  return OrganisationMap.fromSettings(ctx.settings);
}

/** Every setting, checked: for the transport, which fails fast naming the key. */
export function settingsOf(ctx: Pick<MapContext, 'settings'>): NavisionSettings {
  const s = ctx.settings;
  const baseUrl = s.baseUrl;
  if (typeof baseUrl !== 'string' || !/^https?:\/\/[^/]+\/.+[^/]$/.test(baseUrl)) throw settingError('baseUrl', "must be the OData root URL (…/ODataV4/Company('…'))");
  const username = textOrEnvRefSetting(s, 'username', 'must be the NAV user or { env: NAME }', ENV_NAMES);
  const password = envRefSetting(s, 'password', 'must be { env: NAME }: the web service access key is never written in the registry', ENV_NAMES);
  const pollIntervalSeconds = wholeSetting(s, 'pollIntervalSeconds', { min: 1, fallback: DEFAULT_POLL_INTERVAL_SECONDS, unit: 'seconds' });
  const timeoutSeconds = timeoutSetting(s);
  const pageSize = wholeSetting(s, 'pageSize', { min: 1, max: 1000 });
  return { organisations: organisationsOf(ctx), baseUrl, username, password, pollIntervalSeconds, timeoutSeconds, ...(pageSize === undefined ? {} : { pageSize }) };
}

/** What the transport needs, secrets read from `env`; every failure is a `navision.*` ConfigError naming the key. */
export function connectionSettingsOf(ctx: Pick<MapContext, 'settings'>, env: Readonly<Record<string, string | undefined>>): NavisionSettings & { user: string; accessKey: string } {
  return withSystemCodes('navision', () => ({ ...settingsOf(ctx), user: textOrSecret(ctx.settings, 'username', env), accessKey: secretOf(ctx.settings, 'password', env) }));
}
