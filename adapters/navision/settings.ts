import { ConfigError, OrganisationMap, secretOf, settingError, type MapContext } from '../../src/adapters/sdk.js';

/** A secret named by reference: the variable that holds it, never the value (registry rule). */
export interface EnvRef {
  env: string;
}

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
export const DEFAULT_TIMEOUT_SECONDS = 30;

const isEnvRef = (v: unknown): v is EnvRef =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as EnvRef).env === 'string' && /^[A-Z_][A-Z0-9_]*$/.test((v as EnvRef).env);

/** The organisation map alone: all the mapping needs. */
export function organisationsOf(ctx: Pick<MapContext, 'settings'>): OrganisationMap {
  return OrganisationMap.fromSettings(ctx.settings);
}

/** Every setting, checked: for the transport, which fails fast naming the key. */
export function settingsOf(ctx: Pick<MapContext, 'settings'>): NavisionSettings {
  const s = ctx.settings;
  const baseUrl = s.baseUrl;
  if (typeof baseUrl !== 'string' || !/^https?:\/\/[^/]+\/.+[^/]$/.test(baseUrl)) throw settingError('baseUrl', "must be the OData root URL (…/ODataV4/Company('…'))");
  const username = s.username;
  if (!(typeof username === 'string' && username.trim() !== '') && !isEnvRef(username)) throw settingError('username', 'must be the NAV user or { env: NAME }');
  if (!isEnvRef(s.password)) throw settingError('password', 'must be { env: NAME }: the web service access key is never written in the registry');
  const poll = s.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS;
  if (typeof poll !== 'number' || !Number.isInteger(poll) || poll < 1) throw settingError('pollIntervalSeconds', 'must be a whole number of seconds, at least 1');
  const timeout = s.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > 600) throw settingError('timeoutSeconds', 'must be a number of seconds, more than 0 and at most 600');
  const pageSize = s.pageSize;
  if (pageSize !== undefined && (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)) throw settingError('pageSize', 'must be a whole number from 1 to 1000');
  return {
    organisations: organisationsOf(ctx),
    baseUrl,
    username,
    password: s.password,
    pollIntervalSeconds: poll,
    timeoutSeconds: timeout,
    ...(pageSize === undefined ? {} : { pageSize }),
  };
}

/** What the transport needs, secrets read from `env`; every failure is a `navision.*` ConfigError naming the key. */
export function connectionSettingsOf(
  ctx: Pick<MapContext, 'settings'>,
  env: Readonly<Record<string, string | undefined>>,
): NavisionSettings & { user: string; accessKey: string } {
  try {
    const s = settingsOf(ctx);
    const user = typeof s.username === 'string' ? s.username.trim() : secretOf(ctx.settings, 'username', env);
    return { ...s, user, accessKey: secretOf(ctx.settings, 'password', env) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const code = error.code === 'adapter.secret-missing' ? 'navision.secret-missing' : 'navision.settings-invalid';
    throw new ConfigError(code, error.message, error.details);
  }
}
