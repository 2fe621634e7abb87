import { ConfigError, OrganisationMap, secretOf, settingError, SECRET_SCHEMA, type ConnectionSettings, type MapContext } from '../../src/adapters/sdk.js';

/** What the mapping reads of an institution's settings (README "Settings"). */
export interface CaseNetSettings {
  /** CaseNet institution codes (`OAI-FR`) → registry institution ids. */
  organisations: OrganisationMap;
}

export function settingsOf(ctx: Pick<MapContext, 'settings'>): CaseNetSettings {
  return { organisations: OrganisationMap.fromSettings(ctx.settings) };
}

/** What the transport needs besides the mapping's settings, secrets read from the environment. */
export interface CaseNetConnectionSettings extends CaseNetSettings {
  /** CaseNet's API root, `…/api/v3`, without a trailing slash. */
  baseUrl: string;
  /** OAuth2 client credentials (FORMAT "Transport"). */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Seconds between two polls of `GET /dossiers?modifiesDepuis=`; absent: webhooks only, no poll. */
  pollIntervalSeconds?: number;
  /** Seconds one request may take. */
  timeoutSeconds: number;
  /** `taille` of a journal page; the FORMAT reads with 20. */
  pageSize: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_PAGE_SIZE = 20;

const URL_SHAPE = /^https?:\/\/[^/\s]+(\/\S*)?$/;

function urlSetting(s: Readonly<Record<string, unknown>>, key: string, what: string): string {
  const value = s[key];
  if (typeof value !== 'string' || !URL_SHAPE.test(value.trim())) throw settingError(key, what);
  return value.trim().replace(/\/+$/, '');
}

function wholeNumber(s: Readonly<Record<string, unknown>>, key: string, min: number, max: number, what: string): number | undefined {
  const value = s[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw settingError(key, what);
  return value;
}

/**
 * Every setting of the transport, checked when the connection is made: a wrong registry
 * entry fails there naming its key (`casenet.settings-invalid`, `casenet.secret-missing`),
 * never a value.
 */
export function connectionSettingsOf(ctx: Pick<ConnectionSettings, 'settings' | 'env'>): CaseNetConnectionSettings {
  const s = ctx.settings;
  try {
    const baseUrl = urlSetting(s, 'baseUrl', 'must be the URL of CaseNet’s API (…/api/v3)');
    const tokenUrl = urlSetting(s, 'tokenUrl', 'must be the URL of CaseNet’s OAuth2 token endpoint');
    const clientId = s.clientId;
    if (typeof clientId !== 'string' || clientId.trim() === '') throw settingError('clientId', 'must be the OAuth2 client id the gateway has at CaseNet');
    const clientSecret = secretOf(s, 'clientSecret', ctx.env);
    const poll = wholeNumber(s, 'pollIntervalSeconds', 1, 86_400, 'must be a whole number of seconds from 1 to 86400');
    const timeout = s.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > 600) throw settingError('timeoutSeconds', 'must be a number of seconds, more than 0 and at most 600');
    const pageSize = wholeNumber(s, 'pageSize', 1, 1000, 'must be a whole number from 1 to 1000') ?? DEFAULT_PAGE_SIZE;
    return {
      ...settingsOf(ctx),
      baseUrl,
      tokenUrl,
      clientId: clientId.trim(),
      clientSecret,
      ...(poll === undefined ? {} : { pollIntervalSeconds: poll }),
      timeoutSeconds: timeout,
      pageSize,
    };
  } catch (error) {
    // The SDK's generic codes, under this adapter's name: an operator looks up `casenet.*`.
    if (!(error instanceof ConfigError)) throw error;
    const code = error.code === 'adapter.secret-missing' ? 'casenet.secret-missing' : 'casenet.settings-invalid';
    throw new ConfigError(code, error.message, error.details);
  }
}

/** JSON Schema of an institution's CaseNet settings, checked when the gateway starts. */
export const SETTINGS_SCHEMA: Readonly<Record<string, unknown>> = {
  type: 'object',
  additionalProperties: false,
  required: ['baseUrl', 'tokenUrl', 'clientId', 'clientSecret', 'organisations'],
  properties: {
    baseUrl: { type: 'string', pattern: URL_SHAPE.source, description: 'CaseNet’s API root, …/api/v3.' },
    tokenUrl: { type: 'string', pattern: URL_SHAPE.source, description: 'The OAuth2 token endpoint (client credentials).' },
    clientId: { type: 'string', minLength: 1 },
    clientSecret: { $ref: '#/$defs/secret', description: 'The OAuth2 client secret, always { env: NAME }.' },
    webhookSecret: { $ref: '#/$defs/secret', description: 'The shared secret of X-CaseNet-Signature, for institutions that receive webhooks.' },
    organisations: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: 'CaseNet institution codes → registry institution ids.' },
    pollIntervalSeconds: { type: 'integer', minimum: 1, maximum: 86400, description: 'Polls GET /dossiers?modifiesDepuis= as a fallback to webhooks; absent: no poll.' },
    timeoutSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 600 },
    pageSize: { type: 'integer', minimum: 1, maximum: 1000, description: 'taille of a journal page (default 20).' },
  },
  $defs: { secret: SECRET_SCHEMA },
};
