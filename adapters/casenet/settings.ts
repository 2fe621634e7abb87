import { httpSettingsSchema, OrganisationMap, secretOf, settingError, textSetting, timeoutSetting, wholeSetting, withSystemCodes, type ConnectionSettings, type MapContext } from '../../src/adapters/sdk.js';

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

export const DEFAULT_PAGE_SIZE = 20;

const URL_SHAPE = /^https?:\/\/[^/\s]+(\/\S*)?$/;

function urlSetting(s: Readonly<Record<string, unknown>>, key: string, what: string): string {
  const value = s[key];
  if (typeof value !== 'string' || !URL_SHAPE.test(value.trim())) throw settingError(key, what);
  return value.trim().replace(/\/+$/, '');
}

/**
 * Every setting of the transport, checked when the connection is made: a wrong registry
 * entry fails there naming its key (`casenet.settings-invalid`, `casenet.secret-missing`),
 * never a value.
 */
export function connectionSettingsOf(ctx: Pick<ConnectionSettings, 'settings' | 'env'>): CaseNetConnectionSettings {
  const s = ctx.settings;
  return withSystemCodes('casenet', () => {
    const baseUrl = urlSetting(s, 'baseUrl', 'must be the URL of CaseNet’s API (…/api/v3)');
    const tokenUrl = urlSetting(s, 'tokenUrl', 'must be the URL of CaseNet’s OAuth2 token endpoint');
    const clientId = textSetting(s, 'clientId', 'must be the OAuth2 client id the gateway has at CaseNet');
    const clientSecret = secretOf(s, 'clientSecret', ctx.env);
    const poll = wholeSetting(s, 'pollIntervalSeconds', { min: 1, max: 86_400, unit: 'seconds' });
    const timeoutSeconds = timeoutSetting(s);
    const pageSize = wholeSetting(s, 'pageSize', { min: 1, max: 1000 }) ?? DEFAULT_PAGE_SIZE;
    return { ...settingsOf(ctx), baseUrl, tokenUrl, clientId, clientSecret, ...(poll === undefined ? {} : { pollIntervalSeconds: poll }), timeoutSeconds, pageSize };
  });
}

/** JSON Schema of an institution's CaseNet settings, checked when the gateway starts. */
export const SETTINGS_SCHEMA = httpSettingsSchema({
  required: ['baseUrl', 'tokenUrl', 'clientId', 'clientSecret', 'organisations'],
  properties: {
    baseUrl: { type: 'string', pattern: URL_SHAPE.source, description: 'CaseNet’s API root, …/api/v3.' },
    tokenUrl: { type: 'string', pattern: URL_SHAPE.source, description: 'The OAuth2 token endpoint (client credentials).' },
    clientId: { type: 'string', minLength: 1 },
    clientSecret: { $ref: '#/$defs/secret', description: 'The OAuth2 client secret, always { env: NAME }.' },
    webhookSecret: { $ref: '#/$defs/secret', description: 'The shared secret of X-CaseNet-Signature, for institutions that receive webhooks.' },
    organisations: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: 'CaseNet institution codes → registry institution ids.' },
    pollIntervalSeconds: { type: 'integer', minimum: 1, maximum: 86400, description: 'Polls GET /dossiers?modifiesDepuis= as a fallback to webhooks; absent: no poll.' },
    pageSize: { type: 'integer', minimum: 1, maximum: 1000, description: 'taille of a journal page (default 20).' },
  },
});
