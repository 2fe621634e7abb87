import { envRefSetting, httpSettingsSchema, OrganisationMap, secretOf, settingError, timeoutSetting, wholeSetting, withSystemCodes, type EnvRef, type MapContext, type PollSettings } from '../../src/adapters/sdk.js';
import { isGuid } from './values.js';

/** What the transport reads of an institution's settings (README "Settings"); the mapping reads the tables itself. */
export interface CentralisSettings extends PollSettings {
  /** The Web API root, `https://…/api/data/v9.2`, no trailing slash. */
  baseUrl: string;
  /** Entra ID tenant: its GUID or its domain. */
  tenantId: string;
  /** The app registration that holds the client credentials. */
  clientId: string;
  clientSecret: EnvRef;
  /** Defaults to `<origin of baseUrl>/.default`, the Dataverse resource. */
  scope: string;
  /** Defaults to Entra ID's v2 token endpoint of `tenantId`. */
  tokenUrl: string;
  organisations: OrganisationMap;
  businessUnits: OrganisationMap;
}

/** Seconds between two polls; the gateway polls only institutions that set it. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 300;
/** `pageSize`: the upper bound of `odata.maxpagesize` of the change-tracking poll. */
export const DEFAULT_PAGE_SIZE = 50;
/** Dataverse serves at most 5,000 rows a page; far fewer keep a page's joined related filters short. */
export const MAX_PAGE_SIZE = 500;

const URL_ROOT = /^https?:\/\/[^/?#]+\/[^?#]*[^/?#]$/;
const TENANT = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

/** Every setting, checked: the transport fails fast, naming the key and never a value. */
export function settingsOf(ctx: Pick<MapContext, 'settings'>): CentralisSettings {
  const s = ctx.settings;
  const baseUrl = s.baseUrl;
  if (typeof baseUrl !== 'string' || !URL_ROOT.test(baseUrl)) throw settingError('baseUrl', 'must be the Web API root URL (https://…/api/data/v9.2), without a trailing slash');
  const tenantId = s.tenantId;
  if (typeof tenantId !== 'string' || !TENANT.test(tenantId)) throw settingError('tenantId', 'must be the Entra ID tenant id (a GUID) or its domain');
  const clientId = s.clientId;
  if (typeof clientId !== 'string' || !isGuid(clientId)) throw settingError('clientId', 'must be the application (client) id of the app registration, a GUID');
  const clientSecret = envRefSetting(s, 'clientSecret', 'must be { env: NAME }: the client secret is never written in the registry');
  const scope = s.scope ?? `${new URL(baseUrl).origin}/.default`;
  if (typeof scope !== 'string' || !/^https:\/\/\S+\/\.default$/.test(scope)) throw settingError('scope', 'must be the Dataverse resource followed by /.default');
  const tokenUrl = s.tokenUrl ?? `https://login.microsoftonline.com/${tenantId}/oauth2/v2.0/token`;
  if (typeof tokenUrl !== 'string' || !/^https:\/\/[^/?#]+\/\S*$/.test(tokenUrl)) throw settingError('tokenUrl', 'must be an https URL (the Entra ID token endpoint)');
  const timeoutSeconds = timeoutSetting(s);
  return {
    baseUrl,
    tenantId,
    clientId,
    clientSecret,
    scope,
    tokenUrl,
    pollIntervalSeconds: wholeSetting(s, 'pollIntervalSeconds', { min: 1, max: 86_400, fallback: DEFAULT_POLL_INTERVAL_SECONDS }),
    timeoutSeconds,
    pageSize: wholeSetting(s, 'pageSize', { min: 1, max: MAX_PAGE_SIZE, fallback: DEFAULT_PAGE_SIZE }),
    organisations: OrganisationMap.fromSettings(s),
    businessUnits: OrganisationMap.fromSettings(s, 'businessUnits'),
  };
}

/** What the transport needs, the secret read from `env`; every failure is a `centralis.*` ConfigError naming the key. */
export function connectionSettingsOf(ctx: Pick<MapContext, 'settings'>, env: Readonly<Record<string, string | undefined>>): CentralisSettings & { secret: string } {
  return withSystemCodes('centralis', () => ({ ...settingsOf(ctx), secret: secretOf(ctx.settings, 'clientSecret', env) }));
}

const CODES = { type: 'object', additionalProperties: { type: 'string', minLength: 1 } } as const;

/** The same rules as JSON Schema, checked when the gateway starts (unknown keys are refused). */
export const SETTINGS_SCHEMA = httpSettingsSchema({
  required: ['baseUrl', 'tenantId', 'clientId', 'clientSecret', 'organisations'],
  properties: {
    baseUrl: { type: 'string', pattern: URL_ROOT.source, description: 'The Web API root, https://…/api/data/v9.2, no trailing slash.' },
    tenantId: { type: 'string', pattern: TENANT.source, description: 'Entra ID tenant id or domain.' },
    clientId: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', description: 'Application (client) id of the app registration.' },
    clientSecret: { $ref: '#/$defs/secret', description: 'The client secret, always { env: NAME }.' },
    scope: { type: 'string', pattern: '^https://\\S+/\\.default$', description: 'Defaults to <origin of baseUrl>/.default.' },
    tokenUrl: { type: 'string', pattern: '^https://[^/?#]+/\\S*$', description: "Defaults to https://login.microsoftonline.com/<tenantId>/oauth2/v2.0/token." },
    pollIntervalSeconds: { type: 'integer', minimum: 1, maximum: 86_400 },
    pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, description: 'Upper bound of Prefer: odata.maxpagesize for a poll.' },
    organisations: { ...CODES, description: 'Account numbers (accountnumber) → registry institution ids.' },
    businessUnits: { ...CODES, description: 'Business unit names → registry institution ids (activities).' },
    languageOptions: { type: 'object', propertyNames: { pattern: '^[0-9]+$' }, additionalProperties: { type: 'string', minLength: 2 }, description: 'cosm_langue value → ISO 639 code; a seed, the option set read from Dataverse wins.' },
  },
});
