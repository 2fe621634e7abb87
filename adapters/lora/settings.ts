import { envRefSetting, httpSettingsSchema, OrganisationMap, secretOf, settingError, textOrEnvRefSetting, textOrSecret, textSetting, timeoutSetting, wholeSetting, withSystemCodes, type EnvRef, type MapContext, type PollSettings } from '../../src/adapters/sdk.js';

/** What the mapping reads of an institution's settings (README "Settings"). */
export interface LoraSettings {
  /** The Lora instance of the institution (`VS`, `JU`): every page read must be of it. */
  instance: string;
  /** The instance's Lora version (`2.3`, `2.4`): how the gateway writes dates into it. */
  version: string;
  /** Lora service codes (`CRS-VS`) → registry institution ids. */
  organisations: OrganisationMap;
}

export function settingsOf(ctx: Pick<MapContext, 'settings'>): LoraSettings {
  const { versionLora = '2.3' } = ctx.settings;
  const instance = textSetting(ctx.settings, 'instance', 'must name the Lora instance of the institution (VS, JU)');
  if (typeof versionLora !== 'string' || !/^\d+\.\d+/.test(versionLora)) throw settingError('versionLora', 'must be a Lora version such as 2.3 or 2.4');
  return { instance, version: versionLora, organisations: OrganisationMap.fromSettings(ctx.settings) };
}

/** Lora 2.4 writes ISO dates in the legacy modules and RFC 3339 journal times (quirks 3, 4). */
export function isoInstance(settings: LoraSettings): boolean {
  const [major = 0, minor = 0] = settings.version.split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 4);
}

/** What the transport reads besides the mapping's settings (README "Settings"). */
export interface LoraTransportSettings extends LoraSettings, PollSettings {
  /** `…/lora/api/v2` of the instance, no trailing slash. */
  baseUrl: string;
  /** The service account of profile PASSERELLE: a literal or a variable. */
  username: string | EnvRef;
  /** Its password, always from a variable. */
  password: EnvRef;
}

/** Lora pushes nothing; FORMAT: a poll every 10 minutes. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 600;
/** `parPage` of a poll (FORMAT: 50): a page of 50 full snapshots is large, a request may take its time (`timeoutSeconds`). */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** The names of variables Lora's settings may give (checked when connecting). */
const ENV_NAMES = { leadingUnderscore: true };

// Basic credentials travel over TLS only (FORMAT); plain http is for a test server on this machine.
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function baseUrlOf(value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  const secure = url !== undefined && (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)));
  if (!url || !secure || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw settingError('baseUrl', 'must be the https URL of the instance’s API (…/lora/api/v2), without query or credentials');
  }
  return (value as string).replace(/\/+$/, '');
}

/** Every setting of the transport, checked: it fails when connecting, naming the key. */
export function transportSettingsOf(ctx: Pick<MapContext, 'settings'>): LoraTransportSettings {
  const s = ctx.settings;
  const baseUrl = baseUrlOf(s.baseUrl);
  const username = textOrEnvRefSetting(s, 'username', 'must be the service account of profile PASSERELLE or { env: NAME }', ENV_NAMES);
  const password = envRefSetting(s, 'password', 'must be { env: NAME }: the password is never written in the registry', ENV_NAMES);
  const pollIntervalSeconds = wholeSetting(s, 'pollIntervalSeconds', { min: 1, fallback: DEFAULT_POLL_INTERVAL_SECONDS, unit: 'seconds' });
  const timeoutSeconds = timeoutSetting(s);
  const pageSize = wholeSetting(s, 'pageSize', { min: 1, max: MAX_PAGE_SIZE, fallback: DEFAULT_PAGE_SIZE });
  return { ...settingsOf(ctx), baseUrl, username, password, pollIntervalSeconds, timeoutSeconds, pageSize };
}

/** The transport's settings with the secrets read from `env`; every failure is a `lora.*` ConfigError naming the key. */
export function connectionSettingsOf(ctx: Pick<MapContext, 'settings'>, env: Readonly<Record<string, string | undefined>>): LoraTransportSettings & { user: string; secret: string } {
  return withSystemCodes('lora', () => ({ ...transportSettingsOf(ctx), user: textOrSecret(ctx.settings, 'username', env), secret: secretOf(ctx.settings, 'password', env) }));
}

/** JSON Schema of the settings, checked when the gateway starts (README "Settings"). */
export const SETTINGS_SCHEMA = httpSettingsSchema({
  required: ['baseUrl', 'username', 'password', 'instance', 'organisations'],
  properties: {
    baseUrl: { type: 'string', pattern: '^https?://[^/?#]+(/[^?#]*)?$', description: 'The API of the instance, …/lora/api/v2.' },
    username: { oneOf: [{ type: 'string', minLength: 1 }, { $ref: '#/$defs/secret' }], description: 'The service account of profile PASSERELLE, or { env: NAME }.' },
    password: { $ref: '#/$defs/secret', description: 'Its password, always { env: NAME }.' },
    pollIntervalSeconds: { type: 'integer', minimum: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, description: 'parPage of a poll (50).' },
    instance: { type: 'string', minLength: 1, description: 'The Lora instance of the institution (VS, JU).' },
    versionLora: { type: 'string', pattern: '^\\d+\\.\\d+', description: 'The Lora version of the instance (2.3, 2.4).' },
    organisations: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: 'Lora service codes → registry institution ids.' },
  },
});
