import { ConfigError } from '../../errors.js';
import { SECRET_SCHEMA } from '../files/transports.js';
import { secretOf } from './secrets.js';
import { settingError } from './values.js';

// The settings every transport over HTTP checks alike when it connects: secrets named by
// reference, the timeout, whole numbers (poll interval, page size), the adapter's own error
// codes, and the JSON Schema the gateway checks them with at start.

type Settings = Readonly<Record<string, unknown>>;
type Env = Readonly<Record<string, string | undefined>>;

/** A secret named by reference: the variable that holds it, never the value (registry rule). */
export interface EnvRef {
  env: string;
}

/** How an environment variable may be named (`SECRET_SCHEMA`'s rule): a capital letter, then capitals, digits and `_`. */
export const ENV_NAME = new RegExp(SECRET_SCHEMA.properties.env.pattern);
/** The same, also taking a leading `_` (Lora, Navision and SharePoint-TI check names so when connecting). */
const ENV_NAME_OR_UNDERSCORE = /^[A-Z_][A-Z0-9_]*$/;

export interface EnvRefOptions {
  /** Also take a variable name that starts with `_`. */
  leadingUnderscore?: boolean;
}

/** `{ env: NAME }` and nothing else. */
export function isEnvRef(value: unknown, options: EnvRefOptions = {}): value is EnvRef {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length !== 1) return false;
  const name = (value as Partial<EnvRef>).env;
  return typeof name === 'string' && (options.leadingUnderscore ? ENV_NAME_OR_UNDERSCORE : ENV_NAME).test(name);
}

/** `settings.<key>` as `{ env: NAME }`; anything else (a secret written into the registry) refused, `what` saying why. */
export function envRefSetting(settings: Settings, key: string, what: string, options: EnvRefOptions = {}): EnvRef {
  const value = settings[key];
  if (!isEnvRef(value, options)) throw settingError(key, what);
  return value;
}

/** `settings.<key>` as a non-blank text (kept as written) or `{ env: NAME }`: a user name the registry may hold or name. */
export function textOrEnvRefSetting(settings: Settings, key: string, what: string, options: EnvRefOptions = {}): string | EnvRef {
  const value = settings[key];
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (!isEnvRef(value, options)) throw settingError(key, what);
  return value;
}

/** The value of a `textOrEnvRefSetting`: the text trimmed, or the variable it names read from `env`. */
export function textOrSecret(settings: Settings, key: string, env: Env): string {
  const value = settings[key];
  return typeof value === 'string' ? value.trim() : secretOf(settings, key, env);
}

/** What a transport that polls its system reads of its settings besides its own: how often, how long a request may take, how large a page. */
export interface PollSettings {
  /** Seconds between two polls (`wholeSetting`, unit seconds). */
  pollIntervalSeconds: number;
  /** Seconds one request may take (`timeoutSetting`). */
  timeoutSeconds: number;
  /** Upper bound of a poll's page; a call's limit may ask for fewer. */
  pageSize: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;
/** Seconds one request may take at the most, in every transport's settings. */
export const MAX_TIMEOUT_SECONDS = 600;

/** `settings.timeoutSeconds`: seconds one request may take, more than 0 and at most 600; `fallback` when unset. */
export function timeoutSetting(settings: Settings, fallback = DEFAULT_TIMEOUT_SECONDS): number {
  const timeout = settings.timeoutSeconds ?? fallback;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_SECONDS) {
    throw settingError('timeoutSeconds', `must be a number of seconds, more than 0 and at most ${MAX_TIMEOUT_SECONDS}`);
  }
  return timeout;
}

export interface WholeRule {
  min: number;
  /** No upper bound when unset. */
  max?: number;
  /** The value when the setting is unset (or `null`); without one, an unset setting is `undefined`. */
  fallback?: number;
  /** `seconds`: the message says `a whole number of seconds`. */
  unit?: 'seconds';
  /** The message when the value breaks the rule, if not the one the rule gives. */
  what?: string;
}

/** A whole-number setting from `min` to `max` (a poll interval, a page size), named in the error by its key. */
export function wholeSetting(settings: Settings, key: string, rule: WholeRule & { fallback: number }): number;
export function wholeSetting(settings: Settings, key: string, rule: WholeRule): number | undefined;
export function wholeSetting(settings: Settings, key: string, rule: WholeRule): number | undefined {
  const value = rule.fallback === undefined ? settings[key] : (settings[key] ?? rule.fallback);
  if (value === undefined) return undefined;
  const max = rule.max ?? Number.POSITIVE_INFINITY;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > max) {
    const number = rule.unit === 'seconds' ? 'a whole number of seconds' : 'a whole number';
    throw settingError(key, rule.what ?? (rule.max === undefined ? `must be ${number}, at least ${rule.min}` : `must be ${number} from ${rule.min} to ${rule.max}`));
  }
  return value;
}

/**
 * Reads an adapter's settings under its own error codes: the SDK's generic
 * `adapter.secret-missing` becomes `<system>.secret-missing`, any other setting fault
 * `<system>.settings-invalid` (an operator looks up `<system>.*`); message and details kept.
 */
export function withSystemCodes<T>(system: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const code = error.code === 'adapter.secret-missing' ? `${system}.secret-missing` : `${system}.settings-invalid`;
    throw new ConfigError(code, error.message, error.details);
  }
}

/** The JSON Schema of `timeoutSeconds`, the rule of `timeoutSetting`. */
export const TIMEOUT_SCHEMA = { type: 'number', exclusiveMinimum: 0, maximum: MAX_TIMEOUT_SECONDS } as const;

/**
 * The settings schema of an adapter that reaches its system over HTTP: a closed object of
 * the adapter's own properties, `timeoutSeconds` as `timeoutSetting` takes it, and
 * secrets (`$ref: '#/$defs/secret'`) as `{ env: NAME }`.
 */
export function httpSettingsSchema(own: { required: readonly string[]; properties: Readonly<Record<string, unknown>> }): Readonly<Record<string, unknown>> {
  return {
    type: 'object',
    additionalProperties: false,
    required: [...own.required],
    properties: { ...own.properties, timeoutSeconds: TIMEOUT_SCHEMA },
    $defs: { secret: SECRET_SCHEMA },
  };
}
