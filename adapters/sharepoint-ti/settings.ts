import { envRefSetting, httpSettingsSchema, OrganisationMap, secretOf, settingError, timeoutSetting, wholeSetting, withSystemCodes, type EnvRef, type MapContext, type PollSettings } from '../../src/adapters/sdk.js';
import { LISTS, type ListKey } from './columns.js';

/** What an institution on the Ticino SharePoint site declares in the registry (README "Settings"). */
export interface SharepointTiSettings extends PollSettings {
  /** `Enti` item ids → registry ids. */
  organisations: OrganisationMap;
  /** The site: `https://<tenant>.sharepoint.com/sites/<name>`, no trailing slash. */
  siteUrl: string;
  /** Entra ID tenant (GUID or domain) of the app registration. */
  tenantId: string;
  /** The app registration's client id (app-only). */
  clientId: string;
  /** PEM holding the certificate credential's private key, always from a variable. */
  certificate: EnvRef;
  /** SHA-1 thumbprint (hex) of that certificate, as Entra ID shows it: the assertion's `x5t`. */
  certificateThumbprint: string;
  /** List titles for `GetByTitle`, by list; an installation that renamed a list says so here. */
  lists: Readonly<Record<ListKey, string>>;
}

/** A poll on `Modified` every 5 minutes: SharePoint REST has no push for lists. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 300;
/** `pageSize` is the `$top` of a poll page. */
export const DEFAULT_PAGE_SIZE = 100;
/** SharePoint's own bound of `$top`. */
export const MAX_PAGE_SIZE = 5000;

const SITE_URL = /^https:\/\/[^/?#\s]+\/sites\/[^/?#\s]+$/;
// No flags: the same sources are the schema's patterns.
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A tenant id (GUID) or one of its domains; it goes into the token URL's path. */
const TENANT = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$/;
const THUMBPRINT = /^[0-9A-Fa-f]{40}$/;
const LIST_KEYS = Object.keys(LISTS) as ListKey[];

function listsOf(value: unknown): Record<ListKey, string> {
  const titles = Object.fromEntries(LIST_KEYS.map((k) => [k, LISTS[k].title])) as Record<ListKey, string>;
  if (value === undefined) return titles;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw settingError('lists', `must map ${LIST_KEYS.join(', ')} to list titles`);
  for (const [key, title] of Object.entries(value)) {
    if (!LIST_KEYS.includes(key as ListKey)) throw settingError(`lists.${key}`, `is no list this adapter reads (${LIST_KEYS.join(', ')})`);
    if (typeof title !== 'string' || title.trim() === '' || title.length > 255) throw settingError(`lists.${key}`, 'must be the title of the list, as GetByTitle takes it');
    titles[key as ListKey] = title.trim();
  }
  return titles;
}

/** Every setting, checked: for the transport, which fails fast naming the key and never its value. */
export function settingsOf(ctx: Pick<MapContext, 'settings'>): SharepointTiSettings {
  const s = ctx.settings;
  const siteUrl = s.siteUrl;
  if (typeof siteUrl !== 'string' || !SITE_URL.test(siteUrl)) throw settingError('siteUrl', 'must be the https URL of the site (https://…/sites/<name>), no trailing slash');
  if (typeof s.tenantId !== 'string' || !TENANT.test(s.tenantId)) throw settingError('tenantId', 'must be the Entra ID tenant, its id or its domain');
  if (typeof s.clientId !== 'string' || !GUID.test(s.clientId)) throw settingError('clientId', "must be the app registration's client id (a GUID)");
  // The variable's name may start with `_` (checked when connecting).
  const certificate = envRefSetting(s, 'certificate', 'must be { env: NAME }: the certificate credential is never written in the registry', { leadingUnderscore: true });
  if (typeof s.certificateThumbprint !== 'string' || !THUMBPRINT.test(s.certificateThumbprint)) throw settingError('certificateThumbprint', "must be the certificate's SHA-1 thumbprint, 40 hex digits");
  const timeoutSeconds = timeoutSetting(s);
  return {
    organisations: OrganisationMap.fromSettings(s),
    siteUrl,
    tenantId: s.tenantId,
    clientId: s.clientId,
    certificate,
    certificateThumbprint: s.certificateThumbprint.toUpperCase(),
    lists: listsOf(s.lists),
    pollIntervalSeconds: wholeSetting(s, 'pollIntervalSeconds', { min: 1, max: 86_400, fallback: DEFAULT_POLL_INTERVAL_SECONDS }),
    timeoutSeconds,
    pageSize: wholeSetting(s, 'pageSize', { min: 1, max: MAX_PAGE_SIZE, fallback: DEFAULT_PAGE_SIZE }),
  };
}

/** What the transport needs, the certificate read from `env`; every failure is a `sharepoint-ti.*` ConfigError naming the key. */
export function connectionSettingsOf(
  ctx: Pick<MapContext, 'settings'>,
  env: Readonly<Record<string, string | undefined>>,
): SharepointTiSettings & { certificatePem: string } {
  return withSystemCodes('sharepoint-ti', () => ({ ...settingsOf(ctx), certificatePem: secretOf(ctx.settings, 'certificate', env) }));
}

/** JSON Schema of the settings, checked when the gateway starts (the same rules as `settingsOf`). */
export const SETTINGS_SCHEMA = httpSettingsSchema({
  required: ['siteUrl', 'tenantId', 'clientId', 'certificate', 'certificateThumbprint', 'organisations'],
  properties: {
    siteUrl: { type: 'string', pattern: SITE_URL.source, description: 'The site, https://…/sites/<name>, no trailing slash.' },
    tenantId: { type: 'string', pattern: TENANT.source, description: 'Entra ID tenant: its id or its domain.' },
    clientId: { type: 'string', pattern: GUID.source, description: "The app registration's client id (app-only)." },
    certificate: { $ref: '#/$defs/secret', description: "PEM with the certificate credential's private key, always { env: NAME }." },
    certificateThumbprint: { type: 'string', pattern: THUMBPRINT.source, description: "The certificate's SHA-1 thumbprint (hex)." },
    lists: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(LIST_KEYS.map((k) => [k, { type: 'string', minLength: 1, maxLength: 255 }])),
      description: 'List titles for GetByTitle, where the site renamed a list.',
    },
    organisations: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: 'Enti item ids → registry institution ids.' },
    pollIntervalSeconds: { type: 'integer', minimum: 1, maximum: 86_400 },
    pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, description: '$top of a poll page.' },
  },
});
