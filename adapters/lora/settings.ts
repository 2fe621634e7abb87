import { ConfigError, OrganisationMap, SECRET_SCHEMA, secretOf, settingError, textSetting, type MapContext } from '../../src/adapters/sdk.js';

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

/** A secret named by reference: the variable that holds it, never the value (registry rule). */
export interface EnvRef {
  env: string;
}

/** What the transport reads besides the mapping's settings (README "Settings"). */
export interface LoraTransportSettings extends LoraSettings {
  /** `…/lora/api/v2` of the instance, no trailing slash. */
  baseUrl: string;
  /** The service account of profile PASSERELLE: a literal or a variable. */
  username: string | EnvRef;
  /** Its password, always from a variable. */
  password: EnvRef;
  /** Seconds between two polls (Lora pushes nothing); FORMAT: every 10 minutes. */
  pollIntervalSeconds: number;
  /** Seconds one request may take: a page of 50 full snapshots is large. */
  timeoutSeconds: number;
  /** `parPage` of a poll (FORMAT: 50); a call's limit may ask for fewer. */
  pageSize: number;
}

export const DEFAULT_POLL_INTERVAL_SECONDS = 600;
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

const isEnvRef = (v: unknown): v is EnvRef =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as EnvRef).env === 'string' && /^[A-Z_][A-Z0-9_]*$/.test((v as EnvRef).env);

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
  const username = s.username;
  if (!(typeof username === 'string' && username.trim() !== '') && !isEnvRef(username)) throw settingError('username', 'must be the service account of profile PASSERELLE or { env: NAME }');
  if (!isEnvRef(s.password)) throw settingError('password', 'must be { env: NAME }: the password is never written in the registry');
  const poll = s.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS;
  if (typeof poll !== 'number' || !Number.isInteger(poll) || poll < 1) throw settingError('pollIntervalSeconds', 'must be a whole number of seconds, at least 1');
  const timeout = s.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > 600) throw settingError('timeoutSeconds', 'must be a number of seconds, more than 0 and at most 600');
  const pageSize = s.pageSize ?? DEFAULT_PAGE_SIZE;
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw settingError('pageSize', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  return { ...settingsOf(ctx), baseUrl, username, password: s.password, pollIntervalSeconds: poll, timeoutSeconds: timeout, pageSize };
}

/** The transport's settings with the secrets read from `env`; every failure is a `lora.*` ConfigError naming the key. */
export function connectionSettingsOf(
  ctx: Pick<MapContext, 'settings'>,
  env: Readonly<Record<string, string | undefined>>,
): LoraTransportSettings & { user: string; secret: string } {
  try {
    const s = transportSettingsOf(ctx);
    const user = typeof s.username === 'string' ? s.username.trim() : secretOf(ctx.settings, 'username', env);
    return { ...s, user, secret: secretOf(ctx.settings, 'password', env) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const code = error.code === 'adapter.secret-missing' ? 'lora.secret-missing' : 'lora.settings-invalid';
    throw new ConfigError(code, error.message, error.details);
  }
}

/** JSON Schema of the settings, checked when the gateway starts (README "Settings"). */
export const SETTINGS_SCHEMA: Readonly<Record<string, unknown>> = {
  type: 'object',
  additionalProperties: false,
  required: ['baseUrl', 'username', 'password', 'instance', 'organisations'],
  properties: {
    baseUrl: { type: 'string', pattern: '^https?://[^/?#]+(/[^?#]*)?$', description: 'The API of the instance, …/lora/api/v2.' },
    username: { oneOf: [{ type: 'string', minLength: 1 }, { $ref: '#/$defs/secret' }], description: 'The service account of profile PASSERELLE, or { env: NAME }.' },
    password: { $ref: '#/$defs/secret', description: 'Its password, always { env: NAME }.' },
    pollIntervalSeconds: { type: 'integer', minimum: 1 },
    timeoutSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 600 },
    pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, description: 'parPage of a poll (50).' },
    instance: { type: 'string', minLength: 1, description: 'The Lora instance of the institution (VS, JU).' },
    versionLora: { type: 'string', pattern: '^\\d+\\.\\d+', description: 'The Lora version of the instance (2.3, 2.4).' },
    organisations: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: 'Lora service codes → registry institution ids.' },
  },
  $defs: { secret: SECRET_SCHEMA },
};
